#include "domain/report_job_spec.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace core {

namespace {

const char* const kQuartzDays[] = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
const char* const kDayNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

Error invalid(const QString& message)
{
    return Error::validation(QStringLiteral("report_job_invalid"), message);
}

} // namespace

Status ReportJobSpec::validate() const
{
    static const QRegularExpression nameRule(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!nameRule.match(name).hasMatch())
        return invalid(QStringLiteral("The report name “%1” may hold letters, digits, - and _ only (at most 64).").arg(name));
    static const QRegularExpression idRule(QStringLiteral("^[A-Za-z0-9_.:-]{1,128}$"));
    if (!idRule.match(advertiserId).hasMatch())
        return invalid(QStringLiteral("The report needs an advertiser id."));
    for (const QString& id : segmentIds) {
        if (!idRule.match(id).hasMatch())
            return invalid(QStringLiteral("“%1” is not a segment id.").arg(id));
    }
    if (lastDays < 1 || lastDays > 366)
        return invalid(QStringLiteral("The report covers 1 to 366 days, not %1.").arg(lastDays));
    static const QRegularExpression folderRule(
        QStringLiteral("^/Volumes/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)*/?$"));
    if (!folderRule.match(volumeFolder).hasMatch() || volumeFolder.contains(QStringLiteral("/..")))
        return invalid(QStringLiteral("A report scheduled on Databricks goes to a volume folder "
                                      "/Volumes/<catalog>/<schema>/<volume>[/folder] of letters, digits, . _ and -, "
                                      "not “%1”.")
                           .arg(volumeFolder));
    if (weekday < 1 || weekday > 7 || !time.isValid())
        return invalid(QStringLiteral("The schedule needs a weekday and a time of day."));
    if (timeZone.isEmpty() || !QTimeZone(timeZone).isValid())
        return invalid(QStringLiteral("“%1” is not a time zone id such as Europe/Berlin.").arg(QString::fromUtf8(timeZone)));
    return success();
}

QString ReportJobSpec::quartzCron() const
{
    return QStringLiteral("0 %1 %2 ? * %3")
        .arg(time.minute())
        .arg(time.hour())
        .arg(QLatin1String(kQuartzDays[std::clamp(weekday, 1, 7) - 1]));
}

QString ReportJobSpec::outputDirectory() const
{
    QString folder = volumeFolder;
    while (folder.endsWith(QLatin1Char('/')))
        folder.chop(1);
    return folder + QLatin1Char('/') + name;
}

QString ReportJobSpec::describe() const
{
    return QStringLiteral("every %1 at %2 (%3)")
        .arg(QLatin1String(kDayNames[std::clamp(weekday, 1, 7) - 1]), time.toString(QStringLiteral("HH:mm")),
             QString::fromUtf8(timeZone));
}

} // namespace core
