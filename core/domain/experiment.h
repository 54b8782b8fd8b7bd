#pragma once

#include <optional>

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include "domain/experiment_assignment.h"

namespace core {

enum class ExperimentStatus { Draft, Running, Stopped };

QString experimentStatusKey(ExperimentStatus status); // "draft", "running", "stopped"
std::optional<ExperimentStatus> experimentStatusFromKey(const QString& key);

// What an experiment is judged by (audience-and-stats.md §5): two rates of the delivery
// (clicks per impression, conversions per click) and two means per person of the segment.
enum class ExperimentMetric { Ctr, Cvr, ConversionsPerUser, SpendPerUser };

QString experimentMetricKey(ExperimentMetric metric); // "ctr", "cvr", "conversions_per_user", "spend_per_user"
std::optional<ExperimentMetric> experimentMetricFromKey(const QString& key);
// For people: "click rate (CTR)", "conversion rate (CVR)", "conversions per person", "spend per person".
QString experimentMetricLabel(ExperimentMetric metric);
// The four keys, in the order above (for help texts and choices).
QStringList experimentMetricKeys();

// One arm of an experiment: a name and its whole-percent share of the units not held out.
struct ExperimentArm
{
    QString name;
    int weight = 0;
    bool operator==(const ExperimentArm&) const = default;
};

// An A/B experiment on a saved segment, as stored: the segment's current members are split into
// arms (arm 0 is the control) and a holdout by GrowthBook's deterministic hash of the key (or
// the seed), and the arms are compared on the primary metric over [startDate, endDate]. A plain
// value; ExperimentRules checks it and prepares its changes.
struct Experiment
{
    static constexpr int kMinArms = 2;
    static constexpr int kMaxArms = 6;
    static constexpr int kMaxNameLength = 100;
    static constexpr int kMaxKeyLength = 64;
    static constexpr int kMaxArmNameLength = 40;
    // The arm name of the held-out members (in assignments and results); no arm may take it.
    static inline const QString kHoldoutName = QStringLiteral("holdout");

    QString id; // UUID without braces; empty until created
    QString segmentId;
    QString advertiserId; // the segment's advertiser
    QString name;
    QString key;  // unique in the workspace; seeds the assignment unless seed is set
    QString seed; // empty: the key
    QList<ExperimentArm> arms;
    double holdoutPercent = 0; // in [0, 100), at most two decimals
    QDate startDate;
    QDate endDate; // null: open-ended (results run to the last day with data)
    ExperimentMetric primaryMetric = ExperimentMetric::Ctr;
    ExperimentStatus status = ExperimentStatus::Draft;
    int version = 0; // 0 until created; +1 on every change
    QString createdBy;
    QDateTime createdAt; // UTC, millisecond precision
    QString updatedBy;
    QDateTime updatedAt;

    // The assignment's inputs: key, seed, arm weights and holdout.
    ExperimentSplit split() const;
    // The arm's name, or kHoldoutName for -1 (held out).
    QString armName(int arm) const;
    // The holdout in hundredths of a percent (10.5 % → 1050), as stored.
    int holdoutBasisPoints() const;
    static double holdoutPercentFromBasisPoints(qint64 basisPoints);

    bool operator==(const Experiment&) const = default;
};

// One stored version of an experiment (every change is kept): the experiment as it was after
// the change.
struct ExperimentVersion
{
    Experiment experiment;
    QString change; // "created", "updated", "stopped"
    // The idempotency key of the change that made it (WriteOrigin::changeKey, the outbox's key);
    // empty for a version written without one.
    QString changeKey;
    bool operator==(const ExperimentVersion&) const = default;
};

} // namespace core
