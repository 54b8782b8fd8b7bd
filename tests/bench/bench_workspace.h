#pragma once

// The demo workspace the benchmarks run on: built once in $SB_BENCH_DIR (default /tmp/sb-bench)
// with the default demo options (50,000 users, 180 days) ending 2026-11-24, then reused.
#include <cstdio>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include "common/future_wait.h"
#include "demo/demo_generator.h"
#include "backends/sqlite/sqlite_backend.h"

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

inline core::SqliteBackend& demoStore()
{
    static std::unique_ptr<core::SqliteBackend> store = [] {
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
        auto opened = core::SqliteBackend::open(path, catalogue());
        if (!opened)
            qFatal("open %s: %s", qPrintable(path), qPrintable(opened.error().toString()));
        return std::move(opened).value();
    }();
    return *store;
}

// Six segments of two advertisers for comparisons: lists, behaviour windows, an exclusion, a
// segment reference.
inline QStringList sixComparisonSegmentIds()
{
    static const QStringList ids = [] {
        auto all = core::awaitFuture(demoStore().segments().listSegments({}));
        if (!all)
            qFatal("%s", qPrintable(all.error().toString()));
        QStringList out;
        for (const char* name : {"Weekend Hikers", "Urban Cyclists EU", "Outdoor Gift Buyers",
                                 "High-Intent Adventurers", "Mobile Gamers 18-34", "Lapsed Players"}) {
            for (const auto& s : all.value()) {
                if (s.name == QLatin1String(name))
                    out.append(s.id);
            }
        }
        if (out.size() != 6)
            qFatal("demo segments missing");
        return out;
    }();
    return ids;
}

} // namespace bench
