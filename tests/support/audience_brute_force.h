#pragma once

// Audience counts computed in C++ straight from the cleaned events (silver_impressions), to
// check the SQL the app runs: each user's latest attributes, devices, activity and the
// advertisers and days they were seen.
#include <functional>
#include <map>
#include <optional>
#include <set>

#include <gtest/gtest.h>

#include <QSqlDatabase>
#include <QSqlQuery>

#include "domain/definition.h"

namespace testsupport {

class AudienceBruteForce
{
public:
    using SegmentResolver = std::function<std::optional<core::Definition>(const QString& segmentId)>;

    explicit AudienceBruteForce(const QString& path, SegmentResolver resolver = {})
        : m_resolver(std::move(resolver))
    {
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("brute"));
            db.setDatabaseName(path);
            EXPECT_TRUE(db.open());
            QSqlQuery q(db);
            EXPECT_TRUE(q.exec(QStringLiteral(
                "SELECT user_id, event_time, event_id, age_bucket, gender, country, region, "
                "device, interests, event_type, event_date, advertiser_id FROM silver_impressions")));
            while (q.next()) {
                User& u = m_users[q.value(0).toString()];
                const QString key = q.value(1).toString() + q.value(2).toString();
                const QDate day = QDate::fromString(q.value(10).toString(), Qt::ISODate);
                if (key > u.latestKey) {
                    u.latestKey = key;
                    u.attributes[core::Dimension::Age] = q.value(3).toString();
                    u.attributes[core::Dimension::Gender] = q.value(4).toString();
                    u.attributes[core::Dimension::Country] = q.value(5).toString();
                    u.attributes[core::Dimension::Region] = q.value(6).toString();
                    const QStringList interests =
                        q.value(8).toString().split(QLatin1Char('|'), Qt::SkipEmptyParts);
                    u.interests = QSet<QString>(interests.begin(), interests.end());
                }
                u.devices.insert(q.value(7).toString());
                u.activity[{q.value(9).toString(), day}] += 1;
                u.seen.insert({q.value(11).toString(), day});
                if (!u.lastSeen.isValid() || day > u.lastSeen)
                    u.lastSeen = day;
                if (!m_asOf.isValid() || day > m_asOf)
                    m_asOf = day;
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("brute"));
    }

    QDate asOf() const { return m_asOf; }

    // Users active in the last 30 days who match node.
    qint64 reach(const core::DefinitionNode& node) const
    {
        return static_cast<qint64>(activeMembers(node).size());
    }

    qint64 active() const
    {
        qint64 n = 0;
        for (const auto& [id, u] : m_users)
            n += active(u);
        return n;
    }

    std::set<QString> activeMembers(const core::DefinitionNode& node) const
    {
        std::set<QString> out;
        for (const auto& [id, u] : m_users) {
            if (active(u) && matches(u, node))
                out.insert(id);
        }
        return out;
    }

    // Users matching node (active or not) seen by the advertiser between first and last.
    qint64 rangeUsers(const core::DefinitionNode& node, const QString& advertiserId, QDate first,
                      QDate last) const
    {
        qint64 n = 0;
        for (const auto& [id, u] : m_users) {
            const auto from = u.seen.lower_bound({advertiserId, first});
            if (from != u.seen.end() && from->first == advertiserId && from->second <= last &&
                matches(u, node))
                ++n;
        }
        return n;
    }

private:
    struct User
    {
        QString latestKey;
        std::map<core::Dimension, QString> attributes;
        QSet<QString> interests;
        QSet<QString> devices;
        std::map<std::pair<QString, QDate>, int> activity;
        std::set<std::pair<QString, QDate>> seen; // (advertiser, day)
        QDate lastSeen;
    };

    std::map<QString, User> m_users;
    QDate m_asOf;
    SegmentResolver m_resolver;

    bool active(const User& u) const { return u.lastSeen >= m_asOf.addDays(-29); }

    bool matches(const User& u, const core::DefinitionNode& node) const
    {
        using core::Dimension;
        switch (node.kind) {
        case core::NodeKind::And:
            for (const auto& c : node.children)
                if (!matches(u, c))
                    return false;
            return true;
        case core::NodeKind::Or:
            for (const auto& c : node.children)
                if (matches(u, c))
                    return true;
            return false;
        case core::NodeKind::Not:
            return !matches(u, node.children.front());
        case core::NodeKind::Condition:
            for (const auto& v : node.values) {
                if (node.dimension == Dimension::Device && u.devices.contains(v))
                    return true;
                if (node.dimension == Dimension::Interest) {
                    for (const auto& i : u.interests)
                        if (i == v || i.startsWith(v + QLatin1Char('.')))
                            return true;
                } else if (node.dimension != Dimension::Device && u.attributes.at(node.dimension) == v) {
                    return true;
                }
            }
            return false;
        case core::NodeKind::Behaviour: {
            int events = 0;
            for (const auto& [key, count] : u.activity)
                if (key.first == node.behaviour.eventType &&
                    key.second > m_asOf.addDays(-node.behaviour.days))
                    events += count;
            return events >= node.behaviour.minCount;
        }
        case core::NodeKind::SegmentRef: {
            const auto definition = m_resolver ? m_resolver(node.segmentId) : std::nullopt;
            return definition && matches(u, definition->root());
        }
        }
        return false;
    }
};

} // namespace testsupport
