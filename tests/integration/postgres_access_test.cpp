// Roles per advertiser on PostgreSQL/Lakebase with two real login roles of the private cluster:
// row-level security (migration 0006) keeps a viewer to its advertisers even with hand-written
// SQL, refuses its writes, and the stores answer with the role needed; created_by is the
// database's CURRENT_USER whatever the client hands in.
#include <gtest/gtest.h>

#include "backends/postgres/pg_executor.h"
#include "common/future_wait.h"
#include "support/postgres_backend_fixture.h"
#include "support/segment_builders.h"

namespace {

template <typename T> T await(QFuture<T> f) { return core::awaitFuture(std::move(f)); }

core::Status runAs(const core::PgConnectionSettings& settings, const QString& sql)
{
    core::PgExecutor executor(settings);
    return await(executor.submit<core::Done>([sql](core::SqlSession& db) -> core::Status {
        auto done = db.execute({sql, {}}, QStringLiteral("run the test statement"));
        if (!done)
            return done.error();
        return core::success();
    }));
}

core::Result<core::SqlRows> queryAs(const core::PgConnectionSettings& settings, const QString& sql)
{
    core::PgExecutor executor(settings);
    return await(executor.submit<core::SqlRows>(
        [sql](core::SqlSession& db) { return db.query({sql, {}}, QStringLiteral("run the test query")); }));
}

class PostgresAccess : public ::testing::Test
{
protected:
    testsupport::PostgresServer* server = nullptr;
    QString database;
    QString owner;  // ann_<db>: owner of Acme
    QString viewer; // vic_<db>: viewer of Acme, nothing on Globex
    std::unique_ptr<core::PostgresBackend> admin;
    std::unique_ptr<core::PostgresBackend> asOwner;
    std::unique_ptr<core::PostgresBackend> asViewer;
    core::Segment acmeSegment;
    core::Segment globexSegment;

    core::PgConnectionSettings settingsFor(const QString& role) const
    {
        core::PgConnectionSettings s = testsupport::postgresSettings(*server, database);
        s.conninfo.replace(QStringLiteral("user=postgres"), QStringLiteral("user=%1").arg(role));
        return s;
    }

    void SetUp() override
    {
        QString error;
        server = testsupport::PostgresServer::shared(&error);
        ASSERT_NE(server, nullptr) << error.toStdString();
        admin = testsupport::openPostgresBackend(QStringLiteral("access"), &database);
        ASSERT_TRUE(admin);
        owner = QStringLiteral("ann_") + database;
        viewer = QStringLiteral("vic_") + database;
        const auto super = testsupport::postgresSettings(*server, database);
        for (const QString& role : {owner, viewer}) {
            ASSERT_TRUE(runAs(super, QStringLiteral("CREATE ROLE %1 LOGIN").arg(role)));
            ASSERT_TRUE(runAs(super, QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %1").arg(role)));
        }
        ASSERT_TRUE(await(admin->segments().saveAdvertiser({QStringLiteral("acme"), QStringLiteral("Acme")})));
        ASSERT_TRUE(await(admin->segments().saveAdvertiser({QStringLiteral("globex"), QStringLiteral("Globex")})));
        auto a = await(admin->segments().createSegment(testsupport::draftSegment(QStringLiteral("acme"), QStringLiteral("Acme hikers")),
                                                        QStringLiteral("tester")));
        ASSERT_TRUE(a) << a.error().toString().toStdString();
        acmeSegment = a.value();
        auto g = await(admin->segments().createSegment(
            testsupport::draftSegment(QStringLiteral("globex"), QStringLiteral("Globex gamers")), QStringLiteral("tester")));
        ASSERT_TRUE(g) << g.error().toString().toStdString();
        globexSegment = g.value();

        auto o = core::PostgresBackend::open(settingsFor(owner), testsupport::catalogue());
        ASSERT_TRUE(o) << o.error().toString().toStdString();
        asOwner = std::move(o).value();
        auto v = core::PostgresBackend::open(settingsFor(viewer), testsupport::catalogue());
        ASSERT_TRUE(v) << v.error().toString().toStdString();
        asViewer = std::move(v).value();
        // The workspace has no grant yet: the owner's first grant makes it owner of Acme.
        ASSERT_TRUE(await(asOwner->access().grant(QStringLiteral("acme"), viewer, core::AdvertiserRole::Viewer)));
    }

    void TearDown() override
    {
        asViewer.reset();
        asOwner.reset();
        admin.reset();
    }
};

TEST_F(PostgresAccess, TheFirstGrantMakesTheGranterOwnerAndRolesAreReadBack)
{
    auto grants = await(asOwner->access().grants(QStringLiteral("acme")));
    ASSERT_TRUE(grants) << grants.error().toString().toStdString();
    ASSERT_EQ(grants.value().size(), 2);
    EXPECT_EQ(grants.value()[0].principal, owner);
    EXPECT_EQ(grants.value()[0].role, core::AdvertiserRole::Owner);
    EXPECT_EQ(grants.value()[1].principal, viewer);
    EXPECT_EQ(grants.value()[1].role, core::AdvertiserRole::Viewer);
    EXPECT_EQ(grants.value()[1].grantedBy, owner);
    auto mine = await(asViewer->access().myRoles());
    ASSERT_TRUE(mine) << mine.error().toString().toStdString();
    EXPECT_EQ(mine.value().principal, viewer);
    EXPECT_TRUE(mine.value().managed);
    EXPECT_EQ(mine.value().roleOf(QStringLiteral("acme")), core::AdvertiserRole::Viewer);
    EXPECT_EQ(mine.value().roleOf(QStringLiteral("globex")), core::AdvertiserRole::None);
}

TEST_F(PostgresAccess, AViewerSeesOnlyItsAdvertisersEvenWithHandWrittenSql)
{
    auto advertisers = await(asViewer->segments().listAdvertisers());
    ASSERT_TRUE(advertisers) << advertisers.error().toString().toStdString();
    ASSERT_EQ(advertisers.value().size(), 1);
    EXPECT_EQ(advertisers.value()[0].id, QStringLiteral("acme"));
    auto all = await(asViewer->segments().listSegments({}));
    ASSERT_TRUE(all);
    ASSERT_EQ(all.value().size(), 1);
    EXPECT_EQ(all.value()[0].id, acmeSegment.id);
    EXPECT_FALSE(await(asViewer->segments().getSegment(globexSegment.id)));
    // Hand-written SQL on the viewer's own connection: the policies still apply.
    for (const QString& table : {QStringLiteral("gold_segments"), QStringLiteral("advertisers")}) {
        auto rows = queryAs(settingsFor(viewer), QStringLiteral("SELECT advertiser_id FROM %1 WHERE advertiser_id = 'globex'").arg(table));
        ASSERT_TRUE(rows) << rows.error().toString().toStdString();
        EXPECT_TRUE(rows.value().isEmpty()) << table.toStdString();
    }
    auto versions = queryAs(settingsFor(viewer), QStringLiteral("SELECT segment_id FROM gold_segment_versions"));
    ASSERT_TRUE(versions);
    ASSERT_EQ(versions.value().size(), 1);
    EXPECT_EQ(versions.value().value(0, QStringLiteral("segment_id")).toString(), acmeSegment.id);
    // The owner of Acme does not see Globex either (nobody granted it).
    auto ownerList = await(asOwner->segments().listSegments({}));
    ASSERT_TRUE(ownerList);
    EXPECT_EQ(ownerList.value().size(), 1);
}

TEST_F(PostgresAccess, AViewerCannotWriteAndIsToldWhichRoleItNeeds)
{
    auto created = await(asViewer->segments().createSegment(
        testsupport::draftSegment(QStringLiteral("acme"), QStringLiteral("Sneaky")), QStringLiteral("owner-pretender")));
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().kind, core::ErrorKind::Permission);
    EXPECT_EQ(created.error().userMessage,
              QStringLiteral("You are a viewer of Acme; editing segments needs the editor role — ask an owner."));
    core::Segment edited = acmeSegment;
    edited.name = QStringLiteral("Renamed by a viewer");
    auto updated = await(asViewer->segments().updateSegment(edited, QStringLiteral("x")));
    ASSERT_FALSE(updated);
    EXPECT_EQ(updated.error().kind, core::ErrorKind::Permission);
    EXPECT_TRUE(updated.error().userMessage.contains(QStringLiteral("editor role")));
    auto grant = await(asViewer->access().grant(QStringLiteral("acme"), viewer, core::AdvertiserRole::Owner));
    ASSERT_FALSE(grant);
    EXPECT_EQ(grant.error().kind, core::ErrorKind::Permission);
    EXPECT_TRUE(grant.error().userMessage.contains(QStringLiteral("owner role")));
    // Hand-written writes are refused by the database itself, past the app's checks.
    EXPECT_FALSE(runAs(settingsFor(viewer),
                       QStringLiteral("INSERT INTO advertiser_access (advertiser_id, principal, role, granted_by, granted_at) "
                                      "VALUES ('acme', CURRENT_USER, 'owner', CURRENT_USER, 'now')")));
    EXPECT_FALSE(runAs(settingsFor(viewer),
                       QStringLiteral("INSERT INTO gold_segments (segment_id, advertiser_id, name, name_key, description, status, "
                                      "definition, definition_hash, version, created_by, created_at, updated_by, updated_at) "
                                      "VALUES ('x', 'acme', 'x', 'x', '', 'draft', '{}', 'h', 1, 'a', 'n', 'a', 'n')")));
    ASSERT_TRUE(runAs(settingsFor(viewer), QStringLiteral("UPDATE gold_segments SET name = 'hacked'")));
    auto still = await(asOwner->segments().getSegment(acmeSegment.id));
    ASSERT_TRUE(still);
    EXPECT_EQ(still.value().name, acmeSegment.name);
}

TEST_F(PostgresAccess, AnEditorWritesAndTheDatabaseRecordsItsOwnIdentity)
{
    ASSERT_TRUE(await(asOwner->access().grant(QStringLiteral("acme"), viewer, core::AdvertiserRole::Editor)));
    auto created = await(asViewer->segments().createSegment(
        testsupport::draftSegment(QStringLiteral("acme"), QStringLiteral("By the editor")), QStringLiteral("someone-else")));
    ASSERT_TRUE(created) << created.error().toString().toStdString();
    EXPECT_EQ(created.value().createdBy, viewer);
    auto read = await(asOwner->segments().getSegment(created.value().id));
    ASSERT_TRUE(read);
    EXPECT_EQ(read.value().createdBy, viewer);
    EXPECT_EQ(read.value().updatedBy, viewer);
    auto history = await(asOwner->segments().segmentHistory(created.value().id));
    ASSERT_TRUE(history);
    ASSERT_EQ(history.value().size(), 1);
    EXPECT_EQ(history.value()[0].changedBy, viewer);
    // Still nothing on Globex.
    auto other = await(asViewer->segments().createSegment(
        testsupport::draftSegment(QStringLiteral("globex"), QStringLiteral("Elsewhere")), QStringLiteral("x")));
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().kind, core::ErrorKind::Permission);
    // Revoking: the last owner stays.
    auto last = await(asOwner->access().revoke(QStringLiteral("acme"), owner));
    ASSERT_FALSE(last);
    EXPECT_EQ(last.error().code, QStringLiteral("last_owner"));
    ASSERT_TRUE(await(asOwner->access().revoke(QStringLiteral("acme"), viewer)));
    auto gone = await(asViewer->segments().listSegments({}));
    ASSERT_TRUE(gone);
    EXPECT_TRUE(gone.value().isEmpty());
}

} // namespace
