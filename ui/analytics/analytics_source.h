#pragma once

#include <functional>
#include <memory>

#include <QString>

namespace core {
class AudienceStore;
class Backend;
class ComparisonSource;
class ExperimentStore;
class ImpressionsPipeline;
class MetricsStore;
class SavedComparisonStore;
class WorkspaceSession;
} // namespace core

namespace ui {

// What the detail and comparison views can read from the workspace behind the window right now:
// the local workspace or Databricks, the same way (core::ComparisonBuilder runs on either source).
struct AnalyticsBackend
{
    std::shared_ptr<const void> owner;                      // keeps the backend alive while a request runs
    core::MetricsStore* metrics = nullptr;                  // null while no workspace is open
    core::ComparisonSource* comparisons = nullptr;          // null while no workspace is open
    core::SavedComparisonStore* savedComparisons = nullptr; // null when the backend keeps none
    core::ImpressionsPipeline* pipeline = nullptr;          // events import and metrics refresh
    core::AudienceStore* audiences = nullptr;               // members and their identifiers (activation)
    core::ExperimentStore* experiments = nullptr;           // experiments on segments and their results
    core::Backend* backend = nullptr;                       // all of it at once (reports read every store)
    // A shared workspace that could not be reached at start: only metrics and experiments are there
    // (from the read cache and the outbox); what is null needs the workspace (say so, not "no workspace").
    bool offline = false;

    bool isOpen() const { return metrics != nullptr; }
    bool canCompare() const { return comparisons != nullptr; }
};

// Asked at each request: the workspace can be switched between requests.
using AnalyticsSource = std::function<AnalyticsBackend()>;

// The workspace the session has open (none while it opens or after it failed to).
AnalyticsSource analyticsOf(core::WorkspaceSession& session);
// A backend that stays open (tests, benchmarks); it must outlive the source.
AnalyticsSource analyticsOf(core::Backend& backend);

} // namespace ui
