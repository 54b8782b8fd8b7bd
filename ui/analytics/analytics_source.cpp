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
        if (!current)
            return {};
        return bundleOf(current, *current);
    };
}

AnalyticsSource analyticsOf(core::Backend& backend)
{
    return [&backend]() -> AnalyticsBackend { return bundleOf(nullptr, backend); };
}

} // namespace ui
