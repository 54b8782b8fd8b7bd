#include "audience_contract_tests.h"
#include "backends/sqlite/sqlite_backend.h"
#include "store_contract_tests.h"
#include "support/test_catalogue.h"

#include <QTemporaryDir>

namespace {

std::shared_ptr<core::SegmentStore> openTemporarySqliteStore()
{
    // Each store gets its own directory, kept until the process ends.
    static std::vector<std::unique_ptr<QTemporaryDir>> dirs;
    dirs.push_back(std::make_unique<QTemporaryDir>());
    auto store = core::SqliteBackend::open(dirs.back()->filePath(QStringLiteral("ws.sqlite")), testsupport::catalogue());
    if (!store) {
        ADD_FAILURE() << store.error().toString().toStdString();
        return nullptr;
    }
    std::shared_ptr<core::SqliteBackend> backend = std::move(store).value();
    return std::shared_ptr<core::SegmentStore>(backend, &backend->segments());
}

} // namespace

using contract::AudienceContract;
using contract::StoreContract;

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract,
                         ::testing::Values(contract::StoreFactory{"sqlite", &openTemporarySqliteStore}),
                         [](const auto& info) { return info.param.name; });

// --- the audience contract on the local workspace ----------------------------------------------

namespace {

contract::AudienceBackend audienceOf(std::shared_ptr<core::SqliteBackend> backend)
{
    if (!backend)
        return {};
    return {&backend->segments(), &backend->pipeline(), &backend->audiences(), backend};
}

std::shared_ptr<core::SqliteBackend> openSqliteBackend(const QString& path)
{
    auto opened = core::SqliteBackend::open(path, testsupport::catalogue());
    if (!opened) {
        ADD_FAILURE() << opened.error().toString().toStdString();
        return nullptr;
    }
    return std::move(opened).value();
}

contract::AudienceBackend emptySqliteAudience()
{
    static std::vector<std::unique_ptr<QTemporaryDir>> dirs;
    dirs.push_back(std::make_unique<QTemporaryDir>());
    return audienceOf(openSqliteBackend(dirs.back()->filePath(QStringLiteral("ws.sqlite"))));
}

// A copy of the demo workspace: the demo generator stored its identifiers.
contract::AudienceBackend demoSqliteAudience()
{
    static QTemporaryDir dir;
    static const std::shared_ptr<core::SqliteBackend> backend = [] {
        const QString copy = dir.filePath(QStringLiteral("demo.sqlite"));
        EXPECT_TRUE(QFile::copy(testsupport::DemoAudience::get().workspace, copy));
        return openSqliteBackend(copy);
    }();
    return audienceOf(backend);
}

std::shared_ptr<core::Backend> openTemporarySqliteBackend()
{
    static std::vector<std::unique_ptr<QTemporaryDir>> dirs;
    dirs.push_back(std::make_unique<QTemporaryDir>());
    return openSqliteBackend(dirs.back()->filePath(QStringLiteral("ws.sqlite")));
}

} // namespace

INSTANTIATE_TEST_SUITE_P(Sqlite, AudienceContract,
                         ::testing::Values(contract::AudienceFactory{"sqlite", true, &emptySqliteAudience,
                                                                     &demoSqliteAudience}),
                         [](const auto& info) { return info.param.name; });

using contract::ExperimentStoreContract;

INSTANTIATE_TEST_SUITE_P(Sqlite, ExperimentStoreContract,
                         ::testing::Values(contract::BackendFactory{"sqlite", &openTemporarySqliteBackend}),
                         [](const auto& info) { return info.param.name; });

using contract::AuditStoreContract;

INSTANTIATE_TEST_SUITE_P(Sqlite, AuditStoreContract,
                         ::testing::Values(contract::BackendFactory{"sqlite", &openTemporarySqliteBackend}),
                         [](const auto& info) { return info.param.name; });

// The same change (one idempotency key) sent twice, e.g. by the window's sync and `segctl outbox
// sync` at once: the second is refused whole with its own code, and the segment keeps one version.
TEST(SqliteChangeKeys, AChangeSentTwiceIsStoredOnceAndTheRepeatIsRefusedByItsKey)
{
    std::shared_ptr<core::Backend> backend = openTemporarySqliteBackend();
    ASSERT_TRUE(backend);
    core::SegmentStore& store = backend->segments();
    ASSERT_TRUE(core::awaitFuture(store.saveAdvertiser({QStringLiteral("adv-1"), QStringLiteral("Acme")})));
    auto made = core::awaitFuture(store.createSegment(testsupport::draftSegment(QStringLiteral("adv-1"), QStringLiteral("Spring")),
                                                      QStringLiteral("me")));
    ASSERT_TRUE(made) << made.error().toString().toStdString();
    const core::WriteOrigin origin{QStringLiteral("me"), QStringLiteral("0b6e6a52-key")};
    core::Segment edited = made.value();
    edited.name = QStringLiteral("Spring buyers");
    auto first = core::awaitFuture(store.updateSegment(edited, origin));
    ASSERT_TRUE(first) << first.error().toString().toStdString();
    core::Segment again = first.value(); // as a second sync would send it: from the version it saw
    again.name = QStringLiteral("Spring buyers");
    again.description = QStringLiteral("sent twice");
    auto second = core::awaitFuture(store.updateSegment(again, origin));
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, QStringLiteral("change_applied_already"));
    auto now = core::awaitFuture(store.getSegment(made.value().id));
    ASSERT_TRUE(now);
    EXPECT_EQ(now.value(), first.value()); // the refused repeat changed nothing
    EXPECT_EQ(core::awaitFuture(store.segmentHistory(made.value().id)).value().size(), 2);
}
