#pragma once

// A small demo workspace made once per test process (DemoGenerator: 3 advertisers, 15 segments,
// 1,500 people over 45 days, with their customer identifiers), and what it takes to put the same
// audience on another backend: its advertisers and segments, its events as an events CSV file,
// its identifiers. The audience contract (tests/integration/audience_contract_tests.h) runs on it.

#include <algorithm>

#include <gtest/gtest.h>

#include <QDate>
#include <QTemporaryDir>

#include "backends/sqlite/sqlite_backend.h"
#include "common/future_wait.h"
#include "demo/demo_generator.h"
#include "support/test_catalogue.h"
#include "support/workspace_exports.h"

namespace testsupport {

struct DemoAudience
{
    QString workspace;  // the SQLite file: copy it before changing anything
    QString eventsFile; // its bronze rows as an events CSV file, in the order they were generated
    QList<core::Advertiser> advertisers;
    QList<core::Segment> segments; // every demo segment, oldest first (references after what they refer to)
    QList<core::CustomerIdentifiers> identifiers; // by user_id

    static const DemoAudience& get()
    {
        static const DemoAudience made = make();
        return made;
    }

    // The live segments.
    QList<core::Segment> liveSegments() const
    {
        QList<core::Segment> out;
        for (const auto& s : segments) {
            if (!s.isDeleted())
                out.append(s);
        }
        return out;
    }

    // Puts the demo's advertisers, segments and events (imported and refreshed) into a backend.
    void loadInto(core::SegmentStore& store, core::ImpressionsPipeline& pipeline) const
    {
        for (const auto& a : advertisers)
            ASSERT_TRUE(core::awaitFuture(store.saveAdvertiser(a)));
        for (const auto& s : segments) {
            auto imported = core::awaitFuture(store.importSegment(s));
            ASSERT_TRUE(imported) << s.name.toStdString() << ": "
                                  << imported.error().toString().toStdString();
        }
        auto events = core::awaitFuture(pipeline.importEvents(eventsFile, {}));
        ASSERT_TRUE(events) << events.error().toString().toStdString();
        auto refreshed = core::awaitFuture(pipeline.refresh());
        ASSERT_TRUE(refreshed) << refreshed.error().toString().toStdString();
    }

private:
    static DemoAudience make()
    {
        static QTemporaryDir dir; // lives as long as the process
        DemoAudience d;
        d.workspace = dir.filePath(QStringLiteral("demo-audience.sqlite"));
        d.eventsFile = dir.filePath(QStringLiteral("demo-audience-events.csv"));
        core::DemoOptions options;
        options.seed = 16;
        options.endDate = QDate(2026, 9, 30);
        options.users = 1500;
        options.days = 45;
        options.meanEventsPerUserPerDay = 0.03;
        if (auto made = core::DemoGenerator::createWorkspace(d.workspace, options); !made) {
            ADD_FAILURE() << made.error().toString().toStdString();
            return d;
        }
        {
            auto opened = core::SqliteBackend::open(d.workspace, catalogue());
            if (!opened) {
                ADD_FAILURE() << opened.error().toString().toStdString();
                return d;
            }
            core::SqliteBackend& backend = *opened.value();
            d.advertisers = core::awaitFuture(backend.segments().listAdvertisers()).value();
            core::SegmentQuery all;
            all.deleted = core::SegmentQuery::Deleted::Include;
            d.segments = core::awaitFuture(backend.segments().listSegments(all)).value();
            std::sort(
                d.segments.begin(), d.segments.end(),
                [](const core::Segment& a, const core::Segment& b) { return a.createdAt < b.createdAt; });
        }
        writeEventsCsv(d.workspace, d.eventsFile);
        d.identifiers = readIdentifiers(d.workspace);
        return d;
    }
};

} // namespace testsupport
