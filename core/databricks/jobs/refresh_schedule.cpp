#include "databricks/jobs/refresh_schedule.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace core {

namespace {

Error invalid(const QString& code, const QString& message, const QString& remediation)
{
    Error e = Error::validation(code, message);
    e.remediation = remediation;
    return e;
}

} // namespace

Result<RefreshSchedule> RefreshSchedule::parse(const QString& time, const QString& zone)
{
    static const QRegularExpression hhmm(QStringLiteral("^([01]?[0-9]|2[0-3]):([0-5][0-9])$"));
    const auto m = hhmm.match(time.trimmed());
    if (!m.hasMatch())
        return invalid(QStringLiteral("schedule_time_invalid"),
                       QStringLiteral("“%1” is not a time of day.").arg(time),
                       QStringLiteral("Give the time as HH:MM on a 24-hour clock, e.g. 06:30."));
    const QByteArray id = zone.trimmed().toUtf8();
    if (id.isEmpty() || !QTimeZone(id).isValid())
        return invalid(
            QStringLiteral("schedule_zone_invalid"), QStringLiteral("“%1” is not a time zone.").arg(zone),
            QStringLiteral("Give an IANA time zone such as Europe/Berlin, America/New_York or UTC."));
    RefreshSchedule s;
    s.time = QTime(m.captured(1).toInt(), m.captured(2).toInt());
    s.timeZone = id;
    return s;
}

Result<RefreshSchedule> RefreshSchedule::fromQuartz(const QString& cron, const QString& zone,
                                                    const QString& pauseStatus)
{
    static const QRegularExpression daily(QStringLiteral("^0 ([0-9]{1,2}) ([0-9]{1,2}) \\* \\* \\?$"));
    const auto m = daily.match(cron.simplified());
    const QTime time = m.hasMatch() ? QTime(m.captured(2).toInt(), m.captured(1).toInt()) : QTime();
    if (!time.isValid())
        return Error::parse(QStringLiteral("The job's schedule “%1” is not a daily schedule.").arg(cron));
    RefreshSchedule s;
    s.time = time;
    s.timeZone = zone.toUtf8();
    s.paused = pauseStatus == QLatin1String("PAUSED");
    return s;
}

QString RefreshSchedule::quartzCron() const
{
    return QStringLiteral("0 %1 %2 * * ?").arg(time.minute()).arg(time.hour());
}

QString RefreshSchedule::pauseStatus() const
{
    return paused ? QStringLiteral("PAUSED") : QStringLiteral("UNPAUSED");
}

QString RefreshSchedule::describe() const
{
    return QStringLiteral("daily at %1 (%2)%3")
        .arg(time.toString(QStringLiteral("HH:mm")), QString::fromUtf8(timeZone),
             paused ? QStringLiteral(", paused") : QString());
}

} // namespace core
