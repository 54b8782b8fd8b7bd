// The process fault_tests runs the local workspace in, so a fault can hit it alone: a file size
// limit (the disk full), an unprivileged user (the file read-only), kill -9 while it writes.
//
// fault_child init WORKSPACE                         creates the workspace and the advertiser
// fault_child save WORKSPACE TAG COUNT DESC_BYTES    creates COUNT segments named TAG<n>
// Prints "saved ID NAME" after each save the store confirmed and "failed MESSAGE" for each one it
// refused, flushed at once; a workspace that cannot be opened: its error on stderr, exit 2.
#include "backends/sqlite/sqlite_backend.h"
#include "common/future_wait.h"
#include "domain/catalogue.h"
#include "logging/logging.h"
#include "support/segment_builders.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 1;
    core::logging::initialize(QString(), false, core::logging::Console::Nothing);
    auto catalogue = core::Catalogue::load();
    if (!catalogue)
        return 1;
    auto opened = core::SqliteBackend::open(args.at(2), catalogue.value());
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().userMessage));
        return 2;
    }
    core::SegmentStore& store = opened.value()->segments();
    const QString advertiser = QStringLiteral("adv-fault");
    if (args.at(1) == QLatin1String("init")) {
        auto saved = core::awaitFuture(store.saveAdvertiser({advertiser, QStringLiteral("Fault Advertiser")}));
        return saved ? 0 : 3;
    }
    if (args.at(1) != QLatin1String("save") || args.size() != 6)
        return 1;
    const QString tag = args.at(3);
    const int count = args.at(4).toInt();
    const QString description(args.at(5).toInt(), QLatin1Char('d'));
    for (int i = 0; i < count; ++i) {
        core::Segment draft = testsupport::draftSegment(advertiser, tag + QString::number(i));
        draft.description = description;
        auto created = core::awaitFuture(store.createSegment(draft, QStringLiteral("fault-child")));
        if (created)
            std::printf("saved %s %s\n", qPrintable(created.value().id), qPrintable(created.value().name));
        else
            std::printf("failed %s\n", qPrintable(created.error().userMessage));
        std::fflush(stdout);
    }
    return 0;
}
