#include "backends/databricks/databricks_metrics_store.h"

#include <QFuture>

#include "databricks/statement/statement_client.h"

namespace core {

DatabricksMetricsStore::DatabricksMetricsStore(StatementClient* statements, QString catalog, QString schema)
    : m_statements(statements), m_catalog(std::move(catalog)), m_schema(std::move(schema)),
      m_sql(SqlTarget{SqlDialect::Databricks, QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
}

DatabricksMetricsStore::~DatabricksMetricsStore() = default;

QFuture<Result<QList<DailyMetrics>>> DatabricksMetricsStore::dailyMetrics(const QString& segmentId,
                                                                          QDate from, QDate to)
{
    if (auto s = MetricsSql::checkRange(from, to); !s)
        return QtFuture::makeReadyFuture(Result<QList<DailyMetrics>>(s.error()));
    return m_statements->execute(request(m_sql.dailyMetrics(segmentId, from, to)))
        .then(m_context.get(), [segmentId](Result<StatementResult> r) -> Result<QList<DailyMetrics>> {
            if (!r)
                return r.error();
            const StatementResult& result = r.value();
            qsizetype row = -1;
            return MetricsSql::read([&] { return ++row < result.rows.size(); },
                                    [&](const QString& name) { return result.value(row, name); }, segmentId);
        });
}

QFuture<Result<QList<SegmentDailyMetrics>>>
DatabricksMetricsStore::dailyMetricsOfAll(const QString& advertiserId, QDate from, QDate to)
{
    using Out = Result<QList<SegmentDailyMetrics>>;
    if (auto s = MetricsSql::checkRange(from, to); !s)
        return QtFuture::makeReadyFuture(Out(s.error()));
    StatementRequest bulk = request(m_sql.dailyMetricsOfAll(advertiserId, from, to));
    bulk.externalLinks = true; // a year of 2,000 segments is ~730,000 rows: chunks by link
    // Parsed where the statement client parses bodies: off the GUI thread.
    return m_statements->execute(bulk).then(QtFuture::Launch::Async, [](Result<StatementResult> r) -> Out {
        if (!r)
            return r.error();
        const StatementResult& result = r.value();
        QList<int> indices;
        for (const QString& name : MetricsSql::columns()) {
            const int index = result.column(name);
            if (index < 0)
                return Error::parse(QStringLiteral("The daily metrics came back without their %1.").arg(name),
                                    QStringLiteral("statement %1").arg(result.statementId));
            indices.append(index);
        }
        qsizetype row = -1;
        return MetricsSql::readGrouped(
            [&] { return ++row < result.rows.size(); },
            [&](int index) { return result.rows.at(row).value(indices.at(index)); });
    });
}

StatementRequest DatabricksMetricsStore::request(const BoundSql& bound) const
{
    StatementRequest request;
    request.sql = bound.sql;
    request.params = bound.params;
    request.catalog = m_catalog;
    request.schema = m_schema;
    request.what = QStringLiteral("read the daily metrics");
    return request;
}

} // namespace core
