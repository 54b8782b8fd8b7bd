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
    return select(p, QStringLiteral("s.segment_id = %1").arg(id), QStringLiteral("m.day"), from, to);
}

BoundSql MetricsSql::dailyMetricsOfAll(const QString& advertiserId, QDate from, QDate to) const
{
    SqlParams p;
    QString where = QStringLiteral("s.deleted_at IS NULL");
    if (!advertiserId.isEmpty())
        where += QStringLiteral(" AND s.advertiser_id = %1").arg(p.addString(advertiserId));
    return select(p, where, QStringLiteral("s.segment_id, m.day"), from, to);
}

BoundSql MetricsSql::select(SqlParams& p, const QString& where, const QString& orderBy, QDate from,
                            QDate to) const
{
    QString range;
    if (from.isValid())
        range += QStringLiteral(" AND m.day >= %1").arg(p.addDate(from.toString(Qt::ISODate)));
    if (to.isValid())
        range += QStringLiteral(" AND m.day <= %1").arg(p.addDate(to.toString(Qt::ISODate)));
    const QString sql =
        QStringLiteral("SELECT s.segment_id, m.day, m.impressions, m.clicks, m.conversions, m.unique_users, "
                       "m.spend_micros FROM %1 s LEFT JOIN %2 m ON m.segment_id = s.segment_id%3 "
                       "WHERE %4 ORDER BY %5")
            .arg(m_target.table(QStringLiteral("gold_segments")),
                 m_target.table(QStringLiteral("gold_segment_daily_metrics")), range, where, orderBy);
    return {sql, p.take()};
}

const QStringList& MetricsSql::columns()
{
    static const QStringList names{QStringLiteral("segment_id"),  QStringLiteral("day"),
                                   QStringLiteral("impressions"), QStringLiteral("clicks"),
                                   QStringLiteral("conversions"), QStringLiteral("unique_users"),
                                   QStringLiteral("spend_micros")};
    return names;
}

namespace {

constexpr int kDayColumn = 1;

// The figures of the current row; `column` reads by index in MetricsSql::columns()' order.
Result<DailyMetrics> readRow(const MetricsSql::ColumnAt& column, const QVariant& day)
{
    DailyMetrics m;
    m.day = QDate::fromString(day.toString().left(10), Qt::ISODate);
    if (!m.day.isValid())
        return Error::parse(QStringLiteral("A stored daily metric has an unreadable day."),
                            QStringLiteral("day = '%1'").arg(day.toString()));
    qint64* const targets[] = {&m.impressions, &m.clicks, &m.conversions, &m.uniqueUsers, &m.spendMicros};
    int index = kDayColumn + 1;
    for (qint64* target : targets) {
        bool ok = false;
        *target = column(index).toLongLong(&ok);
        if (!ok)
            return Error::parse(QStringLiteral("A stored daily metric has an unreadable %1.")
                                    .arg(MetricsSql::columns().at(index)),
                                QStringLiteral("day %1").arg(m.day.toString(Qt::ISODate)));
        ++index;
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
        auto m = readRow([&](int index) { return column(columns().at(index)); }, day);
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

Result<QList<SegmentDailyMetrics>> MetricsSql::readGrouped(const std::function<bool()>& next,
                                                           const ColumnAt& column)
{
    QList<SegmentDailyMetrics> out;
    while (next()) {
        const QString id = column(0).toString();
        if (out.isEmpty() || out.last().segmentId != id)
            out.append(SegmentDailyMetrics{id, {}});
        const QVariant day = column(kDayColumn);
        if (day.isNull())
            continue; // the segment has no metrics (in the range)
        auto m = readRow(column, day);
        if (!m)
            return m.error();
        out.last().days.append(m.value());
    }
    return out;
}

} // namespace core
