#pragma once

#include <QByteArray>
#include <QTime>

#include "common/result.h"

namespace core {

// When the scheduled refresh runs: every day at a time of day in a time zone the user picks
// (an IANA id such as Europe/Berlin; daylight saving is the time zone's business). As a Jobs
// API schedule: quartz_cron_expression "0 <minute> <hour> * * ?" with timezone_id.
struct RefreshSchedule
{
    QTime time;          // minute precision
    QByteArray timeZone; // IANA id
    bool paused = false;

    // time "HH:MM" (24 h), zone an IANA id; Validation errors naming what is wrong.
    static Result<RefreshSchedule> parse(const QString& time, const QString& zone);
    // A schedule the app wrote ("0 M H * * ?"); Parse error for any other cron.
    static Result<RefreshSchedule> fromQuartz(const QString& cron, const QString& zone,
                                              const QString& pauseStatus);

    QString quartzCron() const;
    QString pauseStatus() const; // PAUSED / UNPAUSED
    QString describe() const;    // "daily at 06:30 (Europe/Berlin)"
    bool operator==(const RefreshSchedule&) const = default;
};

} // namespace core
