// The MetricsStore contract, written once and run against the local workspace (SQLite) and
// Databricks (DatabricksMetricsStore → StatementClient → HTTP → the emulator → PostgreSQL), and
// PostgreSQL/Lakebase (SessionMetricsStore on a real server).
// Gold rows are written straight into gold_segment_daily_metrics, so these tests pin the
// reading only; the pipeline tests pin how the rows get there.
#include <gtest/gtest.h>

#include <QTemporaryDir>

#include "common/future_wait.h"
#include "backends/databricks/databricks_metrics_store.h"
#include "backends/databricks/databricks_segment_store.h"
#include "backends/sqlite/sqlite_executor.h"
#include "backends/sqlite/sqlite_backend.h"
#include "backends/sqlite/sqlite_sql.h"
#include "backends/postgres/pg_executor.h"
#include "backends/postgres/postgres_backend.h"
#include "support/postgres_backend_fixture.h"
#include "support/emulated_workspace.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

namespace {

using core::DailyMetrics;

// One backend: its segment store, its metrics store, and a way to put gold rows in place.
class MetricsBackend
{
public:
    virtual ~MetricsBackend() = default;
    virtual core::SegmentStore& segments() = 0;
    virtual core::MetricsStore& metrics() = 0;
    virtual void insertGold(const QString& segmentId, const DailyMetrics& m) = 0;
    // Databricks: results come in chunks of two rows (a segment's days span several chunks).
    virtual void useSmallChunks() {}
};

class SqliteBackend final : public MetricsBackend
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
    core::MetricsStore& metrics() override { return m_store->metrics(); }
    void insertGold(const QString& segmentId, const DailyMetrics& m) override
    {
        auto done =
            core::awaitFuture(m_store->executor().submit<core::Done>([&](QSqlDatabase& db) -> core::Status {
                auto q = core::SqliteSql::exec(
                    db,
                    QStringLiteral(
                        "INSERT INTO gold_segment_daily_metrics (segment_id, day, impressions, "
                        "clicks, conversions, unique_users, spend_micros) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    QVariantList{segmentId, m.day.toString(Qt::ISODate), m.impressions, m.clicks,
                                 m.conversions, m.uniqueUsers, m.spendMicros},
                    QStringLiteral("insert test metrics"));
                if (!q)
                    return q.error();
                return core::success();
            }));
        ASSERT_TRUE(done) << done.error().toString().toStdString();
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<core::SqliteBackend> m_store;
};

class DatabricksBackend final : public MetricsBackend
{
public:
    DatabricksBackend()
    {
        m_ws = testsupport::EmulatedWorkspace::create();
        if (!m_ws || !m_ws->provision()) {
            m_ws.reset();
            return;
        }
        m_segments = std::make_unique<core::DatabricksSegmentStore>(
            m_ws->statements.get(), QStringLiteral("main"), QStringLiteral("ad_segments"),
            testsupport::catalogue(), QStringLiteral("emulator"));
        m_metrics = std::make_unique<core::DatabricksMetricsStore>(
            m_ws->statements.get(), QStringLiteral("main"), QStringLiteral("ad_segments"));
    }
    bool ok() const { return m_ws != nullptr; }
    core::SegmentStore& segments() override { return *m_segments; }
    core::MetricsStore& metrics() override { return *m_metrics; }
    void insertGold(const QString& segmentId, const DailyMetrics& m) override
    {
        using T = core::SqlParam::Type;
        auto done = m_ws->execute(
            QStringLiteral("INSERT INTO main.ad_segments.gold_segment_daily_metrics (segment_id, day, "
                           "impressions, clicks, "
                           "conversions, unique_users, spend_micros) VALUES (:id, :day, :i, :c, :v, :u, :s)"),
            {{QStringLiteral("id"), segmentId, T::String},
             {QStringLiteral("day"), m.day.toString(Qt::ISODate), T::Date},
             {QStringLiteral("i"), m.impressions, T::Int},
             {QStringLiteral("c"), m.clicks, T::Int},
             {QStringLiteral("v"), m.conversions, T::Int},
             {QStringLiteral("u"), m.uniqueUsers, T::Int},
             {QStringLiteral("s"), m.spendMicros, T::Int}});
        ASSERT_TRUE(done) << done.error().toString().toStdString();
    }

    void useSmallChunks() override
    {
        m_ws->emulator->setRowsPerChunk(2);
        m_ws->emulator->setExternalLinksPerResponse(2);
    }

private:
    std::unique_ptr<testsupport::EmulatedWorkspace> m_ws;
    std::unique_ptr<core::DatabricksSegmentStore> m_segments;
    std::unique_ptr<core::DatabricksMetricsStore> m_metrics;
};

// PostgreSQL/Lakebase: PostgresBackend → SessionMetricsStore → PgExecutor → libpq → a real server.
class PostgresMetricsBackend final : public MetricsBackend
{
public:
    PostgresMetricsBackend() : m_backend(testsupport::openPostgresBackend(QStringLiteral("metrics"))) {}
    bool ok() const { return m_backend != nullptr; }
    core::SegmentStore& segments() override { return m_backend->segments(); }
    core::MetricsStore& metrics() override { return m_backend->metrics(); }
    void insertGold(const QString& segmentId, const DailyMetrics& m) override
    {
        core::SqlParams p;
        const QStringList values{p.addString(segmentId), p.addDate(m.day.toString(Qt::ISODate)), p.addInt(m.impressions),
                                 p.addInt(m.clicks),     p.addInt(m.conversions),                p.addInt(m.uniqueUsers),
                                 p.addInt(m.spendMicros)};
        const core::BoundSql insert{QStringLiteral("INSERT INTO gold_segment_daily_metrics (segment_id, day, impressions, "
                                                   "clicks, conversions, unique_users, spend_micros) VALUES (%1)")
                                        .arg(values.join(QStringLiteral(", "))),
                                    p.take()};
        auto done = core::awaitFuture(m_backend->executor().submit<qint64>(
            [insert](core::SqlSession& db) { return db.execute(insert, QStringLiteral("insert test metrics")); }));
        ASSERT_TRUE(done) << done.error().toString().toStdString();
    }

private:
    std::unique_ptr<core::PostgresBackend> m_backend;
};

struct BackendFactory
{
    std::string name;
    std::function<std::unique_ptr<MetricsBackend>()> create;
};

std::ostream& operator<<(std::ostream& os, const BackendFactory& f)
{
    return os << f.name;
}

template <typename B> std::unique_ptr<MetricsBackend> make()
{
    auto b = std::make_unique<B>();
    return b->ok() ? std::move(b) : nullptr;
}

DailyMetrics day(int d, qint64 impressions)
{
    DailyMetrics m;
    m.day = QDate(2026, 3, d);
    m.impressions = impressions;
    m.clicks = impressions / 10;
    m.conversions = impressions / 100;
    m.uniqueUsers = impressions / 2;
    m.spendMicros = impressions * 4'321;
    return m;
}

class MetricsStoreContract : public ::testing::TestWithParam<BackendFactory>
{
protected:
    std::unique_ptr<MetricsBackend> backend;
    QString segmentId;
    QString otherId;

    void SetUp() override
    {
        backend = GetParam().create();
        ASSERT_TRUE(backend);
        ASSERT_TRUE(core::awaitFuture(
            backend->segments().saveAdvertiser({QStringLiteral("adv"), QStringLiteral("Adv")})));
        for (QString* id : {&segmentId, &otherId}) {
            auto created = core::awaitFuture(backend->segments().createSegment(
                testsupport::draftSegment(QStringLiteral("adv"),
                                          id == &segmentId ? QStringLiteral("One") : QStringLiteral("Two")),
                QStringLiteral("tester")));
            ASSERT_TRUE(created) << created.error().toString().toStdString();
            *id = created.value().id;
        }
    }

    core::Result<QList<DailyMetrics>> read(const QString& id, QDate from = {}, QDate to = {})
    {
        return core::awaitFuture(backend->metrics().dailyMetrics(id, from, to));
    }
};

TEST_P(MetricsStoreContract, ReturnsTheStoredDaysInOrderWithEveryFigure)
{
    backend->insertGold(segmentId, day(3, 3000));
    backend->insertGold(segmentId, day(1, 1000));
    backend->insertGold(segmentId, day(2, 20'000'000'000)); // beyond 32 bits
    backend->insertGold(otherId, day(1, 7));
    auto read = this->read(segmentId);
    ASSERT_TRUE(read) << read.error().toString().toStdString();
    ASSERT_EQ(read.value().size(), 3);
    EXPECT_EQ(read.value().at(0), day(1, 1000));
    EXPECT_EQ(read.value().at(1), day(2, 20'000'000'000));
    EXPECT_EQ(read.value().at(2), day(3, 3000));
}

TEST_P(MetricsStoreContract, FromAndToBoundTheRangeInclusively)
{
    for (int d = 1; d <= 5; ++d)
        backend->insertGold(segmentId, day(d, d * 100));
    auto middle = read(segmentId, QDate(2026, 3, 2), QDate(2026, 3, 4));
    ASSERT_TRUE(middle) << middle.error().toString().toStdString();
    ASSERT_EQ(middle.value().size(), 3);
    EXPECT_EQ(middle.value().first().day, QDate(2026, 3, 2));
    EXPECT_EQ(middle.value().last().day, QDate(2026, 3, 4));
    auto fromOnly = read(segmentId, QDate(2026, 3, 5));
    ASSERT_TRUE(fromOnly);
    ASSERT_EQ(fromOnly.value().size(), 1);
    EXPECT_EQ(fromOnly.value().first().impressions, 500);
    auto toOnly = read(segmentId, {}, QDate(2026, 3, 1));
    ASSERT_TRUE(toOnly);
    ASSERT_EQ(toOnly.value().size(), 1);
    EXPECT_EQ(toOnly.value().first().impressions, 100);
    auto outside = read(segmentId, QDate(2026, 4, 1), QDate(2026, 4, 30));
    ASSERT_TRUE(outside);
    EXPECT_TRUE(outside.value().isEmpty());
}

TEST_P(MetricsStoreContract, ASegmentWithoutMetricsIsEmptyAndAnUnknownOneIsNotFound)
{
    auto empty = read(segmentId);
    ASSERT_TRUE(empty) << empty.error().toString().toStdString();
    EXPECT_TRUE(empty.value().isEmpty());
    auto unknown = read(QStringLiteral("00000000-0000-0000-0000-000000000000"));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().kind, core::ErrorKind::NotFound);
    EXPECT_NE(unknown.error().userMessage.indexOf(QStringLiteral("00000000-0000-0000-0000-000000000000")),
              -1);
}

TEST_P(MetricsStoreContract, ARangeThatEndsBeforeItStartsIsRefused)
{
    auto r = read(segmentId, QDate(2026, 3, 5), QDate(2026, 3, 1));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::Validation);
    EXPECT_EQ(r.error().code, QStringLiteral("date_range_invalid"));
}

TEST_P(MetricsStoreContract, AnIdThatLooksLikeSqlIsJustAnUnknownId)
{
    auto r = read(QStringLiteral("x' OR '1'='1"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, core::ErrorKind::NotFound);
}

TEST_P(MetricsStoreContract, TheBulkReadGroupsEveryLiveSegmentOfTheAdvertiserInOneResult)
{
    ASSERT_TRUE(core::awaitFuture(
        backend->segments().saveAdvertiser({QStringLiteral("adv2"), QStringLiteral("Other advertiser")})));
    auto elsewhere = core::awaitFuture(backend->segments().createSegment(
        testsupport::draftSegment(QStringLiteral("adv2"), QStringLiteral("Elsewhere")),
        QStringLiteral("tester")));
    ASSERT_TRUE(elsewhere) << elsewhere.error().toString().toStdString();
    for (int d = 1; d <= 4; ++d)
        backend->insertGold(segmentId, day(d, d * 1000));
    backend->insertGold(segmentId, day(6, 20'000'000'000)); // after a day without events; beyond 32 bits
    backend->insertGold(elsewhere.value().id, day(1, 9));
    // otherId has no metrics: it is listed with no days.
    backend->useSmallChunks();

    auto bulk = core::awaitFuture(backend->metrics().dailyMetricsOfAll(QStringLiteral("adv")));
    ASSERT_TRUE(bulk) << bulk.error().toString().toStdString();
    QStringList expectedIds{segmentId, otherId};
    expectedIds.sort();
    ASSERT_EQ(bulk.value().size(), 2);
    EXPECT_EQ(bulk.value().at(0).segmentId, expectedIds.at(0));
    EXPECT_EQ(bulk.value().at(1).segmentId, expectedIds.at(1));
    for (const core::SegmentDailyMetrics& s : bulk.value()) {
        // The same days, figures and order as the segment's own read.
        auto single = read(s.segmentId);
        ASSERT_TRUE(single);
        EXPECT_EQ(s.days, single.value()) << s.segmentId.toStdString();
        EXPECT_EQ(s.days.size(), s.segmentId == segmentId ? 5 : 0);
    }

    auto everyone = core::awaitFuture(backend->metrics().dailyMetricsOfAll());
    ASSERT_TRUE(everyone) << everyone.error().toString().toStdString();
    ASSERT_EQ(everyone.value().size(), 3);
    qsizetype days = 0;
    for (const auto& s : everyone.value())
        days += s.days.size();
    EXPECT_EQ(days, 6);
}

TEST_P(MetricsStoreContract, TheBulkReadHonoursTheRangeAndLeavesDeletedSegmentsOut)
{
    for (int d = 1; d <= 5; ++d) {
        backend->insertGold(segmentId, day(d, d * 100));
        backend->insertGold(otherId, day(d, d * 10));
    }
    auto other = core::awaitFuture(backend->segments().getSegment(otherId));
    ASSERT_TRUE(other);
    ASSERT_TRUE(core::awaitFuture(
        backend->segments().deleteSegment(otherId, other.value().version, QStringLiteral("tester"))));
    auto bulk = core::awaitFuture(
        backend->metrics().dailyMetricsOfAll(QStringLiteral("adv"), QDate(2026, 3, 2), QDate(2026, 3, 4)));
    ASSERT_TRUE(bulk) << bulk.error().toString().toStdString();
    ASSERT_EQ(bulk.value().size(), 1);
    EXPECT_EQ(bulk.value().first().segmentId, segmentId);
    ASSERT_EQ(bulk.value().first().days.size(), 3);
    EXPECT_EQ(bulk.value().first().days.first(), day(2, 200));
    EXPECT_EQ(bulk.value().first().days.last(), day(4, 400));

    auto unknown = core::awaitFuture(backend->metrics().dailyMetricsOfAll(QStringLiteral("x' OR '1'='1")));
    ASSERT_TRUE(unknown) << unknown.error().toString().toStdString();
    EXPECT_TRUE(unknown.value().isEmpty());
    auto backwards =
        core::awaitFuture(backend->metrics().dailyMetricsOfAll({}, QDate(2026, 3, 5), QDate(2026, 3, 1)));
    ASSERT_FALSE(backwards);
    EXPECT_EQ(backwards.error().code, QStringLiteral("date_range_invalid"));
}

INSTANTIATE_TEST_SUITE_P(Backends, MetricsStoreContract,
                         ::testing::Values(BackendFactory{"sqlite", &make<SqliteBackend>},
                                           BackendFactory{"databricks_emulator", &make<DatabricksBackend>},
                                           BackendFactory{"postgres", &make<PostgresMetricsBackend>}),
                         [](const auto& info) { return info.param.name; });

TEST(DailyMetrics, DerivedRatesAndZeroDays)
{
    DailyMetrics m = day(1, 2000);
    EXPECT_DOUBLE_EQ(m.ctr(), 0.1);
    EXPECT_DOUBLE_EQ(m.cvr(), 0.1);
    EXPECT_DOUBLE_EQ(m.spend(), 2000 * 4321 / 1e6);
    EXPECT_DOUBLE_EQ(m.cpm(), m.spend() * 1000 / 2000);
    EXPECT_DOUBLE_EQ(DailyMetrics{}.ctr(), 0.0);
    EXPECT_DOUBLE_EQ(DailyMetrics{}.cpm(), 0.0);

    const auto filled =
        DailyMetrics::withZeroDays({day(4, 10), day(2, 20)}, QDate(2026, 3, 1), QDate(2026, 3, 5));
    ASSERT_EQ(filled.size(), 5);
    EXPECT_EQ(filled.at(0).day, QDate(2026, 3, 1));
    EXPECT_EQ(filled.at(0).impressions, 0);
    EXPECT_EQ(filled.at(1), day(2, 20));
    EXPECT_EQ(filled.at(2).impressions, 0);
    EXPECT_EQ(filled.at(3), day(4, 10));
    const auto inner = DailyMetrics::withZeroDays({day(4, 10), day(2, 20)});
    ASSERT_EQ(inner.size(), 3);
    EXPECT_EQ(inner.at(1).day, QDate(2026, 3, 3));
    EXPECT_TRUE(DailyMetrics::withZeroDays({}).isEmpty());
}

} // namespace
