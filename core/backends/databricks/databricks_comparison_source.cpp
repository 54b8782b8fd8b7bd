#include "backends/databricks/databricks_comparison_source.h"

#include "databricks/statement/statement_client.h"
#include "backends/databricks/databricks_segment_store.h"

namespace core {

namespace {

template <typename T> QFuture<Result<T>> ready(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

} // namespace

DatabricksComparisonSource::DatabricksComparisonSource(StatementClient* statements, QString catalog,
                                                       QString schema, MetricsStore& metrics)
    : m_statements(statements), m_catalog(std::move(catalog)), m_schema(std::move(schema)),
      m_sql(SqlTarget{SqlDialect::Databricks, QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_metrics(metrics), m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
}

DatabricksComparisonSource::~DatabricksComparisonSource() = default;

SqlTarget DatabricksComparisonSource::sqlTarget() const
{
    return m_sql.target();
}

QFuture<Result<StatementResult>> DatabricksComparisonSource::run(const BoundSql& sql, const QString& what)
{
    return m_statements->execute(StatementRequest::of(sql, m_catalog, m_schema, what));
}

QFuture<Result<QList<Segment>>> DatabricksComparisonSource::segments(const QStringList& ids)
{
    return gather({}, {}, ids);
}

// One statement for the ids, then one for the segments they refer to that are not read yet.
QFuture<Result<QList<Segment>>> DatabricksComparisonSource::gather(QList<Segment> found, QSet<QString> asked,
                                                                   QStringList ids)
{
    for (const auto& id : ids)
        asked.insert(id);
    return run(m_sql.selectByIds(ids), QStringLiteral("read the segments to compare"))
        .then(m_context.get(),
              [this, found, asked](Result<StatementResult> r) {
                  if (!r)
                      return ready<QList<Segment>>(r.error());
                  auto read = DatabricksSegmentStore::readSegments(r.value());
                  if (!read)
                      return ready<QList<Segment>>(read.error());
                  const QList<Segment> all = found + read.value();
                  const QStringList next = unreadReferences(all, asked);
                  if (next.isEmpty())
                      return ready<QList<Segment>>(all);
                  return gather(all, asked, next);
              })
        .unwrap();
}

QFuture<Result<QDate>> DatabricksComparisonSource::dataAsOf()
{
    return run(m_sql.dataAsOf(), QStringLiteral("read the last day with data"))
        .then(m_context.get(), [](Result<StatementResult> r) -> Result<QDate> {
            if (!r)
                return r.error();
            const QVariant value = r.value().value(0, QStringLiteral("as_of"));
            if (value.isNull())
                return QDate();
            const QDate day = QDate::fromString(value.toString().left(10), Qt::ISODate);
            if (!day.isValid())
                return Error::parse(QStringLiteral("Databricks answered an unreadable last day with data."),
                                    QStringLiteral("as_of = %1").arg(value.toString()));
            return day;
        });
}

QFuture<Result<QHash<QString, qint64>>> DatabricksComparisonSource::aggregateRow(const BoundSql& query,
                                                                                 const QString& what)
{
    return run(query, what)
        .then(m_context.get(), [what](Result<StatementResult> r) -> Result<QHash<QString, qint64>> {
            if (!r)
                return r.error();
            return integerRow(r.value(), what);
        });
}

Result<QHash<QString, qint64>> DatabricksComparisonSource::integerRow(const StatementResult& result,
                                                                      const QString& what)
{
    if (result.rows.isEmpty())
        return Error::internal(QStringLiteral("%1: the aggregate query answered no row").arg(what));
    QHash<QString, qint64> row;
    for (const auto& column : result.columns) {
        const QVariant value = result.value(0, column.name);
        bool ok = true;
        const qint64 number = value.isNull() ? 0 : value.toString().toLongLong(&ok);
        if (!ok)
            return Error::parse(
                QStringLiteral("Databricks answered a figure that is not a whole number, so the "
                               "comparison is not shown."),
                QStringLiteral("%1: column %2 = %3").arg(what, column.name, value.toString()));
        row.insert(column.name, number);
    }
    return row;
}

} // namespace core
