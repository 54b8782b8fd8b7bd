#pragma once

#include <QString>

#include "backends/access_store.h"
#include "backends/audience_store.h"
#include "backends/audit_store.h"
#include "backends/comparison_source.h"
#include "backends/experiment_store.h"
#include "backends/impressions_pipeline.h"
#include "backends/metrics_store.h"
#include "backends/saved_comparison_store.h"
#include "backends/segment_store.h"
#include "backends/statement_inquiry.h"

namespace core {

class BackendDiagnostics;
class ReportScheduler;

// One backend's bundle of stores: everything the app reads and writes on a workspace, the
// same way whatever holds it. Each backend is one folder of core/backends (sqlite,
// databricks, postgres) whose factory returns its Backend; nothing above core/backends names
// a concrete backend. The stores live as long as the Backend and are used from the thread
// that made it (their futures finish on the backend's own thread).
//   segments()          segments, advertisers, versions, reach (SegmentStore)
//   metrics()           daily metrics of segments (MetricsStore)
//   comparisons()       what a comparison reads (ComparisonSource)
//   savedComparisons()  comparisons saved by name (SavedComparisonStore)
//   experiments()       A/B experiments on segments, their assignments and results data (ExperimentStore)
//   pipeline()          events import and the metrics refresh (ImpressionsPipeline)
//   audiences()         segments' members and their customer identifiers (AudienceStore)
//   access()            who is signed in and their role per advertiser (AccessStore)
//   audit()             the audit trail of every change (AuditStore)
//   diagnostics()       the step-by-step checks of a shared workspace (null for the local one)
//   statementInquiry()  what became of a statement sent before a crash (Databricks only)
class Backend
{
public:
    virtual ~Backend() = default;

    // "local", "databricks" or "postgres".
    virtual QString kind() const = 0;
    // What the status bar calls it: "Local workspace — /path", "host · catalog.schema".
    virtual QString displayName() const = 0;

    virtual SegmentStore& segments() = 0;
    virtual MetricsStore& metrics() = 0;
    virtual ComparisonSource& comparisons() = 0;
    virtual SavedComparisonStore& savedComparisons() = 0;
    virtual ExperimentStore& experiments() = 0;
    virtual ImpressionsPipeline& pipeline() = 0;
    virtual AudienceStore& audiences() = 0;
    virtual AccessStore& access() = 0;
    virtual AuditStore& audit() = 0;
    // Null when there is nothing to check (the local workspace file).
    virtual BackendDiagnostics* diagnostics() = 0;
    // Null where reports are scheduled on the user's computer instead (local, PostgreSQL/Lakebase).
    virtual ReportScheduler* reportScheduler() = 0;
    // Null where a write is one transaction that a dead client leaves committed or not at all
    // (local, PostgreSQL/Lakebase): see StatementInquiry.
    virtual StatementInquiry* statementInquiry() = 0;
};

} // namespace core
