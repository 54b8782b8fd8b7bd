#pragma once

#include <memory>

#include <QObject>

#include "backends/comparison_source.h"
#include "sql/segment_sql.h"

namespace core {

class StatementClient;
struct StatementResult;

// A comparison's reads from Databricks (`<catalog>.<schema>` tables through the SQL warehouse):
// segments by id (one statement, then one per level of segment references), the data-as-of
// day, daily metrics through the connection's DatabricksMetricsStore, and the audience query.
// Every value is bound; a statement that ends FAILED (with HTTP 200) or CANCELED fails the call.
// Lives on the thread of its StatementClient; futures finish there.
class DatabricksComparisonSource final : public ComparisonSource
{
public:
    // metrics must outlive this source (the connection owns both).
    DatabricksComparisonSource(StatementClient* statements, QString catalog, QString schema,
                               MetricsStore& metrics);
    ~DatabricksComparisonSource() override;

    SqlTarget sqlTarget() const override;
    QFuture<Result<QList<Segment>>> segments(const QStringList& ids) override;
    QFuture<Result<QDate>> dataAsOf() override;
    MetricsStore& metrics() override { return m_metrics; }
    QFuture<Result<QHash<QString, qint64>>> aggregateRow(const BoundSql& query, const QString& what) override;

    // The one row of an aggregate result as integers (NULL as 0); a Parse error for a
    // non-integer value, an Internal one for no row.
    static Result<QHash<QString, qint64>> integerRow(const StatementResult& result, const QString& what);

private:
    StatementClient* m_statements;
    QString m_catalog;
    QString m_schema;
    SegmentSql m_sql;
    MetricsStore& m_metrics;
    std::unique_ptr<QObject> m_context; // continuations run in its thread and die with the source

    QFuture<Result<StatementResult>> run(const BoundSql& sql, const QString& what);
    QFuture<Result<QList<Segment>>> gather(QList<Segment> found, QSet<QString> asked, QStringList ids);
};

} // namespace core
