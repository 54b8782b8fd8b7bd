#pragma once

#include <QList>
#include <QVariant>

#include "domain/pipeline_report.h"

namespace core {

// How one PipelineStatement's outcome feeds the PipelineReport on the shared-database backends
// (Databricks, PostgreSQL), whose statements answer rows and a count of the rows they changed:
// Processed and Audience read the single value answered, Quarantined and SilverAdded the rows
// inserted, Reasons the (reason, count) rows.
class PipelineOutcome
{
public:
    // True when the counter reads rows the statement answers (run it as a query).
    static bool answersRows(PipelineCounter counter);
    static void absorb(PipelineReport& report, PipelineCounter counter, const QList<QVariantList>& rows,
                       qint64 changedRows);
};

} // namespace core
