#pragma once

#include <QString>

#include "analytics/metric.h"
#include "analytics/two_proportion_test.h"

namespace core {

// What a pairwise test found, in the words a marketer reads.
enum class TestOutcome
{
    Significant,    // the adjusted p-value is below α: "this is unlikely to be chance"
    NotSignificant, // "the difference could be chance"
    NotEnoughData,  // the §5.5 minimum is not met, no test was run
};

// Sentences for one pairwise comparison of a rate (CTR or CVR). The segment with the higher
// rate is always the subject: "B's click rate is higher than A's; this is unlikely to be chance."
class SignificanceWording
{
public:
    struct Input
    {
        Metric metric = Metric::Ctr; // Ctr or Cvr
        QString nameA;
        QString nameB;
        TwoProportionSample a;
        TwoProportionSample b;
        TestOutcome outcome = TestOutcome::NotSignificant;
        double adjustedCiLow = 0; // interval of rate B − rate A after the correction
        double adjustedCiHigh = 0;
        int comparisons = 1; // size of the corrected family
    };

    static QString headline(const Input& input);
    // The numbers behind it: rates, relative and absolute difference, interval; or what is missing.
    static QString detail(const Input& input);

    // "click rate" / "conversion rate".
    static QString rateNoun(Metric metric);
    // "Console Fans'" and "Weekend Hiker's": an apostrophe alone after a final s.
    static QString possessive(const QString& name);
    // 0.01182 → "1.18%".
    static QString percent(double fraction);
    // 0.0018 → "+0.18 points".
    static QString points(double fraction);
};

} // namespace core
