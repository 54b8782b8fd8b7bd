#include "store/sqlite/sqlite_segment_store.h"
#include "store_contract_tests.h"
#include "support/test_catalogue.h"

#include <QTemporaryDir>

namespace {

std::unique_ptr<core::SegmentStore> openTemporarySqliteStore()
{
    // Each store gets its own directory, kept until the process ends.
    static std::vector<std::unique_ptr<QTemporaryDir>> dirs;
    dirs.push_back(std::make_unique<QTemporaryDir>());
    auto store = core::SqliteSegmentStore::open(dirs.back()->filePath(QStringLiteral("ws.sqlite")), testsupport::catalogue());
    if (!store) {
        ADD_FAILURE() << store.error().toString().toStdString();
        return nullptr;
    }
    return std::move(store).value();
}

} // namespace

using contract::StoreContract;

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract,
                         ::testing::Values(contract::StoreFactory{"sqlite", &openTemporarySqliteStore}),
                         [](const auto& info) { return info.param.name; });
