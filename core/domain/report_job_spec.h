#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTime>

#include "common/result.h"

namespace core {

// A segment report scheduled on Databricks (a Jobs API job, reference §7): every week on one
// weekday at a time in a time zone, the warehouse writes the report's daily figures per segment as
// CSV into a Unity Catalog volume folder, the app closed. (PDF and HTML need the app's renderer:
// `segctl reports run` makes them from the same figures.)
struct ReportJobSpec
{
    QString name;            // the report's name: letters, digits, - and _
    QString advertiserId;
    QStringList segmentIds;  // empty: every live segment of the advertiser at each run
    int lastDays = 28;       // the last N days with data
    QString volumeFolder;    // /Volumes/<catalog>/<schema>/<volume>[/…]
    int weekday = 1;         // 1 = Monday … 7 = Sunday
    QTime time{8, 0};
    QByteArray timeZone;     // IANA id, e.g. Europe/Berlin

    // Validation error report_job_invalid naming what is wrong. The folder is
    // written into the job's SQL file, which cannot bind values, so it is held to letters, digits
    // and . _ - / (no quote can reach the text).
    Status validate() const;
    // Quartz: "0 <minute> <hour> ? * MON".
    QString quartzCron() const;
    // The folder the CSV goes to: <volumeFolder>/<name>
    QString outputDirectory() const;
    // "every Monday at 08:00 (Europe/Berlin)"
    QString describe() const;
};

// A report's job as the backend holds it (ReportScheduler).
struct ReportJob
{
    qint64 id = 0;
    QString report;     // the report's name
    QString schema;     // "main.ad_segments"
    QString cron;       // quartz_cron_expression
    QString timeZone;   // timezone_id
    QString scriptPath; // the SQL file it runs
};

} // namespace core
