// RefreshSchedule: the time and time zone a user picks for the daily refresh, as a Jobs API
// schedule and back.
#include <gtest/gtest.h>

#include "databricks/jobs/refresh_schedule.h"

namespace {

TEST(RefreshSchedule, ATimeAndZoneBecomeADailyQuartzScheduleAndBack)
{
    auto s = core::RefreshSchedule::parse(QStringLiteral(" 6:05 "), QStringLiteral("Europe/Berlin"));
    ASSERT_TRUE(s) << s.error().toString().toStdString();
    EXPECT_EQ(s.value().time, QTime(6, 5));
    EXPECT_EQ(s.value().quartzCron(), QStringLiteral("0 5 6 * * ?"));
    EXPECT_EQ(s.value().pauseStatus(), QStringLiteral("UNPAUSED"));
    EXPECT_EQ(s.value().describe(), QStringLiteral("daily at 06:05 (Europe/Berlin)"));
    auto back = core::RefreshSchedule::fromQuartz(s.value().quartzCron(), QStringLiteral("Europe/Berlin"),
                                                  QStringLiteral("UNPAUSED"));
    ASSERT_TRUE(back);
    EXPECT_EQ(back.value(), s.value());
    auto paused = core::RefreshSchedule::fromQuartz(QStringLiteral("0 59 23 * * ?"), QStringLiteral("UTC"),
                                                    QStringLiteral("PAUSED"));
    ASSERT_TRUE(paused);
    EXPECT_TRUE(paused.value().paused);
    EXPECT_EQ(paused.value().describe(), QStringLiteral("daily at 23:59 (UTC), paused"));
}

TEST(RefreshSchedule, MalformedTimesZonesAndForeignSchedulesAreRefused)
{
    for (const char* time : {"24:00", "6", "06:60", "6.30", "", "noon"}) {
        auto s = core::RefreshSchedule::parse(QLatin1String(time), QStringLiteral("UTC"));
        ASSERT_FALSE(s) << time;
        EXPECT_EQ(s.error().code, QStringLiteral("schedule_time_invalid"));
        EXPECT_FALSE(s.error().remediation.isEmpty());
    }
    for (const char* zone : {"", "Mars/Olympus_Mons", "Europe/Berlin; DROP"}) {
        auto s = core::RefreshSchedule::parse(QStringLiteral("06:00"), QLatin1String(zone));
        ASSERT_FALSE(s) << zone;
        EXPECT_EQ(s.error().code, QStringLiteral("schedule_zone_invalid"));
    }
    EXPECT_FALSE(
        core::RefreshSchedule::fromQuartz(QStringLiteral("0 0 6 ? * MON-FRI"), QStringLiteral("UTC"), {}));
    EXPECT_FALSE(
        core::RefreshSchedule::fromQuartz(QStringLiteral("0 0 25 * * ?"), QStringLiteral("UTC"), {}));
}

} // namespace
