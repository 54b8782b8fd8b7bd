#pragma once

#include <QStringList>

#include "analytics/kpi_summary.h"
#include "analytics/significance_wording.h"

namespace core {

// One pair of segments compared on one rate. A is the earlier segment of the comparison (the
// control of §5.1), B the later one (the treatment): differences are rate B − rate A.
struct PairwiseTest
{
    Metric metric = Metric::Ctr; // Ctr or Cvr
    int indexA = 0;
    int indexB = 1;
    TwoProportionSample a;
    TwoProportionSample b;
    TestOutcome outcome = TestOutcome::NotEnoughData;
    TwoProportionResult result; // meaningful unless outcome is NotEnoughData
    double adjustedPValue = 1;  // Holm over every test run in the comparison
    double adjustedCiLow = 0;   // interval of rate B − rate A back-solved from adjustedPValue
    double adjustedCiHigh = 0;
    QString headline;
    QString detail;
};

// Every pair × {CTR, CVR} of a comparison: two-proportion z-tests (§5.1) on the pairs with
// enough data (§5.5 minimum), Holm-corrected together as one family (§5.5), significant when
// the adjusted p-value is below alpha, and worded for a marketer.
class PairwiseSignificance
{
public:
    // names[i] and kpis[i] describe segment i. Tests are ordered by pair (0-1, 0-2, ..., 1-2, ...),
    // CTR before CVR within a pair.
    static QList<PairwiseTest> run(const QStringList& names, const QList<KpiSummary>& kpis,
                                   double alpha = 0.05);
    // The number of tests that were run (the Holm family size).
    static int familySize(const QList<PairwiseTest>& tests);
};

} // namespace core
