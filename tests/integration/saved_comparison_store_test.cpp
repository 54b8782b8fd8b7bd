// The SavedComparisonStore contract, written once and run against the local workspace (SQLite)
// and Databricks (DatabricksSavedComparisonStore → StatementClient → HTTP → the emulator →
// PostgreSQL): save, list, open, rename, delete; a taken name or a bad request refused with a
// clear error and nothing changed. Then Databricks only: a statement that FAILS with HTTP 200,
// and every value bound rather than spliced into the SQL text.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "common/future_wait.h"
#include "backends/databricks/databricks_saved_comparison_store.h"
#include "backends/databricks/databricks_segment_store.h"
#include "backends/sqlite/sqlite_backend.h"
#include "support/postgres_backend_fixture.h"
#include "support/emulated_workspace.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

namespace {

using core::ComparisonRequest;
using core::SavedComparison;

const QString kAdvertiser = QStringLiteral("adv-saved");

// One backend: its segment store and its saved comparisons.
class SavedBackend
{
public:
    virtual ~SavedBackend() = default;
    virtual core::SegmentStore& segments() = 0;
    virtual core::SavedComparisonStore& saved() = 0;
};

class SqliteBackend final : public SavedBackend
{
public:
    SqliteBackend()
    {
        auto opened = core::SqliteBackend::open(m_dir.filePath(QStringLiteral("ws.sqlite")),
                                                     testsupport::catalogue());
        if (!opened)
            ADD_FAILURE() << opened.error().toString().toStdString();
        else
            m_store = std::move(opened).value();
    }
    bool ok() const { return m_store != nullptr; }
    core::SegmentStore& segments() override { return m_store->segments(); }
    core::SavedComparisonStore& saved() override { return m_store->savedComparisons(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<core::SqliteBackend> m_store;
};

// PostgreSQL/Lakebase: SessionSavedComparisonStore on a real server.
class PostgresSavedBackend final : public SavedBackend
{
public:
    PostgresSavedBackend() : m_backend(testsupport::openPostgresBackend(QStringLiteral("saved"))) {}
    bool ok() const { return m_backend != nullptr; }
    core::SegmentStore& segments() override { return m_backend->segments(); }
    core::SavedComparisonStore& saved() override { return m_backend->savedComparisons(); }

private:
    std::unique_ptr<core::PostgresBackend> m_backend;
};

class DatabricksBackend final : public SavedBackend
{
public:
    DatabricksBackend()
    {
        ws = testsupport::EmulatedWorkspace::create();
        if (!ws || !ws->provision()) {
            ws.reset();
            return;
        }
        m_segments = std::make_unique<core::DatabricksSegmentStore>(
            ws->statements.get(), QStringLiteral("main"), QStringLiteral("ad_segments"),
            testsupport::catalogue(), QStringLiteral("emulator"));
        m_saved = std::make_unique<core::DatabricksSavedComparisonStore>(
            ws->statements.get(), QStringLiteral("main"), QStringLiteral("ad_segments"));
    }
    bool ok() const { return ws != nullptr; }
    core::SegmentStore& segments() override { return *m_segments; }
    core::SavedComparisonStore& saved() override { return *m_saved; }

    std::unique_ptr<testsupport::EmulatedWorkspace> ws;

private:
    std::unique_ptr<core::DatabricksSegmentStore> m_segments;
    std::unique_ptr<core::DatabricksSavedComparisonStore> m_saved;
};

struct BackendFactory
{
    std::string name;
    std::function<std::unique_ptr<SavedBackend>()> create;
};

std::ostream& operator<<(std::ostream& os, const BackendFactory& f)
{
    return os << f.name;
}

template <typename B> std::unique_ptr<SavedBackend> make()
{
    auto b = std::make_unique<B>();
    if (!b->ok())
        return nullptr;
    return b;
}

class SavedComparisonFixture
{
protected:
    void setUp(SavedBackend* b)
    {
        backend = b;
        ASSERT_TRUE(
            core::awaitFuture(backend->segments().saveAdvertiser({kAdvertiser, QStringLiteral("Saved")})));
        for (const QString& name :
             {QStringLiteral("Gamers"), QStringLiteral("Runners"), QStringLiteral("Readers")})
            segmentIds.append(createSegment(name));
    }

    QString createSegment(const QString& name)
    {
        auto s = core::awaitFuture(backend->segments().createSegment(
            testsupport::draftSegment(kAdvertiser, name), QStringLiteral("tester")));
        EXPECT_TRUE(s) << s.error().toString().toStdString();
        return s ? s.value().id : QString();
    }

    ComparisonRequest request(QStringList ids, QDate first = {}, QDate last = {}) const
    {
        ComparisonRequest r;
        r.segmentIds = std::move(ids);
        r.range = {first, last};
        return r;
    }

    core::Result<SavedComparison> save(const QString& name, const ComparisonRequest& r)
    {
        return core::awaitFuture(backend->saved().create(name, r));
    }

    QList<SavedComparison> list()
    {
        auto r = core::awaitFuture(backend->saved().list());
        EXPECT_TRUE(r) << r.error().toString().toStdString();
        return r ? r.value() : QList<SavedComparison>{};
    }

    static QStringList names(const QList<SavedComparison>& list)
    {
        QStringList out;
        for (const auto& c : list)
            out.append(c.name);
        return out;
    }

    SavedBackend* backend = nullptr;
    QStringList segmentIds;
};

class SavedComparisonContract : public ::testing::TestWithParam<BackendFactory>,
                                protected SavedComparisonFixture
{
protected:
    void SetUp() override
    {
        owned = GetParam().create();
        ASSERT_TRUE(owned);
        setUp(owned.get());
    }
    std::unique_ptr<SavedBackend> owned;
};

TEST_P(SavedComparisonContract, SavedComparisonsAreListedByNameOpenedRenamedAndDeleted)
{
    auto q4 = save(QStringLiteral("  Q4 test "),
                   request({segmentIds[0], segmentIds[1]}, QDate(2026, 9, 1), QDate(2026, 9, 30)));
    ASSERT_TRUE(q4) << q4.error().toString().toStdString();
    EXPECT_EQ(q4.value().name, QStringLiteral("Q4 test")) << "kept trimmed";
    EXPECT_FALSE(q4.value().id.isEmpty());
    auto all = save(QStringLiteral("all three"), request({segmentIds[2], segmentIds[0], segmentIds[1]}));
    ASSERT_TRUE(all) << all.error().toString().toStdString();

    EXPECT_EQ(names(list()), (QStringList{QStringLiteral("all three"), QStringLiteral("Q4 test")}))
        << "by name, ignoring case";

    auto opened = core::awaitFuture(backend->saved().get(q4.value().id));
    ASSERT_TRUE(opened) << opened.error().toString().toStdString();
    EXPECT_EQ(opened.value(), q4.value()) << "reads back exactly what was saved";
    auto openedAll = core::awaitFuture(backend->saved().get(all.value().id));
    ASSERT_TRUE(openedAll);
    EXPECT_EQ(openedAll.value().request.segmentIds,
              (QStringList{segmentIds[2], segmentIds[0], segmentIds[1]}))
        << "segments in display order";
    EXPECT_TRUE(openedAll.value().request.usesDefaultRange());

    SavedComparison renamed = q4.value();
    renamed.name = QStringLiteral("Year end");
    renamed.request = request({segmentIds[1], segmentIds[2]}, QDate(2026, 10, 1), QDate(2026, 10, 31));
    auto updated = core::awaitFuture(backend->saved().update(renamed));
    ASSERT_TRUE(updated) << updated.error().toString().toStdString();
    auto reopened = core::awaitFuture(backend->saved().get(q4.value().id));
    ASSERT_TRUE(reopened);
    EXPECT_EQ(reopened.value().name, QStringLiteral("Year end"));
    EXPECT_EQ(reopened.value().request, renamed.request);
    EXPECT_EQ(reopened.value().createdAt, q4.value().createdAt);
    EXPECT_GE(reopened.value().updatedAt, q4.value().updatedAt);
    EXPECT_EQ(names(list()), (QStringList{QStringLiteral("all three"), QStringLiteral("Year end")}));

    ASSERT_TRUE(core::awaitFuture(backend->saved().remove(all.value().id)));
    EXPECT_EQ(names(list()), QStringList{QStringLiteral("Year end")});
    auto gone = core::awaitFuture(backend->saved().get(all.value().id));
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().kind, core::ErrorKind::NotFound);
    auto again = core::awaitFuture(backend->saved().remove(all.value().id));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().kind, core::ErrorKind::NotFound);
}

TEST_P(SavedComparisonContract, ATakenNameIsRefusedWithItsOwnerNamedAndNothingChanges)
{
    auto launch = save(QStringLiteral("Launch"), request({segmentIds[0], segmentIds[1]}));
    ASSERT_TRUE(launch) << launch.error().toString().toStdString();
    auto other = save(QStringLiteral("Other"), request({segmentIds[1], segmentIds[2]}));
    ASSERT_TRUE(other) << other.error().toString().toStdString();

    auto twin = save(QStringLiteral(" LAUNCH "), request({segmentIds[0], segmentIds[2]}));
    ASSERT_FALSE(twin);
    EXPECT_EQ(twin.error().kind, core::ErrorKind::Conflict);
    EXPECT_EQ(twin.error().code, QStringLiteral("comparison_name_taken"));
    EXPECT_TRUE(twin.error().userMessage.contains(QStringLiteral("“Launch”")))
        << twin.error().userMessage.toStdString();
    EXPECT_EQ(names(list()), (QStringList{QStringLiteral("Launch"), QStringLiteral("Other")}));

    SavedComparison renamed = other.value();
    renamed.name = QStringLiteral("launch");
    auto clash = core::awaitFuture(backend->saved().update(renamed));
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().code, QStringLiteral("comparison_name_taken"));
    auto unchanged = core::awaitFuture(backend->saved().get(other.value().id));
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged.value(), other.value());

    // Its own name, in another case, is no clash.
    renamed.name = QStringLiteral("OTHER");
    auto recased = core::awaitFuture(backend->saved().update(renamed));
    ASSERT_TRUE(recased) << recased.error().toString().toStdString();
    EXPECT_EQ(recased.value().name, QStringLiteral("OTHER"));
}

TEST_P(SavedComparisonContract, BadNamesAndRequestsAreRefusedBeforeAnythingIsWritten)
{
    auto blank = save(QStringLiteral("   "), request({segmentIds[0], segmentIds[1]}));
    ASSERT_FALSE(blank);
    EXPECT_EQ(blank.error().code, QStringLiteral("comparison_name_required"));
    auto lineBreak = save(QStringLiteral("two\nlines"), request({segmentIds[0], segmentIds[1]}));
    ASSERT_FALSE(lineBreak);
    EXPECT_EQ(lineBreak.error().code, QStringLiteral("comparison_name_control_characters"));
    auto single = save(QStringLiteral("One"), request({segmentIds[0]}));
    ASSERT_FALSE(single);
    EXPECT_EQ(single.error().kind, core::ErrorKind::Validation);
    auto unknown =
        save(QStringLiteral("Unknown"), request({segmentIds[0], QStringLiteral("no-such-segment")}));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().kind, core::ErrorKind::NotFound);
    EXPECT_TRUE(unknown.error().userMessage.contains(QStringLiteral("no-such-segment")));

    auto deleted =
        core::awaitFuture(backend->segments().deleteSegment(segmentIds[2], 1, QStringLiteral("tester")));
    ASSERT_TRUE(deleted) << deleted.error().toString().toStdString();
    auto withDeleted = save(QStringLiteral("Deleted"), request({segmentIds[0], segmentIds[2]}));
    ASSERT_FALSE(withDeleted);
    EXPECT_EQ(withDeleted.error().kind, core::ErrorKind::NotFound);

    SavedComparison ghost;
    ghost.id = QStringLiteral("no-such-comparison");
    ghost.name = QStringLiteral("Ghost");
    ghost.request = request({segmentIds[0], segmentIds[1]});
    auto update = core::awaitFuture(backend->saved().update(ghost));
    ASSERT_FALSE(update);
    EXPECT_EQ(update.error().kind, core::ErrorKind::NotFound);

    EXPECT_TRUE(list().isEmpty());
}

INSTANTIATE_TEST_SUITE_P(Backends, SavedComparisonContract,
                         ::testing::Values(BackendFactory{"sqlite", &make<SqliteBackend>},
                                           BackendFactory{"databricks_emulator", &make<DatabricksBackend>},
                                           BackendFactory{"postgres", &make<PostgresSavedBackend>}),
                         [](const auto& info) { return info.param.name; });

// Databricks only: failures and bound values.
class DatabricksSavedComparisons : public ::testing::Test, protected SavedComparisonFixture
{
protected:
    void SetUp() override
    {
        databricks = std::make_unique<DatabricksBackend>();
        ASSERT_TRUE(databricks->ok());
        setUp(databricks.get());
    }

    void failNext(const QString& sqlContains)
    {
        emulator::Fault fault;
        fault.kind = emulator::Fault::Kind::StatementFailed;
        fault.sqlContains = sqlContains;
        fault.errorCode = QStringLiteral("BAD_REQUEST");
        fault.message = QStringLiteral("[DELTA_CONCURRENT_APPEND] Files were added by a concurrent update. "
                                       "SQLSTATE: 2D521");
        databricks->ws->emulator->injectFault(fault);
    }

    // The statements submitted since `from` (their JSON bodies).
    QList<QJsonObject> submittedSince(qsizetype from) const
    {
        QList<QJsonObject> out;
        const auto& requests = databricks->ws->emulator->requests();
        for (qsizetype i = from; i < requests.size(); ++i) {
            if (requests[i].method == QLatin1String("POST") &&
                requests[i].path.endsWith(QLatin1String("/statements")))
                out.append(QJsonDocument::fromJson(requests[i].body).object());
        }
        return out;
    }

    std::unique_ptr<DatabricksBackend> databricks;
};

TEST_F(DatabricksSavedComparisons, AStatementThatFailsWithHttp200IsReportedAndChangesNothing)
{
    failNext(QStringLiteral("ON t.name_key = s.name_key"));
    auto created = save(QStringLiteral("Launch"), request({segmentIds[0], segmentIds[1]}));
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().httpStatus, 200);
    EXPECT_TRUE(created.error().detail.contains(QStringLiteral("DELTA_CONCURRENT_APPEND")))
        << created.error().toString().toStdString();
    EXPECT_TRUE(created.error().userMessage.contains(QStringLiteral("save the comparison")))
        << created.error().toString().toStdString();
    EXPECT_TRUE(list().isEmpty());

    auto saved = save(QStringLiteral("Launch"), request({segmentIds[0], segmentIds[1]}));
    ASSERT_TRUE(saved) << saved.error().toString().toStdString();
    failNext(QStringLiteral("ON t.comparison_id = s.comparison_id"));
    SavedComparison renamed = saved.value();
    renamed.name = QStringLiteral("Relaunch");
    auto updated = core::awaitFuture(backend->saved().update(renamed));
    ASSERT_FALSE(updated);
    EXPECT_EQ(updated.error().httpStatus, 200);
    EXPECT_EQ(names(list()), QStringList{QStringLiteral("Launch")});

    failNext(QStringLiteral("DELETE FROM"));
    auto removed = core::awaitFuture(backend->saved().remove(saved.value().id));
    ASSERT_FALSE(removed);
    EXPECT_EQ(removed.error().httpStatus, 200);
    EXPECT_EQ(names(list()), QStringList{QStringLiteral("Launch")});
}

TEST_F(DatabricksSavedComparisons, EveryValueIsBoundAndANameThatLooksLikeSqlIsJustAName)
{
    const QString odd = QStringLiteral("x' OR '1'='1");
    const qsizetype before = databricks->ws->emulator->requests().size();
    auto saved = save(odd, request({segmentIds[0], segmentIds[1]}, QDate(2026, 8, 5), QDate(2026, 9, 3)));
    ASSERT_TRUE(saved) << saved.error().toString().toStdString();
    SavedComparison renamed = saved.value();
    renamed.name = odd + QStringLiteral(" 2");
    ASSERT_TRUE(core::awaitFuture(backend->saved().update(renamed)));
    EXPECT_EQ(names(list()), QStringList{renamed.name});
    ASSERT_TRUE(core::awaitFuture(backend->saved().remove(saved.value().id)));

    const QList<QJsonObject> statements = submittedSince(before);
    int writes = 0;
    for (const auto& s : statements) {
        const QString sql = s.value(QStringLiteral("statement")).toString();
        for (const QString& value : {odd, saved.value().id, segmentIds[0], QStringLiteral("2026-08-05")})
            EXPECT_FALSE(sql.contains(value)) << value.toStdString() << " spliced into " << sql.toStdString();
        if (!sql.contains(QLatin1String("saved_comparisons")) || sql.startsWith(QLatin1String("SELECT")))
            continue;
        ++writes;
        QStringList bound;
        for (const auto& p : s.value(QStringLiteral("parameters")).toArray())
            bound.append(p.toObject().value(QStringLiteral("value")).toString());
        EXPECT_TRUE(bound.contains(saved.value().id)) << sql.toStdString();
        EXPECT_EQ(s.value(QStringLiteral("catalog")).toString(), QStringLiteral("main"));
        EXPECT_EQ(s.value(QStringLiteral("schema")).toString(), QStringLiteral("ad_segments"));
    }
    EXPECT_EQ(writes, 3) << "insert, update, delete";
}

TEST(DatabricksSavedComparisonLocation, NamesTheSharedSchema)
{
    // No statement runs: location() is the text the bar shows.
    auto ws = testsupport::EmulatedWorkspace::create();
    ASSERT_TRUE(ws);
    core::DatabricksSavedComparisonStore store(ws->statements.get(), QStringLiteral("main"),
                                               QStringLiteral("ad_segments"));
    EXPECT_TRUE(store.location().contains(QStringLiteral("main.ad_segments")))
        << store.location().toStdString();
}

} // namespace
