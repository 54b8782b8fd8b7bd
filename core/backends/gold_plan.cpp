#include "backends/gold_plan.h"

#include <spdlog/spdlog.h>

#include "domain/segment_validator.h"
#include "logging/logging.h"

namespace core {

GoldPlan GoldPlan::of(const PipelineSql& sql, const QList<Segment>& segments, QDate asOf)
{
    GoldPlan plan;
    plan.asOf = asOf;
    plan.statements = sql.clearGold();
    if (!asOf.isValid())
        return plan; // no data yet: nothing to compute
    const auto resolver = SegmentValidator::resolverOf(segments);
    for (const auto& segment : segments) {
        auto gold = sql.gold(segment, asOf, resolver);
        if (!gold) {
            ++plan.skipped;
            logging::logger("core.pipeline")
                ->warn("segment {} skipped: {}", segment.id.toStdString(), gold.error().toString().toStdString());
            continue;
        }
        plan.statements += gold.value();
        ++plan.segments;
    }
    return plan;
}

void GoldPlan::countIn(PipelineReport& report) const
{
    report.segmentsRefreshed = segments;
    report.segmentsSkipped = skipped;
}

} // namespace core
