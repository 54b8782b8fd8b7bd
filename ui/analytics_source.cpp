#include "analytics_source.h"

#include "databricks/databricks_connection.h"
#include "store/sqlite/sqlite_segment_store.h"
#include "workspace/workspace_session.h"

namespace ui {

AnalyticsSource analyticsOf(core::WorkspaceSession& session)
{
    return [&session]() -> AnalyticsBackend {
        const std::shared_ptr<core::SegmentStore> current = session.store().current();
        if (!current)
            return {};
        if (auto* local = dynamic_cast<core::SqliteSegmentStore*>(current.get()))
            return {current, &local->metrics(), &local->comparisons(), &local->savedComparisons(),
                    &local->pipeline()};
        // A Databricks store shares its owner with the session's connection (aliasing pointer).
        core::DatabricksConnection* connection = session.databricks();
        if (connection && connection->store() == current.get())
            return {current, connection->metrics(), connection->comparisons(), connection->savedComparisons(),
                    connection->pipeline()};
        return {};
    };
}

AnalyticsSource analyticsOf(core::SqliteSegmentStore& store)
{
    return [&store]() -> AnalyticsBackend {
        return {nullptr, &store.metrics(), &store.comparisons(), &store.savedComparisons(),
                &store.pipeline()};
    };
}

} // namespace ui
