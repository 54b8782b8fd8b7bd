#include "analytics/comparison.h"

namespace core {

QStringList Comparison::names() const
{
    QStringList out;
    for (const auto& s : segments)
        out.append(s.segment.name);
    return out;
}

QList<MetricPeriod> Comparison::chart(int i, Granularity granularity) const
{
    return MetricRollup::rollup(segments.at(i).daily, range, granularity);
}

const PairwiseTest* Comparison::test(int i, int j, Metric metric) const
{
    for (const auto& t : tests) {
        if (t.metric == metric && ((t.indexA == i && t.indexB == j) || (t.indexA == j && t.indexB == i)))
            return &t;
    }
    return nullptr;
}

} // namespace core
