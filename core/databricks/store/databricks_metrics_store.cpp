#include "databricks/store/databricks_metrics_store.h"

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
    const BoundSql bound = m_sql.dailyMetrics(segmentId, from, to);
    StatementRequest request;
    request.sql = bound.sql;
    request.params = bound.params;
    request.catalog = m_catalog;
    request.schema = m_schema;
    request.what = QStringLiteral("read the daily metrics");
    return m_statements->execute(request).then(
        m_context.get(), [segmentId](Result<StatementResult> r) -> Result<QList<DailyMetrics>> {
            if (!r)
                return r.error();
            const StatementResult& result = r.value();
            qsizetype row = -1;
            return MetricsSql::read([&] { return ++row < result.rows.size(); },
                                    [&](const QString& name) { return result.value(row, name); }, segmentId);
        });
}

} // namespace core
