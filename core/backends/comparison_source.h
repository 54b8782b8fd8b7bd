#pragma once

#include <QFuture>
#include <QHash>
#include <QSet>
#include <QStringList>

#include "common/result.h"
#include "domain/segment.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

class MetricsStore;

// What a comparison reads from a backend: the local workspace and PostgreSQL (SessionComparisonSource) or
// Databricks (DatabricksComparisonSource). ComparisonBuilder chains the calls and computes the
// rest. Every call returns at once; the future finishes exactly once, on the backend's thread,
// with the value or an Error (Storage for the local file, Remote/Permission/... for Databricks).
class ComparisonSource
{
public:
    virtual ~ComparisonSource() = default;

    // How the backend's SQL is written (dialect, table prefix), for OverlapQueryBuilder.
    virtual SqlTarget sqlTarget() const = 0;
    // The segments with these ids that exist (deleted ones too; unknown ids are left out), and
    // every segment their definitions refer to, directly or through another one.
    virtual QFuture<Result<QList<Segment>>> segments(const QStringList& ids) = 0;
    // The last day with audience data; a null date when there is none yet.
    virtual QFuture<Result<QDate>> dataAsOf() = 0;
    // Daily metrics of the backend's segments.
    virtual MetricsStore& metrics() = 0;
    // Runs a bound query that answers one row of integers (an aggregate): the row's columns by
    // name, SQL NULL as 0. An Error when the query fails or answers no row or a non-integer.
    virtual QFuture<Result<QHash<QString, qint64>>> aggregateRow(const BoundSql& query,
                                                                 const QString& what) = 0;
    // How many parts of the audience the backend reads at once, each on its own connection (the
    // local workspace: one per core, up to two); 1 where a part is not worth a connection.
    virtual int parallelParts() const { return 1; }
    // aggregateRow on connection `part` (0 ≤ part < parallelParts(); the local workspace takes
    // any of its connections), for one of the parts.
    virtual QFuture<Result<QHash<QString, qint64>>> aggregatePart(const BoundSql& query, const QString& what,
                                                                  int part)
    {
        Q_UNUSED(part);
        return aggregateRow(query, what);
    }

    // The ids the definitions of `known` refer to that are neither known nor in `asked` yet:
    // what a backend reads next to complete segments().
    static QStringList unreadReferences(const QList<Segment>& known, const QSet<QString>& asked);
};

} // namespace core
