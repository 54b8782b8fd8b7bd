#pragma once

#include <QDate>
#include <QList>
#include <QtGlobal>

namespace core {

// What one arm (or the holdout) of an experiment delivered: its members and their events of the
// experiment's advertiser over the experiment's days. The sums of squares over members are what
// the per-person metrics' variances need (Σx² per member; doubles, as spend² overflows 64 bits).
struct ExperimentArmTotals
{
    int arm = 0;       // 0 = control, 1.. = treatments, -1 = holdout
    qint64 users = 0;  // the segment's current members assigned here (with or without events)
    qint64 impressions = 0;
    qint64 clicks = 0;
    qint64 conversions = 0;
    qint64 spendMicros = 0;
    double conversionsSquared = 0; // Σ over members of (their conversions)²
    double spendSquared = 0;       // Σ over members of (their spend in currency units)²
    bool operator==(const ExperimentArmTotals&) const = default;
};

// The same, cumulated from the experiment's first day to `day` (for the uplift chart): users
// stays the arm's whole membership, the rest count the events up to and including `day`.
struct ExperimentDailyTotals
{
    QDate day;
    ExperimentArmTotals totals;
    bool operator==(const ExperimentDailyTotals&) const = default;
};

// An experiment's observations as a store computes them in SQL: members of the segment as of the
// last day with data (the people its reach counts), assigned with the experiment's hash, and
// their events in [firstDay, lastDay] (the experiment's dates, cut at the last day with data).
struct ExperimentData
{
    QDate asOf;     // the last day with audience data; invalid when there is none yet
    QDate firstDay; // the experiment's start date
    QDate lastDay;  // its end date, or the last day with data, whichever is earlier; invalid: no days yet
    QList<ExperimentArmTotals> arms;  // one per arm in arm order, then the holdout (arm -1), even when empty
    QList<ExperimentDailyTotals> days; // per day with events in the range and per arm (holdout included), by day then arm
    bool operator==(const ExperimentData&) const = default;
};

} // namespace core
