#include "analytics/analytics_source.h"

#include "backends/backend.h"
#include "workspace/workspace_session.h"

namespace ui {

namespace {

AnalyticsBackend bundleOf(std::shared_ptr<const void> owner, core::Backend& backend)
{
    return {std::move(owner), &backend.metrics(), &backend.comparisons(), &backend.savedComparisons(),
            &backend.pipeline(), &backend.audiences(), &backend.experiments(), &backend};
}

} // namespace

AnalyticsSource analyticsOf(core::WorkspaceSession& session)
{
    return [&session]() -> AnalyticsBackend {
        const std::shared_ptr<core::Backend> current = session.backend();
        if (current)
            return bundleOf(current, *current);
        // Offline since the start: the daily metrics and experiments as last read (experiment
        // changes are queued in the outbox), nothing else.
        if (const std::shared_ptr<core::Backend> offline = session.offlineBackend()) {
            AnalyticsBackend cached;
            cached.owner = offline;
            cached.metrics = &offline->metrics();
            cached.experiments = &offline->experiments();
            cached.offline = true;
            return cached;
        }
        return {};
    };
}

AnalyticsSource analyticsOf(core::Backend& backend)
{
    return [&backend]() -> AnalyticsBackend { return bundleOf(nullptr, backend); };
}

} // namespace ui
