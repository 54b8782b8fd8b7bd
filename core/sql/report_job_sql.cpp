#include "sql/report_job_sql.h"

namespace core {

namespace {

constexpr const char* kValues = "report_job_values";

} // namespace

ReportJobSql::ReportJobSql(SqlTarget target) : m_target(std::move(target)) {}

BoundSql ReportJobSql::createValuesTable() const
{
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (report_name STRING NOT NULL, name STRING NOT NULL, "
                           "value STRING) COMMENT 'The values of the segment reports scheduled as Databricks jobs, "
                           "one row a value: advertiser_id, last_days, segment_id (one row each). Written by Segment "
                           "Builder.'")
                .arg(m_target.table(QLatin1String(kValues))),
            {}};
}

BoundSql ReportJobSql::removeValues(const QString& reportName) const
{
    SqlParams p;
    const QString name = p.addString(reportName);
    return {QStringLiteral("DELETE FROM %1 WHERE report_name = %2").arg(m_target.table(QLatin1String(kValues)), name),
            p.take()};
}

QList<BoundSql> ReportJobSql::storeValues(const ReportJobSpec& spec) const
{
    SqlParams p;
    const QString name = p.addString(spec.name);
    QStringList rows{QStringLiteral("(%1, 'advertiser_id', %2)").arg(name, p.addString(spec.advertiserId)),
                     QStringLiteral("(%1, 'last_days', %2)").arg(name, p.addString(QString::number(spec.lastDays)))};
    for (const QString& id : spec.segmentIds)
        rows.append(QStringLiteral("(%1, 'segment_id', %2)").arg(name, p.addString(id)));
    return {removeValues(spec.name),
            {QStringLiteral("INSERT INTO %1 (report_name, name, value) VALUES %2")
                 .arg(m_target.table(QLatin1String(kValues)), rows.join(QStringLiteral(", "))),
             p.take()}};
}

QString ReportJobSql::script(const ReportJobSpec& spec) const
{
    const QString values = m_target.table(QLatin1String(kValues));
    const QString value = QStringLiteral("(SELECT v.value FROM %1 v WHERE v.report_name = '%2' AND v.name = '%3')");
    const QString advertiser = value.arg(values, spec.name, QStringLiteral("advertiser_id"));
    const QString lastDays = value.arg(values, spec.name, QStringLiteral("last_days"));
    // The report's segments, as rows of gold_segments under `alias`: live, of the advertiser, and the
    // chosen ones when the report names any.
    const auto reportSegment = [&](const QString& alias) {
        return QStringLiteral("%3.deleted_at IS NULL AND %3.advertiser_id = %4 AND (NOT EXISTS (SELECT 1 FROM %1 v "
                              "WHERE v.report_name = '%2' AND v.name = 'segment_id') OR %3.segment_id IN (SELECT "
                              "v.value FROM %1 v WHERE v.report_name = '%2' AND v.name = 'segment_id'))")
            .arg(values, spec.name, alias, advertiser);
    };
    const QString segments = m_target.table(QStringLiteral("gold_segments"));
    const QString daily = m_target.table(QStringLiteral("gold_segment_daily_metrics"));
    return QStringLiteral(
               "-- Segment Builder: the segment report “%1”, scheduled as a Databricks job.\n"
               "-- The daily figures of its segments over the last days with data, as CSV in %2.\n"
               "-- Its values (advertiser, segments, days) are rows of report_job_values.\n"
               "INSERT OVERWRITE DIRECTORY '%2'\n"
               "USING CSV OPTIONS ('header' 'true')\n"
               "SELECT '%1' AS report, s.advertiser_id, a.currency, s.segment_id, s.name AS segment, "
               "m.day AS date, m.impressions, m.clicks, m.conversions, m.unique_users, "
               "CAST(m.spend_micros / 1000000.0 AS DECIMAL(20, 2)) AS spend\n"
               "FROM %3 s\n"
               "JOIN %4 m ON m.segment_id = s.segment_id\n"
               "JOIN %5 a ON a.advertiser_id = s.advertiser_id\n"
               "WHERE %6\n"
               "  AND m.day > date_sub((SELECT MAX(m2.day) FROM %4 m2 JOIN %3 s2 ON s2.segment_id = m2.segment_id "
               "WHERE %7), CAST(%8 AS INT))\n"
               "ORDER BY s.name, s.segment_id, m.day;\n")
        .arg(spec.name, spec.outputDirectory(), segments, daily, m_target.table(QStringLiteral("advertisers")),
             reportSegment(QStringLiteral("s")), reportSegment(QStringLiteral("s2")), lastDays);
}

} // namespace core
