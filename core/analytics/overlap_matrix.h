#pragma once

#include <functional>

#include <QDate>
#include <QList>
#include <QString>

#include "domain/reach_estimate.h"

namespace core {

// How the audiences of the compared segments overlap, among users active in the reach window.
// Symmetric; the diagonal holds each segment's reach.
struct OverlapMatrix
{
    qint64 activeUsers = 0; // everyone active in the window
    QDate asOf;             // last day with data
    int windowDays = kDefaultReachWindowDays;
    QList<QList<qint64>> shared; // shared[i][j]: users in both i and j; shared[i][i]: reach of i

    int count() const { return static_cast<int>(shared.size()); }
    qint64 size(int i) const { return shared[i][i]; }
    qint64 sharedUsers(int i, int j) const { return shared[i][j]; }
    // Share of i's users who are also in j: shared / size(i) (0 when i is empty).
    double shareOf(int i, int j) const;
    // Jaccard index: shared / (size(i) + size(j) − shared) (0 when both are empty).
    double jaccard(int i, int j) const;

    // Reads the row of OverlapQueryBuilder's query (values by column name) for n segments.
    static OverlapMatrix fromQueryRow(int n, const std::function<qint64(const QString& column)>& value);
    bool operator==(const OverlapMatrix&) const = default;
};

} // namespace core
