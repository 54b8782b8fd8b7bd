#include "backends/pipeline_outcome.h"

namespace core {

bool PipelineOutcome::answersRows(PipelineCounter counter)
{
    return counter == PipelineCounter::Processed || counter == PipelineCounter::Audience ||
           counter == PipelineCounter::Reasons;
}

void PipelineOutcome::absorb(PipelineReport& report, PipelineCounter counter, const QList<QVariantList>& rows,
                             qint64 changedRows)
{
    switch (counter) {
    case PipelineCounter::None:
        break;
    case PipelineCounter::Processed:
    case PipelineCounter::Audience:
        core::absorb(report, counter, rows.isEmpty() ? 0 : rows.first().value(0).toLongLong());
        break;
    case PipelineCounter::Quarantined:
    case PipelineCounter::SilverAdded:
        core::absorb(report, counter, changedRows);
        break;
    case PipelineCounter::Reasons:
        for (const auto& row : rows)
            absorbReason(report, row.value(0).toString(), row.value(1).toLongLong());
        break;
    }
}

} // namespace core
