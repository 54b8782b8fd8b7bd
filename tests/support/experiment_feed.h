#pragma once

// A small events feed for experiments and what it should give, counted in C++: 6,000 people
// (ASCII ids u-00001 ...), five in six in the US, each with impressions, some clicks and
// conversions and a spend over 2026-03-01 … 03-20 for advertiser adv-1, and events of adv-2 that
// an experiment of adv-1 must not count. Loaded through a backend's own pipeline (events CSV,
// refresh), so every backend builds its audience the way it always does.
#include <map>

#include <QDate>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include "backends/backend.h"
#include "common/future_wait.h"
#include "domain/experiment.h"
#include "domain/experiment_assignment.h"

namespace testsupport {

struct FeedEvent
{
    QString userId;
    QDate day;
    QString advertiser;
    QString type; // impression, click, conversion
    qint64 costMicros = 0;
};

class ExperimentFeed
{
public:
    static constexpr int kPeople = 6000;
    static inline const QDate kFirstDay{2026, 3, 1};
    static inline const QDate kLastDay{2026, 3, 20};

    ExperimentFeed()
    {
        for (int i = 1; i <= kPeople; ++i) {
            const QString user = userId(i);
            const QDate day = kFirstDay.addDays(i % 20);
            add(user, day, QStringLiteral("adv-1"), QStringLiteral("impression"), 1500 + 10 * (i % 7));
            if (i % 7 == 0)
                add(user, day.addDays(-(i % 5)), QStringLiteral("adv-1"), QStringLiteral("impression"), 2000);
            if (i % 4 == 0)
                add(user, day, QStringLiteral("adv-1"), QStringLiteral("click"), 0);
            if (i % 20 == 0)
                add(user, day, QStringLiteral("adv-1"), QStringLiteral("conversion"), 0);
            if (i % 60 == 0) // a second conversion on the next day, for the per-person squares
                add(user, std::min(kLastDay, day.addDays(1)), QStringLiteral("adv-1"), QStringLiteral("conversion"), 0);
            if (i % 9 == 0)
                add(user, day, QStringLiteral("adv-2"), QStringLiteral("impression"), 999999);
        }
    }

    static QString userId(int i) { return QStringLiteral("u-%1").arg(i, 5, 10, QLatin1Char('0')); }
    static QString countryOf(int i) { return i % 6 == 0 ? QStringLiteral("CA") : QStringLiteral("US"); }

    // The feed as an events CSV file in dir.
    QString writeCsv(const QTemporaryDir& dir) const
    {
        QByteArray csv = "event_id,event_time,advertiser_id,campaign_id,user_id,age,gender,country,region,device,"
                         "interests,event_type,cost_micros\n";
        for (qsizetype k = 0; k < m_events.size(); ++k) {
            const FeedEvent& e = m_events.at(k);
            const int i = e.userId.mid(2).toInt();
            csv += QStringLiteral("ev-%1,%2T10:00:00Z,%3,c1,%4,%5,%6,%7,,mobile,news,%8,%9\n")
                       .arg(k)
                       .arg(e.day.toString(Qt::ISODate), e.advertiser, e.userId)
                       .arg(20 + i % 40)
                       .arg(i % 2 == 0 ? QStringLiteral("f") : QStringLiteral("m"), countryOf(i), e.type)
                       .arg(e.costMicros)
                       .toUtf8();
        }
        const QString path = dir.filePath(QStringLiteral("experiment-feed.csv"));
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(csv);
        return path;
    }

    // Imports the feed into the backend and refreshes it; false (after a test failure) otherwise.
    bool load(core::Backend& backend) const
    {
        QTemporaryDir dir;
        auto imported = core::awaitFuture(backend.pipeline().importEvents(writeCsv(dir), {}));
        if (!imported) {
            ADD_FAILURE() << imported.error().toString().toStdString();
            return false;
        }
        EXPECT_TRUE(imported.value().rejected.isEmpty());
        auto refreshed = core::awaitFuture(backend.pipeline().refresh());
        if (!refreshed) {
            ADD_FAILURE() << refreshed.error().toString().toStdString();
            return false;
        }
        return true;
    }

    // The members of a US segment of adv-1 (everyone was seen in the 30 days to kLastDay).
    static QStringList usMembers()
    {
        QStringList out;
        for (int i = 1; i <= kPeople; ++i) {
            if (countryOf(i) == QLatin1String("US"))
                out << userId(i);
        }
        out.sort();
        return out;
    }

    // What the experiment's data should hold per arm (−1: holdout) over [first, last].
    std::map<int, core::ExperimentArmTotals> expectedTotals(const core::Experiment& e, QDate first, QDate last) const
    {
        std::map<int, core::ExperimentArmTotals> out;
        for (int arm = -1; arm < e.arms.size(); ++arm)
            out[arm].arm = arm;
        std::map<QString, core::ExperimentArmTotals> perUser;
        for (const QString& user : usMembers()) {
            const int arm = core::ExperimentAssignment::assign(e.split(), user);
            out[arm].users += 1;
            perUser[user].arm = arm;
        }
        for (const auto& ev : m_events) {
            auto it = perUser.find(ev.userId);
            if (it == perUser.end() || ev.advertiser != e.advertiserId || ev.day < first || ev.day > last)
                continue;
            core::ExperimentArmTotals& u = it->second;
            u.impressions += ev.type == QLatin1String("impression") ? 1 : 0;
            u.clicks += ev.type == QLatin1String("click") ? 1 : 0;
            u.conversions += ev.type == QLatin1String("conversion") ? 1 : 0;
            u.spendMicros += ev.costMicros;
        }
        for (const auto& [user, u] : perUser) {
            core::ExperimentArmTotals& t = out[u.arm];
            t.impressions += u.impressions;
            t.clicks += u.clicks;
            t.conversions += u.conversions;
            t.spendMicros += u.spendMicros;
            t.conversionsSquared += static_cast<double>(u.conversions) * u.conversions;
            t.spendSquared += (u.spendMicros / 1e6) * (u.spendMicros / 1e6);
        }
        return out;
    }

    const QList<FeedEvent>& events() const { return m_events; }

private:
    QList<FeedEvent> m_events;

    void add(const QString& user, QDate day, const QString& advertiser, const QString& type, qint64 cost)
    {
        m_events.append(FeedEvent{user, day, advertiser, type, cost});
    }
};

} // namespace testsupport
