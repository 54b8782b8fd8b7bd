#pragma once

// The behaviour every AudienceStore backend must have: members are exactly the people the reach
// counts, their identifiers are read from customer_identifiers, and an import is all or nothing
// with a later row of a user replacing the earlier — or, where the data engineers fill that
// table (Databricks), refused. Written once; each backend instantiates it with a factory
// (sqlite_store_contract_test.cpp, postgres_store_contract_test.cpp,
// databricks_store_contract_test.cpp).

#include <algorithm>
#include <functional>
#include <memory>

#include <gtest/gtest.h>

#include <QFile>
#include <QSet>
#include <QTemporaryDir>

#include "backends/audience_store.h"
#include "backends/impressions_pipeline.h"
#include "backends/segment_store.h"
#include "backends/sqlite/sqlite_backend.h"
#include "common/future_wait.h"
#include "support/demo_audience.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

namespace contract {

// The stores of one backend, and what keeps them alive.
struct AudienceBackend
{
    core::SegmentStore* segments = nullptr;
    core::ImpressionsPipeline* pipeline = nullptr;
    core::AudienceStore* audiences = nullptr;
    std::shared_ptr<void> owner;

    explicit operator bool() const { return segments && pipeline && audiences; }
};

struct AudienceFactory
{
    std::string name;
    // False where customer_identifiers is the data engineers' table (Databricks): imports are refused.
    bool storesIdentifiers = true;
    // A fresh, empty backend on its own storage.
    std::function<AudienceBackend()> empty;
    // A backend holding testsupport::DemoAudience (segments, events refreshed, identifiers), made once
    // and shared by the tests, which only read it.
    std::function<AudienceBackend()> demo;
};

inline std::ostream& operator<<(std::ostream& os, const AudienceFactory& f) { return os << f.name; }

class AudienceContract : public ::testing::TestWithParam<AudienceFactory>
{
protected:
    template <typename T> static T await(QFuture<T> f) { return core::awaitFuture(std::move(f)); }

    static const testsupport::DemoAudience& demoData() { return testsupport::DemoAudience::get(); }

    // The members of every live demo segment on the local demo workspace itself: the reference.
    static const QHash<QString, QStringList>& localMembers()
    {
        static const QHash<QString, QStringList> members = [] {
            QHash<QString, QStringList> out;
            auto local = core::SqliteBackend::open(demoData().workspace, testsupport::catalogue());
            if (!local) {
                ADD_FAILURE() << local.error().toString().toStdString();
                return out;
            }
            for (const auto& s : demoData().liveSegments()) {
                auto m = core::awaitFuture(local.value()->audiences().members(s.id));
                EXPECT_TRUE(m) << m.error().toString().toStdString();
                out.insert(s.id, m ? m.value() : QStringList());
            }
            return out;
        }();
        return members;
    }

    static core::CustomerIdentifiers person(const QString& userId, const QString& email, const QString& city = {})
    {
        core::CustomerIdentifiers p;
        p.userId = userId;
        p.email = email;
        p.city = city;
        p.country = QStringLiteral("US");
        return p;
    }

    // A small audience on an empty backend: the hand-written events file, refreshed, and a segment
    // of its three countries. Returns the segment's id.
    static QString smallAudience(const AudienceBackend& b)
    {
        EXPECT_TRUE(await(b.segments->saveAdvertiser({QStringLiteral("adv-1"), QStringLiteral("Advertiser One")})));
        auto imported = await(b.pipeline->importEvents(QStringLiteral(SB_SOURCE_DIR "/tests/data/events/impressions_small.csv"), {}));
        EXPECT_TRUE(imported) << imported.error().toString().toStdString();
        auto refreshed = await(b.pipeline->refresh());
        EXPECT_TRUE(refreshed) << refreshed.error().toString().toStdString();
        auto created = await(b.segments->createSegment(
            testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("Three countries"),
                                      testsupport::countries({QStringLiteral("US"), QStringLiteral("DE"), QStringLiteral("FR")})),
            QStringLiteral("tester")));
        EXPECT_TRUE(created) << created.error().toString().toStdString();
        return created ? created.value().id : QString();
    }
};

TEST_P(AudienceContract, MembersAreThePeopleTheReachCountsSortedAndDistinct)
{
    const AudienceBackend b = GetParam().demo();
    ASSERT_TRUE(b);
    const auto live = demoData().liveSegments();
    ASSERT_GE(live.size(), 10);
    QStringList ids;
    for (const auto& s : live)
        ids.append(s.id);
    auto reach = await(b.segments->reachOfSegments(ids));
    ASSERT_TRUE(reach) << reach.error().toString().toStdString();
    int withMembers = 0;
    for (const auto& s : live) {
        auto members = await(b.audiences->members(s.id));
        ASSERT_TRUE(members) << s.name.toStdString() << ": " << members.error().toString().toStdString();
        EXPECT_EQ(members.value().size(), reach.value().value(s.id, -1)) << s.name.toStdString();
        auto estimate = await(b.segments->estimateReach(s.definition, s.advertiserId));
        ASSERT_TRUE(estimate) << estimate.error().toString().toStdString();
        EXPECT_EQ(members.value().size(), estimate.value().reach) << s.name.toStdString();
        QStringList sorted = members.value();
        std::sort(sorted.begin(), sorted.end());
        EXPECT_EQ(members.value(), sorted) << s.name.toStdString() << ": in byte order";
        EXPECT_EQ(QSet<QString>(sorted.begin(), sorted.end()).size(), sorted.size()) << s.name.toStdString();
        withMembers += members.value().isEmpty() ? 0 : 1;
    }
    EXPECT_GE(withMembers, 8) << "the demo segments should reach people";
}

TEST_P(AudienceContract, MembersAreTheSamePeopleAsInTheLocalDemoWorkspace)
{
    const AudienceBackend b = GetParam().demo();
    ASSERT_TRUE(b);
    for (const auto& s : demoData().liveSegments()) {
        auto members = await(b.audiences->members(s.id));
        ASSERT_TRUE(members) << members.error().toString().toStdString();
        EXPECT_EQ(members.value(), localMembers().value(s.id)) << s.name.toStdString();
    }
}

TEST_P(AudienceContract, MemberIdentifiersAreTheMembersRowsByUserId)
{
    const AudienceBackend b = GetParam().demo();
    ASSERT_TRUE(b);
    QHash<QString, core::CustomerIdentifiers> byUser;
    for (const auto& row : demoData().identifiers)
        byUser.insert(row.userId, row);
    qint64 members = 0;
    qint64 rows = 0;
    for (const auto& s : demoData().liveSegments()) {
        auto m = await(b.audiences->members(s.id));
        auto identified = await(b.audiences->memberIdentifiers(s.id));
        ASSERT_TRUE(m && identified) << s.name.toStdString();
        QList<core::CustomerIdentifiers> expected;
        for (const QString& id : m.value()) {
            if (byUser.contains(id))
                expected.append(byUser.value(id));
        }
        EXPECT_EQ(identified.value(), expected) << s.name.toStdString();
        members += m.value().size();
        rows += identified.value().size();
    }
    EXPECT_GT(rows, 0);
    EXPECT_LT(rows, members) << "members without a row are left out";
    auto count = await(b.audiences->identifierCount());
    ASSERT_TRUE(count) << count.error().toString().toStdString();
    EXPECT_EQ(count.value(), demoData().identifiers.size());
}

TEST_P(AudienceContract, AnUnknownOrDeletedSegmentIsNotFoundAndANewOneHasNoMembersBeforeAnyData)
{
    const AudienceBackend b = GetParam().empty();
    ASSERT_TRUE(b);
    auto unknown = await(b.audiences->members(QStringLiteral("no-such-segment")));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().kind, core::ErrorKind::NotFound);
    auto unknownRows = await(b.audiences->memberIdentifiers(QStringLiteral("no-such-segment")));
    ASSERT_FALSE(unknownRows);
    EXPECT_EQ(unknownRows.error().kind, core::ErrorKind::NotFound);

    ASSERT_TRUE(await(b.segments->saveAdvertiser({QStringLiteral("adv-1"), QStringLiteral("Advertiser One")})));
    auto created = await(b.segments->createSegment(testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("US")),
                                                   QStringLiteral("tester")));
    ASSERT_TRUE(created) << created.error().toString().toStdString();
    auto none = await(b.audiences->members(created.value().id));
    ASSERT_TRUE(none) << none.error().toString().toStdString();
    EXPECT_TRUE(none.value().isEmpty());
    auto noRows = await(b.audiences->memberIdentifiers(created.value().id));
    ASSERT_TRUE(noRows) << noRows.error().toString().toStdString();
    EXPECT_TRUE(noRows.value().isEmpty());

    ASSERT_TRUE(await(b.segments->deleteSegment(created.value().id, created.value().version, QStringLiteral("tester"))));
    auto deleted = await(b.audiences->members(created.value().id));
    ASSERT_FALSE(deleted);
    EXPECT_EQ(deleted.error().kind, core::ErrorKind::NotFound);
    EXPECT_TRUE(deleted.error().userMessage.contains(QStringLiteral("deleted"))) << deleted.error().userMessage.toStdString();
    auto deletedRows = await(b.audiences->memberIdentifiers(created.value().id));
    ASSERT_FALSE(deletedRows);
    EXPECT_EQ(deletedRows.error().kind, core::ErrorKind::NotFound);
}

TEST_P(AudienceContract, ALaterRowOfAUserReplacesTheEarlierInOneImportAndAcrossImports)
{
    if (!GetParam().storesIdentifiers)
        GTEST_SKIP() << GetParam().name << " does not store identifiers (see ImportIsRefusedWhereTheDataEngineersFillTheTable)";
    const AudienceBackend b = GetParam().empty();
    ASSERT_TRUE(b);
    const QString segment = smallAudience(b);
    auto members = await(b.audiences->members(segment));
    ASSERT_TRUE(members) << members.error().toString().toStdString();
    ASSERT_GE(members.value().size(), 3) << "the small events file has people in three countries";
    const QString first = members.value().at(0);
    const QString second = members.value().at(1);
    const QString third = members.value().at(2);

    auto once = await(b.audiences->importIdentifiers({person(first, QStringLiteral("old@example.com")),
                                                      person(second, QStringLiteral("bo@example.com"), QStringLiteral("York")),
                                                      person(QStringLiteral("not-a-member"), QStringLiteral("x@example.org")),
                                                      person(first, QStringLiteral("new@example.com"))}));
    ASSERT_TRUE(once) << once.error().toString().toStdString();
    EXPECT_EQ(once.value().rowsRead, 4);
    EXPECT_EQ(once.value().stored, 3);
    EXPECT_EQ(once.value().replaced, 0);
    auto rows = await(b.audiences->memberIdentifiers(segment));
    ASSERT_TRUE(rows) << rows.error().toString().toStdString();
    EXPECT_EQ(rows.value(), (QList<core::CustomerIdentifiers>{person(first, QStringLiteral("new@example.com")),
                                                              person(second, QStringLiteral("bo@example.com"), QStringLiteral("York"))}))
        << "the last row of a user wins; a non-member's row is not a member's";

    core::CustomerIdentifiers full{third,         QStringLiteral("Cy.Lee@Example.org"), QStringLiteral("+1 212-555-0142"),
                                   QStringLiteral("Cy"), QStringLiteral("O'Lee"),        QStringLiteral("Austin"),
                                   QStringLiteral("TX"), QStringLiteral("78701"),        QStringLiteral("US"),
                                   QStringLiteral("1985-04-12")};
    auto again = await(b.audiences->importIdentifiers({person(second, QStringLiteral("bo@example.com")), full}));
    ASSERT_TRUE(again) << again.error().toString().toStdString();
    EXPECT_EQ(again.value().stored, 2);
    EXPECT_EQ(again.value().replaced, 1);
    rows = await(b.audiences->memberIdentifiers(segment));
    ASSERT_TRUE(rows) << rows.error().toString().toStdString();
    EXPECT_EQ(rows.value(), (QList<core::CustomerIdentifiers>{person(first, QStringLiteral("new@example.com")),
                                                              person(second, QStringLiteral("bo@example.com")), full}))
        << "a whole row is replaced (the city went), every field reads back as stored";
    auto count = await(b.audiences->identifierCount());
    ASSERT_TRUE(count);
    EXPECT_EQ(count.value(), 4);
}

TEST_P(AudienceContract, AnImportWithABadRowStoresNothing)
{
    if (!GetParam().storesIdentifiers)
        GTEST_SKIP() << GetParam().name << " does not store identifiers";
    const AudienceBackend b = GetParam().empty();
    ASSERT_TRUE(b);
    auto noUser = await(b.audiences->importIdentifiers(
        {person(QStringLiteral("u1"), QStringLiteral("a@example.com")), person(QString(), QStringLiteral("b@example.com"))}));
    ASSERT_FALSE(noUser);
    EXPECT_EQ(noUser.error().kind, core::ErrorKind::Validation);
    EXPECT_EQ(noUser.error().code, QStringLiteral("identifier_user_id_missing"));
    EXPECT_TRUE(noUser.error().userMessage.contains(QStringLiteral("Row 2"))) << noUser.error().userMessage.toStdString();
    EXPECT_FALSE(noUser.error().toString().contains(QStringLiteral("example.com"))) << "no personal data in errors";
    core::CustomerIdentifiers badDate = person(QStringLiteral("u3"), QStringLiteral("c@example.com"));
    badDate.birthDate = QStringLiteral("1985-02-30");
    auto noDate = await(b.audiences->importIdentifiers({person(QStringLiteral("u1"), QStringLiteral("a@example.com")), badDate}));
    ASSERT_FALSE(noDate);
    EXPECT_EQ(noDate.error().code, QStringLiteral("identifier_birth_date_invalid"));
    core::CustomerIdentifiers nul = person(QStringLiteral("u4"), QStringLiteral("d@example.com"));
    nul.lastName = QString(QStringLiteral("Lee")).insert(1, QChar(0));
    auto control = await(b.audiences->importIdentifiers({person(QStringLiteral("u1"), QStringLiteral("a@example.com")), nul}));
    ASSERT_FALSE(control);
    EXPECT_EQ(control.error().code, QStringLiteral("identifier_control_character"));
    EXPECT_TRUE(control.error().userMessage.contains(QStringLiteral("last_name"))) << control.error().userMessage.toStdString();
    auto count = await(b.audiences->identifierCount());
    ASSERT_TRUE(count) << count.error().toString().toStdString();
    EXPECT_EQ(count.value(), 0) << "all or nothing";
}

TEST_P(AudienceContract, ImportIsRefusedWhereTheDataEngineersFillTheTable)
{
    if (GetParam().storesIdentifiers)
        GTEST_SKIP() << GetParam().name << " stores identifiers (see ALaterRowOfAUserReplacesTheEarlier...)";
    const AudienceBackend b = GetParam().empty();
    ASSERT_TRUE(b);
    auto refused = await(b.audiences->importIdentifiers({person(QStringLiteral("u1"), QStringLiteral("a@example.com"))}));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, core::ErrorKind::Permission);
    EXPECT_EQ(refused.error().code, QStringLiteral("identifiers_read_only"));
    EXPECT_TRUE(refused.error().userMessage.contains(QStringLiteral("main.ad_segments.customer_identifiers")))
        << refused.error().userMessage.toStdString();
    EXPECT_TRUE(refused.error().userMessage.contains(QStringLiteral("data engineers"))) << refused.error().userMessage.toStdString();
    auto count = await(b.audiences->identifierCount());
    ASSERT_TRUE(count) << count.error().toString().toStdString();
    EXPECT_EQ(count.value(), 0);
}

// The events import of the same backend: Cancel while the file is read keeps nothing of it, and
// the progress it reports rises to the whole file.
TEST_P(AudienceContract, AnEventsImportCancelledWhileReadingKeepsNothingOfTheFile)
{
    const AudienceBackend b = GetParam().empty();
    ASSERT_TRUE(b);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("many.csv"));
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("event_id,event_time,advertiser_id,campaign_id,user_id,age,gender,country,region,device,"
                   "interests,event_type,cost_micros\n");
        for (int i = 0; i < 12000; ++i) // a few progress steps (one each 4,096 records)
            file.write(QStringLiteral("ev-%1,2026-03-01T09:%2:00Z,adv-1,c1,u-%3,29,F,US,,mobile,,impression,1000\n")
                           .arg(i)
                           .arg(i % 60, 2, 10, QLatin1Char('0'))
                           .arg(i % 700)
                           .toUtf8());
    }

    core::ImportOptions options;
    options.cancel = std::make_shared<std::atomic<bool>>(false);
    QList<double> seen;
    options.progress = [&](double fraction) {
        seen.append(fraction);
        if (fraction > 0)
            options.cancel->store(true); // Cancel pressed once part of the file is read
    };
    auto cancelled = await(b.pipeline->importEvents(path, options));
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().kind, core::ErrorKind::Cancelled);
    EXPECT_EQ(cancelled.error().code, QStringLiteral("import_cancelled"));
    EXPECT_TRUE(cancelled.error().userMessage.contains(QStringLiteral("“many.csv”")))
        << cancelled.error().userMessage.toStdString();
    ASSERT_GE(seen.size(), 2);
    EXPECT_LT(seen.last(), 1.0) << "stopped before the end of the file";
    auto nothing = await(b.pipeline->refresh());
    ASSERT_TRUE(nothing) << nothing.error().toString().toStdString();
    EXPECT_EQ(nothing.value().bronzeRowsProcessed, 0) << "no record of the cancelled import reached bronze";

    // The same file, not cancelled: all of it, the progress rising to 1.
    seen.clear();
    core::ImportOptions watched;
    watched.progress = [&](double fraction) { seen.append(fraction); };
    auto imported = await(b.pipeline->importEvents(path, watched));
    ASSERT_TRUE(imported) << imported.error().toString().toStdString();
    EXPECT_EQ(imported.value().rowsLoaded, 12000);
    ASSERT_GE(seen.size(), 4);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(seen.first(), 0.0);
    EXPECT_EQ(seen.last(), 1.0);
    auto refreshed = await(b.pipeline->refresh());
    ASSERT_TRUE(refreshed) << refreshed.error().toString().toStdString();
    EXPECT_EQ(refreshed.value().bronzeRowsProcessed, 12000);
}

} // namespace contract
