#pragma once

// The demo workspace the benchmarks run on: built once in $SB_BENCH_DIR (default /tmp/sb-bench)
// with the default demo options (50,000 users, 180 days) ending 2026-11-24, then reused.
#include <cstdio>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include "demo/demo_generator.h"
#include "store/sqlite/sqlite_segment_store.h"

namespace bench {

inline QString benchDir()
{
    const QString dir = qEnvironmentVariable("SB_BENCH_DIR", QStringLiteral("/tmp/sb-bench"));
    QDir().mkpath(dir);
    return dir;
}

inline std::shared_ptr<const core::Catalogue> catalogue()
{
    static auto c = core::Catalogue::load().value();
    return c;
}

inline core::SqliteSegmentStore& demoStore()
{
    static std::unique_ptr<core::SqliteSegmentStore> store = [] {
        const QString path = QDir(benchDir()).filePath(QStringLiteral("demo.sqlite"));
        if (!QFile::exists(path)) {
            core::DemoOptions o;
            o.endDate = QDate(2026, 11, 24);
            QElapsedTimer t;
            t.start();
            auto s = core::DemoGenerator::createWorkspace(path, o);
            if (!s)
                qFatal("demo: %s", qPrintable(s.error().toString()));
            fprintf(stderr, "demo workspace (50,000 users, 180 days) created in %lld ms\n",
                    static_cast<long long>(t.elapsed()));
        }
        auto opened = core::SqliteSegmentStore::open(path, catalogue());
        if (!opened)
            qFatal("open %s: %s", qPrintable(path), qPrintable(opened.error().toString()));
        return std::move(opened).value();
    }();
    return *store;
}

} // namespace bench
