#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace core {

// Reach counts the users active in the last 30 days of data.
inline constexpr int kDefaultReachWindowDays = 30;

// Audience size after one top-level condition, alone and together with those before it.
struct WaterfallStep
{
    int conditionIndex = 0; // index among the definition root's children
    QString label;          // "Country is United States or Canada"
    qint64 alone = 0;       // users matching this condition alone
    qint64 cumulative = 0;  // users matching it and every condition before it
    bool operator==(const WaterfallStep&) const = default;
};

// Distinct users active in the window ending at asOf who match a definition.
struct ReachEstimate
{
    qint64 reach = 0;
    qint64 activeUsers = 0; // everyone active in the window (the base of the waterfall)
    QDate asOf;             // last day with data
    int windowDays = kDefaultReachWindowDays;
    QList<WaterfallStep> waterfall; // present when the root is an AND
    bool operator==(const ReachEstimate&) const = default;
};

} // namespace core
