#include "analytics/pairwise_significance.h"

#include "analytics/holm_correction.h"

namespace core {

namespace {

TwoProportionSample sampleOf(const KpiSummary& k, Metric metric)
{
    return metric == Metric::Ctr ? TwoProportionSample{k.clicks, k.impressions}
                                 : TwoProportionSample{k.conversions, k.clicks};
}

} // namespace

QList<PairwiseTest> PairwiseSignificance::run(const QStringList& names, const QList<KpiSummary>& kpis,
                                              double alpha)
{
    QList<PairwiseTest> tests;
    const int n = static_cast<int>(std::min(names.size(), kpis.size()));
    QList<double> pValues;
    QList<qsizetype> testedIndex;
    for (int i = 0; i < n; ++i) {
        for (int j = i + 1; j < n; ++j) {
            for (Metric metric : {Metric::Ctr, Metric::Cvr}) {
                PairwiseTest t;
                t.metric = metric;
                t.indexA = i;
                t.indexB = j;
                t.a = sampleOf(kpis[i], metric);
                t.b = sampleOf(kpis[j], metric);
                if (t.a.enoughData() && t.b.enoughData()) {
                    t.result = TwoProportionTest::run(t.a, t.b, 1 - alpha);
                    t.outcome = TestOutcome::NotSignificant;
                    pValues.append(t.result.pValue);
                    testedIndex.append(tests.size());
                }
                tests.append(t);
            }
        }
    }
    const QList<double> adjusted = HolmCorrection::adjust(pValues);
    for (qsizetype k = 0; k < testedIndex.size(); ++k) {
        PairwiseTest& t = tests[testedIndex[k]];
        t.adjustedPValue = adjusted[k];
        const auto [low, high] =
            HolmCorrection::adjustedInterval(t.result.difference, t.adjustedPValue, 1 - alpha);
        t.adjustedCiLow = low;
        t.adjustedCiHigh = high;
        if (t.adjustedPValue < alpha)
            t.outcome = TestOutcome::Significant;
    }
    const int family = static_cast<int>(testedIndex.size());
    for (auto& t : tests) {
        const SignificanceWording::Input words{t.metric,  names[t.indexA], names[t.indexB],  t.a,   t.b,
                                               t.outcome, t.adjustedCiLow, t.adjustedCiHigh, family};
        t.headline = SignificanceWording::headline(words);
        t.detail = SignificanceWording::detail(words);
    }
    return tests;
}

int PairwiseSignificance::familySize(const QList<PairwiseTest>& tests)
{
    return static_cast<int>(std::count_if(tests.begin(), tests.end(), [](const PairwiseTest& t) {
        return t.outcome != TestOutcome::NotEnoughData;
    }));
}

} // namespace core
