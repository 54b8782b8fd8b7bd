// GrowthBook-compatible assignment against the vectors of GrowthBook's own SDK test suite
// (growthbook/growthbook packages/sdk-js/test/cases.json, snapshot 8f1db44569, sections "hash",
// "getBucketRange" and "chooseVariation"), the values activation-experiments-sync.md §3.1
// computed, and the validation rules of a split.
#include <QHash>
#include <QList>
#include <QString>

#include <gtest/gtest.h>

#include "experiments/experiment_assignment.h"

namespace {

using core::ExperimentAssignment;
using core::ExperimentSplit;
using Range = ExperimentAssignment::BucketRange;

struct HashCase
{
    const char* seed;
    const char* value;
    double expected;
};

TEST(ExperimentAssignment, Fnv1aIntermediatesOfTheReference)
{
    EXPECT_EQ(ExperimentAssignment::fnv1a32(u""), 0x811C9DC5u);
    EXPECT_EQ(ExperimentAssignment::fnv1a32(u"seeda"), 717764279u);
    EXPECT_EQ(ExperimentAssignment::fnv1a32(u"717764279"), 2503390505u);
}

TEST(ExperimentAssignment, HashVersion2MatchesGrowthBookCases)
{
    // cases.json "hash", version 2 (all seven).
    const HashCase cases[] = {
        {"seed", "a", 0.0505},
        {"seed", "b", 0.2696},
        {"foo", "ab", 0.2575},
        {"foo", "def", 0.2019},
        {"89123klj", "8952klfjas09ujkasdf", 0.124},
        {"90850943850283058242805", "123", 0.7516},
        {"()**(%$##$%#$#", "___)((*\":&", 0.0128},
    };
    for (const auto& c : cases)
        EXPECT_DOUBLE_EQ(ExperimentAssignment::hash(QString::fromUtf8(c.seed), QString::fromUtf8(c.value)), c.expected)
            << c.seed << " / " << c.value;
}

TEST(ExperimentAssignment, HashVersion1MatchesGrowthBookCases)
{
    // cases.json "hash", version 1 (all seven): proves fnv1a32 and the concatenation order.
    const HashCase cases[] = {
        {"", "a", 0.22},          {"", "b", 0.077},         {"b", "a", 0.946},
        {"ef", "d", 0.652},       {"asdf", "8952klfjas09ujk", 0.549},
        {"", "123", 0.011},       {"", "___)((*\":&", 0.563},
    };
    for (const auto& c : cases)
        EXPECT_DOUBLE_EQ(ExperimentAssignment::hashV1(QString::fromUtf8(c.seed), QString::fromUtf8(c.value)), c.expected)
            << c.seed << " / " << c.value;
}

TEST(ExperimentAssignment, HashValuesComputedInTheReference)
{
    EXPECT_DOUBLE_EQ(ExperimentAssignment::hash(QStringLiteral("seg-123"), QStringLiteral("u1001")), 0.1047);
    EXPECT_DOUBLE_EQ(ExperimentAssignment::hash(QStringLiteral("seg-123"), QStringLiteral("u1002")), 0.4366);
    EXPECT_DOUBLE_EQ(ExperimentAssignment::hash(QStringLiteral("exp-2025-q3-banner"), QStringLiteral("user-42")), 0.9178);
}

TEST(ExperimentAssignment, HashesUtf16CodeUnitsLikeJavaScript)
{
    // "é" is one UTF-16 unit 0xE9; "😀" is the surrogate pair D83D DE00 (charCodeAt twice).
    quint32 h = 0x811C9DC5u;
    h = (h ^ 0xE9u) * 16777619u;
    EXPECT_EQ(ExperimentAssignment::fnv1a32(u"é"), h);
    quint32 g = 0x811C9DC5u;
    g = (g ^ 0xD83Du) * 16777619u;
    g = (g ^ 0xDE00u) * 16777619u;
    EXPECT_EQ(ExperimentAssignment::fnv1a32(QString::fromUtf8("\xF0\x9F\x98\x80")), g);
}

void expectRanges(const QList<Range>& actual, const QList<Range>& expected, const char* name)
{
    ASSERT_EQ(actual.size(), expected.size()) << name;
    for (qsizetype i = 0; i < actual.size(); ++i) {
        EXPECT_NEAR(actual.at(i).start, expected.at(i).start, 1e-12) << name << " arm " << i;
        EXPECT_NEAR(actual.at(i).end, expected.at(i).end, 1e-12) << name << " arm " << i;
    }
}

TEST(ExperimentAssignment, BucketRangesMatchGrowthBookCases)
{
    // cases.json "getBucketRange" (all but "weights.length not equal to num variations", which
    // this API cannot express: the weights are the arms). null weights = equal weights.
    expectRanges(ExperimentAssignment::bucketRanges({0.5, 0.5}, 1), {{0, 0.5}, {0.5, 1}}, "normal 50/50");
    expectRanges(ExperimentAssignment::bucketRanges({0.5, 0.5}, 0.5), {{0, 0.25}, {0.5, 0.75}}, "reduced coverage");
    expectRanges(ExperimentAssignment::bucketRanges({0.5, 0.5}, 0), {{0, 0}, {0.5, 0.5}}, "zero coverage");
    expectRanges(ExperimentAssignment::bucketRanges({0.25, 0.25, 0.25, 0.25}, 1),
                 {{0, 0.25}, {0.25, 0.5}, {0.5, 0.75}, {0.75, 1}}, "4 variations");
    expectRanges(ExperimentAssignment::bucketRanges({0.4, 0.6}, 1), {{0, 0.4}, {0.4, 1}}, "uneven weights");
    expectRanges(ExperimentAssignment::bucketRanges({0.2, 0.3, 0.5}, 1), {{0, 0.2}, {0.2, 0.5}, {0.5, 1}},
                 "uneven weights, 3 variations");
    expectRanges(ExperimentAssignment::bucketRanges({0.2, 0.3, 0.5}, 0.2), {{0, 0.04}, {0.2, 0.26}, {0.5, 0.6}},
                 "uneven weights, reduced coverage, 3 variations");
    expectRanges(ExperimentAssignment::bucketRanges({0.5, 0.5}, -0.2), {{0, 0}, {0.5, 0.5}}, "negative coverage");
    expectRanges(ExperimentAssignment::bucketRanges({0.5, 0.5}, 1.5), {{0, 0.5}, {0.5, 1}}, "coverage above 1");
    expectRanges(ExperimentAssignment::bucketRanges({0.4, 0.1}, 1), {{0, 0.5}, {0.5, 1}}, "weights sum below 1");
    expectRanges(ExperimentAssignment::bucketRanges({0.7, 0.6}, 1), {{0, 0.5}, {0.5, 1}}, "weights sum above 1");
    expectRanges(ExperimentAssignment::bucketRanges({0.4, 0.5999}, 1), {{0, 0.4}, {0.4, 0.9999}},
                 "weights sum almost equals 1");
}

TEST(ExperimentAssignment, ChooseVariationMatchesGrowthBookCases)
{
    // cases.json "chooseVariation" (all thirteen).
    const QList<Range> even{{0, 0.5}, {0.5, 1}};
    const QList<Range> reduced{{0, 0.25}, {0.5, 0.75}};
    EXPECT_EQ(ExperimentAssignment::arm(0.2, even), 0);
    EXPECT_EQ(ExperimentAssignment::arm(0.4, even), 0);
    EXPECT_EQ(ExperimentAssignment::arm(0.6, even), 1);
    EXPECT_EQ(ExperimentAssignment::arm(0.8, even), 1);
    EXPECT_EQ(ExperimentAssignment::arm(0, even), 0);
    EXPECT_EQ(ExperimentAssignment::arm(0.5, even), 1);
    EXPECT_EQ(ExperimentAssignment::arm(0.2, reduced), 0);
    EXPECT_EQ(ExperimentAssignment::arm(0.4, reduced), -1);
    EXPECT_EQ(ExperimentAssignment::arm(0.6, reduced), 1);
    EXPECT_EQ(ExperimentAssignment::arm(0.8, reduced), -1);
    EXPECT_EQ(ExperimentAssignment::arm(0.25, reduced), -1);
    EXPECT_EQ(ExperimentAssignment::arm(0.5, reduced), 1);
    EXPECT_EQ(ExperimentAssignment::arm(0.5, {{0, 0.5}, {0.5, 0.5}, {0.5, 1}}), 2);
}

TEST(ExperimentAssignment, SplitUsesKeyAsSeedAndHoldoutAsCoverage)
{
    const ExperimentSplit split{QStringLiteral("seg-123"), {}, {50, 50}, 0};
    EXPECT_EQ(ExperimentAssignment::assign(split, QStringLiteral("u1001")), 0); // n = 0.1047
    EXPECT_EQ(ExperimentAssignment::assign(split, QStringLiteral("u1002")), 0); // n = 0.4366
    ExperimentSplit held = split;
    held.holdoutPercent = 20; // ranges [0, 0.4), [0.5, 0.9)
    expectRanges(ExperimentAssignment::bucketRanges(held), {{0, 0.4}, {0.5, 0.9}}, "20 % holdout");
    EXPECT_EQ(ExperimentAssignment::assign(held, QStringLiteral("u1001")), 0);
    EXPECT_EQ(ExperimentAssignment::assign(held, QStringLiteral("u1002")), -1);
    ExperimentSplit seeded{QStringLiteral("whatever"), QStringLiteral("exp-2025-q3-banner"), {50, 50}, 5};
    EXPECT_EQ(ExperimentAssignment::assign(seeded, QStringLiteral("user-42")), 1); // n = 0.9178 in [0.5, 0.975)
    seeded.holdoutPercent = 20;
    EXPECT_EQ(ExperimentAssignment::assign(seeded, QStringLiteral("user-42")), -1); // beyond [0.5, 0.9)
}

TEST(ExperimentAssignment, RaisingCoverageNeverMovesIncludedUsers)
{
    ExperimentSplit split{QStringLiteral("exp-coverage"), {}, {20, 30, 50}, 60};
    QHash<QString, int> first;
    for (int i = 0; i < 5000; ++i) {
        const QString id = QStringLiteral("user-%1").arg(i);
        first.insert(id, ExperimentAssignment::assign(split, id));
    }
    split.holdoutPercent = 10;
    int included = 0;
    for (auto it = first.cbegin(); it != first.cend(); ++it) {
        if (it.value() < 0)
            continue;
        ++included;
        EXPECT_EQ(ExperimentAssignment::assign(split, it.key()), it.value()) << it.key().toStdString();
    }
    EXPECT_GT(included, 1700); // ~40 % of 5,000
    EXPECT_LT(included, 2300);
}

TEST(ExperimentAssignment, ValidationNamesTheProblem)
{
    auto code = [](const ExperimentSplit& s) {
        const auto status = ExperimentAssignment::validate(s);
        return status.ok() ? QStringLiteral("ok") : status.error().code;
    };
    const QString key = QStringLiteral("exp");
    EXPECT_EQ(code({key, {}, {50, 50}, 0}), QStringLiteral("ok"));
    EXPECT_EQ(code({key, {}, {10, 10, 20, 20, 20, 20}, 99.5}), QStringLiteral("ok"));
    EXPECT_EQ(code({key, {}, {100}, 0}), QStringLiteral("experiment_arm_count"));
    EXPECT_EQ(code({key, {}, {10, 10, 10, 10, 10, 10, 40}, 0}), QStringLiteral("experiment_arm_count"));
    EXPECT_EQ(code({key, {}, {0, 100}, 0}), QStringLiteral("experiment_arm_weight"));
    EXPECT_EQ(code({key, {}, {50, 49}, 0}), QStringLiteral("experiment_weights_sum"));
    EXPECT_EQ(code({key, {}, {60, 50}, 0}), QStringLiteral("experiment_weights_sum"));
    EXPECT_EQ(code({key, {}, {50, 50}, 100}), QStringLiteral("experiment_holdout"));
    EXPECT_EQ(code({key, {}, {50, 50}, -1}), QStringLiteral("experiment_holdout"));
    EXPECT_EQ(code({{}, {}, {50, 50}, 0}), QStringLiteral("experiment_key_missing"));
    const auto status = ExperimentAssignment::validate({key, {}, {50, 49}, 0});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, core::ErrorKind::Validation);
    EXPECT_TRUE(status.error().userMessage.contains(QStringLiteral("99"))) << status.error().userMessage.toStdString();
}

TEST(ExperimentAssignment, BucketIsTheHashTimesTenThousand)
{
    EXPECT_EQ(ExperimentAssignment::bucket(QStringLiteral("seed"), QStringLiteral("a")), 505);
    EXPECT_EQ(ExperimentAssignment::bucket(QStringLiteral("seed"), QStringLiteral("b")), 2696);
    EXPECT_EQ(ExperimentAssignment::bucket(QStringLiteral("exp-2025-q3-banner"), QStringLiteral("user-42")), 9178);
}

TEST(ExperimentAssignment, WholeBucketBoundsPickTheSameArmAsTheRangesForEveryBucket)
{
    // What the SQL compares (integers) against what arm() compares (doubles), for all 10,000
    // buckets and splits whose edges fall between buckets (33 %, a 12.5 % holdout, 1 % arms).
    const QList<ExperimentSplit> splits{
        {QStringLiteral("k"), {}, {50, 50}, 0},          {QStringLiteral("k"), {}, {50, 50}, 10},
        {QStringLiteral("k"), {}, {34, 33, 33}, 12.5},   {QStringLiteral("k"), {}, {1, 99}, 0.25},
        {QStringLiteral("k"), {}, {10, 10, 20, 20, 20, 20}, 99.5}, {QStringLiteral("k"), {}, {17, 17, 17, 17, 16, 16}, 33.33},
    };
    for (const auto& split : splits) {
        const auto ranges = ExperimentAssignment::bucketRanges(split);
        const auto bounds = ExperimentAssignment::bucketBounds(split);
        ASSERT_EQ(bounds.size(), split.armPercents.size());
        int included = 0;
        for (int b = 0; b < ExperimentAssignment::kBuckets; ++b) {
            int byBounds = -1;
            for (qsizetype i = 0; i < bounds.size(); ++i) {
                if (b >= bounds.at(i).first && b < bounds.at(i).end) {
                    byBounds = static_cast<int>(i);
                    break;
                }
            }
            ASSERT_EQ(byBounds, ExperimentAssignment::arm(b / 10000.0, ranges)) << "bucket " << b;
            included += byBounds >= 0 ? 1 : 0;
        }
        EXPECT_NEAR(included, 10000 * (1 - split.holdoutPercent / 100), 6.0);
    }
}

} // namespace
