#pragma once

#include <memory>

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "common/future_wait.h"
#include "demo/demo_generator.h"
#include "backends/sqlite/sqlite_backend.h"
#include "backends/session_segment_store.h"
#include "support/segment_builders.h"
#include "support/test_catalogue.h"

namespace uitest {

// A local workspace in a temporary folder, opened with the real SQLite store.
class TempWorkspace
{
public:
    static constexpr const char* kAdvertiser = "adv-test";

    // An empty workspace with one advertiser and the given segment names (country US).
    static std::unique_ptr<TempWorkspace> withSegments(const QStringList& names)
    {
        auto ws = std::unique_ptr<TempWorkspace>(new TempWorkspace);
        if (!ws->open())
            return nullptr;
        auto added = core::awaitFuture(ws->store().saveAdvertiser(
            core::Advertiser{QString::fromLatin1(kAdvertiser), QStringLiteral("Test Advertiser")}));
        EXPECT_TRUE(added.ok()) << added.error().toString().toStdString();
        for (const QString& name : names) {
            auto created = core::awaitFuture(ws->store().createSegment(
                testsupport::draftSegment(QString::fromLatin1(kAdvertiser), name), QStringLiteral("tester")));
            EXPECT_TRUE(created.ok()) << created.error().toString().toStdString();
        }
        return ws;
    }

    // A copy of a small demo workspace (real events, so reach depends on the criteria).
    static std::unique_ptr<TempWorkspace> smallDemo()
    {
        core::DemoOptions options;
        options.users = 400;
        options.days = 35;
        static DemoTemplate demo(options);
        return demo.copy();
    }

    // A copy of a demo workspace with enough events for the figures to mean something (daily
    // metrics every day, significant rate differences between advertisers), ending 2026-09-30.
    static std::unique_ptr<TempWorkspace> busyDemo()
    {
        core::DemoOptions options;
        options.seed = 23;
        options.endDate = QDate(2026, 9, 30);
        options.users = 2000;
        options.days = 60;
        options.meanEventsPerUserPerDay = 0.15;
        static DemoTemplate demo(options);
        return demo.copy();
    }

    // The id of the segment with this name (empty, and a failure, when there is none).
    QString segmentId(const QString& name)
    {
        auto all = core::awaitFuture(store().listSegments({}));
        EXPECT_TRUE(all.ok());
        for (const auto& s : all ? all.value() : QList<core::Segment>{}) {
            if (s.name == name)
                return s.id;
        }
        ADD_FAILURE() << "no segment " << name.toStdString();
        return {};
    }

    // The workspace's segment store, and the whole backend (metrics, comparisons, pipeline).
    core::SessionSegmentStore& store() { return m_store->segmentStore(); }
    core::SqliteBackend& backend() { return *m_store; }
    // Closes the store but keeps the file (for another process to open).
    void closeStore() { m_store.reset(); }
    QString path() const { return m_dir.filePath(QStringLiteral("workspace.sqlite")); }

private:
    // A demo workspace built once per test run, copied for each test.
    class DemoTemplate
    {
    public:
        explicit DemoTemplate(const core::DemoOptions& options)
            : m_path(m_dir.filePath(QStringLiteral("demo.sqlite")))
        {
            const core::Status s = core::DemoGenerator::createWorkspace(m_path, options);
            EXPECT_TRUE(s.ok()) << s.error().toString().toStdString();
            m_built = s.ok();
        }

        std::unique_ptr<TempWorkspace> copy() const
        {
            if (!m_built)
                return nullptr;
            auto ws = std::unique_ptr<TempWorkspace>(new TempWorkspace);
            if (!QFile::copy(m_path, ws->path())) {
                ADD_FAILURE() << "could not copy the demo workspace";
                return nullptr;
            }
            if (!ws->open())
                return nullptr;
            return ws;
        }

    private:
        QTemporaryDir m_dir;
        QString m_path;
        bool m_built = false;
    };

    TempWorkspace() = default;

    bool open()
    {
        auto opened = core::SqliteBackend::open(path(), testsupport::catalogue());
        if (!opened) {
            ADD_FAILURE() << opened.error().toString().toStdString();
            return false;
        }
        m_store = std::move(opened).value();
        return true;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<core::SqliteBackend> m_store;
};

} // namespace uitest
