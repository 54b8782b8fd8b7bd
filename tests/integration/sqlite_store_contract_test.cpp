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

using contract::StoreContract;

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract,
                         ::testing::Values(contract::StoreFactory{"sqlite", &openTemporarySqliteStore}),
                         [](const auto& info) { return info.param.name; });

namespace {

std::shared_ptr<core::Backend> openTemporarySqliteBackend()
{
    static std::vector<std::unique_ptr<QTemporaryDir>> dirs;
    dirs.push_back(std::make_unique<QTemporaryDir>());
    auto opened = core::SqliteBackend::open(dirs.back()->filePath(QStringLiteral("ws.sqlite")), testsupport::catalogue());
    if (!opened) {
        ADD_FAILURE() << opened.error().toString().toStdString();
        return nullptr;
    }
    return std::shared_ptr<core::Backend>(std::move(opened).value());
}

} // namespace

using contract::ExperimentStoreContract;

INSTANTIATE_TEST_SUITE_P(Sqlite, ExperimentStoreContract,
                         ::testing::Values(contract::BackendFactory{"sqlite", &openTemporarySqliteBackend}),
                         [](const auto& info) { return info.param.name; });
