#include "sql/metrics_sql.h"

namespace core {

MetricsSql::MetricsSql(SqlTarget target) : m_target(std::move(target)) {}

Status MetricsSql::checkRange(QDate from, QDate to)
{
    if (from.isValid() && to.isValid() && from > to)
        return Error::validation(QStringLiteral("date_range_invalid"),
                                 QStringLiteral("The start date %1 is after the end date %2.")
                                     .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    return success();
}

BoundSql MetricsSql::dailyMetrics(const QString& segmentId, QDate from, QDate to) const
{
    SqlParams p;
    const QString id = p.addString(segmentId);
    QString range;
    if (from.isValid())
        range += QStringLiteral(" AND m.day >= %1").arg(p.addDate(from.toString(Qt::ISODate)));
    if (to.isValid())
        range += QStringLiteral(" AND m.day <= %1").arg(p.addDate(to.toString(Qt::ISODate)));
    const QString sql =
        QStringLiteral("SELECT s.segment_id, m.day, m.impressions, m.clicks, m.conversions, m.unique_users, "
                       "m.spend_micros FROM %1 s LEFT JOIN %2 m ON m.segment_id = s.segment_id%3 "
                       "WHERE s.segment_id = %4 ORDER BY m.day")
            .arg(m_target.table(QStringLiteral("gold_segments")),
                 m_target.table(QStringLiteral("gold_segment_daily_metrics")), range, id);
    return {sql, p.take()};
}

namespace {

Result<DailyMetrics> readRow(const MetricsSql::Column& column, const QVariant& day)
{
    DailyMetrics m;
    m.day = QDate::fromString(day.toString().left(10), Qt::ISODate);
    if (!m.day.isValid())
        return Error::parse(QStringLiteral("A stored daily metric has an unreadable day."),
                            QStringLiteral("day = '%1'").arg(day.toString()));
    struct Count
    {
        const char* column;
        qint64* target;
    };
    for (const Count& c : {Count{"impressions", &m.impressions}, Count{"clicks", &m.clicks},
                           Count{"conversions", &m.conversions}, Count{"unique_users", &m.uniqueUsers},
                           Count{"spend_micros", &m.spendMicros}}) {
        bool ok = false;
        *c.target = column(QLatin1String(c.column)).toLongLong(&ok);
        if (!ok)
            return Error::parse(
                QStringLiteral("A stored daily metric has an unreadable %1.").arg(QLatin1String(c.column)),
                QStringLiteral("day %1").arg(m.day.toString(Qt::ISODate)));
    }
    return m;
}

} // namespace

Result<QList<DailyMetrics>> MetricsSql::read(const std::function<bool()>& next, const Column& column,
                                             const QString& segmentId)
{
    QList<DailyMetrics> out;
    bool segmentFound = false;
    while (next()) {
        segmentFound = true;
        const QVariant day = column(QStringLiteral("day"));
        if (day.isNull())
            continue; // the segment exists but has no metrics (in the range)
        auto m = readRow(column, day);
        if (!m)
            return m.error();
        out.append(m.value());
    }
    if (!segmentFound) {
        Error e = Error::notFound(QStringLiteral("There is no segment with id %1.").arg(segmentId));
        e.code = QStringLiteral("segment_unknown");
        return e;
    }
    return out;
}

} // namespace core
