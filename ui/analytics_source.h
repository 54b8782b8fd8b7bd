#pragma once

#include <functional>
#include <memory>

#include <QString>

namespace core {
class MetricsStore;
class SqliteExecutor;
class SqliteSegmentStore;
class WorkspaceSession;
} // namespace core

namespace ui {

// What the detail and comparison views can read from the workspace behind the window right now.
// Daily metrics come from either backend; comparisons and saved comparisons are computed by the
// local workspace only (core::ComparisonBuilder runs its SQL on the SQLite executor).
struct AnalyticsBackend
{
    std::shared_ptr<const void> owner;             // keeps the backend alive while a request runs
    core::MetricsStore* metrics = nullptr;         // null while no workspace is open
    core::SqliteExecutor* localExecutor = nullptr; // null unless the local workspace is open

    bool isOpen() const { return metrics != nullptr; }
    bool isLocal() const { return localExecutor != nullptr; }
};

// Asked at each request: the workspace can be switched between requests.
using AnalyticsSource = std::function<AnalyticsBackend()>;

// The workspace the session has open (none while it opens or after it failed to).
AnalyticsSource analyticsOf(core::WorkspaceSession& session);
// A local workspace that stays open (tests, benchmarks); it must outlive the source.
AnalyticsSource analyticsOf(core::SqliteSegmentStore& store);

} // namespace ui
