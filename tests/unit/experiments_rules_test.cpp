// The rules every experiment store applies (core/domain/experiment_rules.h): each bad field is
// refused with its own code and a sentence naming it, changes are versioned, and once an
// experiment runs nobody can move between arms.
#include <QTimeZone>

#include <gtest/gtest.h>

#include "domain/experiment_json.h"
#include "domain/experiment_rules.h"

namespace {

using core::Experiment;
using core::ExperimentRules;
using core::ExperimentStatus;

const QDateTime kNow(QDate(2026, 11, 20), QTime(12, 0), QTimeZone::utc());

core::Segment liveSegment()
{
    core::Segment s;
    s.id = QStringLiteral("3f1e0c8a-0000-4000-8000-000000000001");
    s.advertiserId = QStringLiteral("adv-pixel");
    s.name = QStringLiteral("Mobile Gamers");
    s.version = 1;
    return s;
}

Experiment draft()
{
    Experiment e;
    e.segmentId = liveSegment().id;
    e.name = QStringLiteral("Spring banner");
    e.key = QStringLiteral("spring-banner");
    e.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 50}};
    e.holdoutPercent = 10;
    e.startDate = QDate(2026, 11, 1);
    e.status = ExperimentStatus::Running;
    return e;
}

QStringList codes(const Experiment& e)
{
    QStringList out;
    for (const auto& issue : ExperimentRules::validate(e))
        out << issue.code;
    return out;
}

QString fieldOf(const Experiment& e)
{
    const auto issues = ExperimentRules::validate(e);
    return issues.isEmpty() ? QString() : issues.first().field;
}

TEST(ExperimentRules, AValidDraftHasNoIssues)
{
    EXPECT_TRUE(codes(draft()).isEmpty());
    Experiment six = draft();
    six.arms = {{QStringLiteral("a"), 10}, {QStringLiteral("b"), 10}, {QStringLiteral("c"), 20},
                {QStringLiteral("d"), 20}, {QStringLiteral("e"), 20}, {QStringLiteral("f"), 20}};
    six.holdoutPercent = 2.5;
    six.seed = QStringLiteral("other.seed_1");
    six.endDate = six.startDate;
    EXPECT_TRUE(codes(six).isEmpty());
}

TEST(ExperimentRules, EachBadFieldHasItsCodeFieldAndSentence)
{
    Experiment e = draft();
    e.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("treatment"), 40}};
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_weights_sum")});
    EXPECT_EQ(fieldOf(e), QStringLiteral("arms"));
    EXPECT_TRUE(ExperimentRules::validate(e).first().message.contains(QStringLiteral("90 %")));

    e = draft();
    e.holdoutPercent = 100;
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_holdout")});
    EXPECT_TRUE(ExperimentRules::validate(e).first().message.contains(QStringLiteral("100 %")));
    e.holdoutPercent = 1.125;
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_holdout_precision")});

    e = draft();
    e.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("Control"), 50}};
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_arm_duplicate")});
    EXPECT_EQ(fieldOf(e), QStringLiteral("arms[1].name"));

    e = draft();
    e.arms = {{QStringLiteral("control"), 50}, {QStringLiteral("holdout"), 50}};
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_arm_name_reserved")});

    e = draft();
    e.key = QStringLiteral("spring banner/2026");
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_key_characters")});
    const QString message = ExperimentRules::validate(e).first().message;
    EXPECT_TRUE(message.contains(QStringLiteral("space")) && message.contains(QStringLiteral("“/”")))
        << message.toStdString();
    e.key = QStringLiteral("-leading");
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_key_characters")});
    e.key = QString();
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_key_required")});
    e.key = QString(65, QLatin1Char('k'));
    EXPECT_TRUE(codes(e).contains(QStringLiteral("experiment_key_too_long")));

    e = draft();
    e.endDate = QDate(2026, 10, 31);
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_end_before_start")});
    EXPECT_EQ(fieldOf(e), QStringLiteral("end_date"));

    e = draft();
    e.arms = {{QStringLiteral("control"), 100}};
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_arm_count")});
    e.arms = {{QStringLiteral("control"), 0}, {QStringLiteral("b"), 100}};
    EXPECT_EQ(codes(e), QStringList{QStringLiteral("experiment_arm_weight")}) << "no sum error on top";

    e = draft();
    e.name = QStringLiteral("  ");
    e.seed = QStringLiteral("ü");
    EXPECT_EQ(codes(e), (QStringList{QStringLiteral("experiment_name_required"), QStringLiteral("experiment_seed_characters")}));
    const core::Error error = core::experimentValidationError(ExperimentRules::validate(e));
    EXPECT_EQ(error.kind, core::ErrorKind::Validation);
    EXPECT_EQ(error.code, QStringLiteral("experiment_name_required"));
    EXPECT_TRUE(error.userMessage.contains(QStringLiteral("2 problems"))) << error.userMessage.toStdString();
}

TEST(ExperimentRules, CreateStampsVersionOneAndTheSegmentsAdvertiser)
{
    auto created = ExperimentRules::prepareCreate(draft(), liveSegment(), QStringLiteral("sam"), kNow);
    ASSERT_TRUE(created) << created.error().toString().toStdString();
    EXPECT_EQ(created.value().version, 1);
    EXPECT_EQ(created.value().advertiserId, QStringLiteral("adv-pixel"));
    EXPECT_FALSE(created.value().id.isEmpty());
    EXPECT_EQ(created.value().createdBy, QStringLiteral("sam"));
    EXPECT_EQ(created.value().createdAt, kNow);

    core::Segment deleted = liveSegment();
    deleted.deletedAt = kNow;
    auto onDeleted = ExperimentRules::prepareCreate(draft(), deleted, QStringLiteral("sam"), kNow);
    ASSERT_FALSE(onDeleted);
    EXPECT_EQ(onDeleted.error().code, QStringLiteral("experiment_segment_unknown"));

    Experiment other = draft();
    other.advertiserId = QStringLiteral("adv-other");
    auto mismatch = ExperimentRules::prepareCreate(other, liveSegment(), QStringLiteral("sam"), kNow);
    ASSERT_FALSE(mismatch);
    EXPECT_EQ(mismatch.error().code, QStringLiteral("experiment_advertiser_mismatch"));

    Experiment stopped = draft();
    stopped.status = ExperimentStatus::Stopped;
    EXPECT_FALSE(ExperimentRules::prepareCreate(stopped, liveSegment(), QStringLiteral("sam"), kNow));
}

TEST(ExperimentRules, UpdatesAreVersionedAndARunningSplitIsLocked)
{
    const Experiment running = ExperimentRules::prepareCreate(draft(), liveSegment(), QStringLiteral("sam"), kNow).value();
    Experiment renamed = running;
    renamed.name = QStringLiteral("Spring banner (EU)");
    renamed.primaryMetric = core::ExperimentMetric::Cvr;
    renamed.endDate = QDate(2026, 12, 31);
    auto updated = ExperimentRules::prepareUpdate(running, renamed, QStringLiteral("kim"), kNow.addSecs(60));
    ASSERT_TRUE(updated) << updated.error().toString().toStdString();
    EXPECT_EQ(updated.value().version, 2);
    EXPECT_EQ(updated.value().updatedBy, QStringLiteral("kim"));
    EXPECT_EQ(updated.value().createdBy, QStringLiteral("sam"));

    auto stale = ExperimentRules::prepareUpdate(updated.value(), renamed, QStringLiteral("kim"), kNow);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().kind, core::ErrorKind::Conflict);
    EXPECT_EQ(stale.error().code, QStringLiteral("version_conflict"));

    Experiment reweighted = running;
    reweighted.arms = {{QStringLiteral("control"), 40}, {QStringLiteral("treatment"), 60}};
    auto locked = ExperimentRules::prepareUpdate(running, reweighted, QStringLiteral("kim"), kNow);
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, QStringLiteral("experiment_split_locked"));

    Experiment asDraft = draft();
    asDraft.status = ExperimentStatus::Draft;
    const Experiment drafted = ExperimentRules::prepareCreate(asDraft, liveSegment(), QStringLiteral("sam"), kNow).value();
    Experiment redrafted = drafted;
    redrafted.arms = reweighted.arms;
    redrafted.status = ExperimentStatus::Running;
    EXPECT_TRUE(ExperimentRules::prepareUpdate(drafted, redrafted, QStringLiteral("kim"), kNow)) << "a draft may change its split";
}

TEST(ExperimentRules, StopEndsTheExperimentTodayAndOnlyOnce)
{
    const Experiment running = ExperimentRules::prepareCreate(draft(), liveSegment(), QStringLiteral("sam"), kNow).value();
    auto stopped = ExperimentRules::prepareStop(running, 1, QStringLiteral("kim"), kNow);
    ASSERT_TRUE(stopped);
    EXPECT_EQ(stopped.value().status, ExperimentStatus::Stopped);
    EXPECT_EQ(stopped.value().endDate, QDate(2026, 11, 20));
    EXPECT_EQ(stopped.value().version, 2);
    auto again = ExperimentRules::prepareStop(stopped.value(), 2, QStringLiteral("kim"), kNow);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, QStringLiteral("experiment_already_stopped"));
    EXPECT_FALSE(ExperimentRules::prepareStop(running, 3, QStringLiteral("kim"), kNow)) << "stale version";
    Experiment edited = stopped.value();
    edited.name = QStringLiteral("Renamed");
    auto frozen = ExperimentRules::prepareUpdate(stopped.value(), edited, QStringLiteral("kim"), kNow);
    ASSERT_FALSE(frozen);
    EXPECT_EQ(frozen.error().code, QStringLiteral("experiment_stopped"));
}

TEST(ExperimentRules, ArmsRoundTripThroughTheirStoredText)
{
    const QList<core::ExperimentArm> arms{{QStringLiteral("control"), 34}, {QStringLiteral("a.b-c_d"), 66}};
    const QString text = core::ExperimentJson::armsToText(arms);
    EXPECT_EQ(text, QStringLiteral(R"([{"name":"control","weight":34},{"name":"a.b-c_d","weight":66}])"));
    auto back = core::ExperimentJson::armsFromText(text);
    ASSERT_TRUE(back);
    EXPECT_EQ(back.value(), arms);
    EXPECT_FALSE(core::ExperimentJson::armsFromText(QStringLiteral("[{\"name\":1}]")));
    EXPECT_EQ(draft().split().armPercents, (QList<int>{50, 50}));
    EXPECT_EQ(draft().armName(-1), QStringLiteral("holdout"));
    EXPECT_EQ(draft().armName(1), QStringLiteral("treatment"));
}

} // namespace
