// File ▸ Import Events… and Refresh Metrics in the main window, on a real local workspace: the
// report box shows what was loaded and the rejected lines, Refresh Metrics Now brings the daily
// metrics (hand-counted below) into the detail view, and failures are toasts.
#include <QAbstractButton>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>

#include "analytics_window.h"
#include "comparison/comparison_view.h"
#include "workspace/events_import_flow.h"
#include "shell/main_window_actions.h"
#include "segments/segment_detail_view.h"
#include "segments/segment_views.h"

namespace {

// Six records of adv-test (the workspace's advertiser; its segment "Alpha" is country US) and
// one broken line: e3 twice, e4 with a country that does not exist, e5 outside the segment.
const QByteArray kEvents = "event_id,event_time,advertiser_id,campaign_id,user_id,age,gender,country,region,"
                           "device,interests,event_type,"
                           "cost_micros\n"
                           "e1,2026-03-01T09:00:00Z,adv-test,c1,u1,29,f,US,,mobile,,impression,2000000\n"
                           "e2,2026-03-01T09:01:00Z,adv-test,c1,u1,29,f,US,,mobile,,click,0\n"
                           "e3,2026-03-02T10:00:00Z,adv-test,c1,u2,45,m,US,,desktop,,impression,1000000\n"
                           "e3,2026-03-02T10:00:00Z,adv-test,c1,u2,45,m,US,,desktop,,impression,1000000\n"
                           "e4,2026-03-02T11:00:00Z,adv-test,c1,u3,30,m,XX,,desktop,,impression,1000000\n"
                           "e5,2026-03-02T12:00:00Z,adv-test,c1,u4,30,m,DE,,desktop,,impression,1000000\n"
                           "e6,2026-03-02T13:00:00Z,adv-test,c1,u5\n";

// The workspace's own pipeline, with the import held when it first reports progress past the
// start until the test lets it go: Cancel is pressed while the file is being read.
class HeldImportPipeline final : public core::ImpressionsPipeline
{
public:
    explicit HeldImportPipeline(core::ImpressionsPipeline& real) : m_real(real) {}

    QFuture<core::Result<core::ImportReport>> importEvents(const QString& path,
                                                           const core::ImportOptions& options) override
    {
        core::ImportOptions held = options;
        held.progress = [this, inner = options.progress](double fraction) { // the reading thread
            if (inner)
                inner(fraction);
            if (fraction > 0 && !m_held.exchange(true)) {
                m_reading.release();
                m_go.acquire();
            }
        };
        return m_real.importEvents(path, held);
    }
    QFuture<core::Result<core::PipelineReport>> refresh() override { return m_real.refresh(); }
    QFuture<core::Result<QList<core::QuarantinedRow>>> quarantined(int limit) override
    {
        return m_real.quarantined(limit);
    }

    bool waitUntilReading() { return m_reading.tryAcquire(1, 20000); }
    void letGo() { m_go.release(); }

private:
    core::ImpressionsPipeline& m_real;
    std::atomic<bool> m_held{false};
    QSemaphore m_reading;
    QSemaphore m_go;
};

class EventsImportTest : public uitest::AnalyticsWindowTest
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        open(uitest::TempWorkspace::withSegments({QStringLiteral("Alpha"), QStringLiteral("Beta")}),
             QString::fromLatin1(uitest::TempWorkspace::kAdvertiser));
    }

    ui::EventsImportFlow& events() { return *m_window->events(); }
    ui::SegmentDetailView& detail() { return *m_window->views()->detail(); }

    QString writeEvents(const QByteArray& bytes, const QString& name = QStringLiteral("events.csv"))
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        return path;
    }

    QAbstractButton* button(QMessageBox* box, const QString& text)
    {
        for (QAbstractButton* b : box->buttons()) {
            if (b->text() == text)
                return b;
        }
        ADD_FAILURE() << "no button " << text.toStdString();
        return nullptr;
    }

    QList<core::DailyMetrics> metricsOfAlpha()
    {
        auto rows = core::awaitFuture(m_workspace->backend().metrics().dailyMetrics(id("Alpha")));
        EXPECT_TRUE(rows.ok());
        return rows.ok() ? rows.value() : QList<core::DailyMetrics>{};
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(EventsImportTest, ImportingThenRefreshingFillsTheDetailView)
{
    m_window->showView(ui::SegmentViews::View::Detail);
    activate(QStringLiteral("Alpha"));
    TRY_VERIFY_WITH_TIMEOUT(settled() && detail().segmentId() == id("Alpha"), 20000);
    EXPECT_FALSE(detail().hasMetrics());

    // File ▸ Import Events… with the file chooser answering.
    const QString path = writeEvents(kEvents);
    events().setOpenFileChooser([path](const QString&, const QString&) { return path; });
    m_window->actions()->importEvents->trigger();
    TRY_VERIFY_WITH_TIMEOUT(events().importReportBox() && events().importReportBox()->isVisible(), 20000);
    QMessageBox* box = events().importReportBox();
    EXPECT_TRUE(box->text().contains(QStringLiteral("6 of 7 records of “events.csv”")))
        << box->text().toStdString();
    EXPECT_TRUE(box->detailedText().startsWith(QStringLiteral("line 8:")))
        << box->detailedText().toStdString();
    EXPECT_TRUE(metricsOfAlpha().isEmpty()); // in bronze, not in the metrics yet

    QAbstractButton* now = button(box, QStringLiteral("Refresh Metrics Now"));
    ASSERT_TRUE(now);
    now->click();
    TRY_VERIFY_WITH_TIMEOUT(!events().importReportBox() && settled() && detail().hasMetrics(), 30000);
    // e1–e3 and e5 are new, the second e3 a duplicate, e4 set aside; Alpha (US) has u1 and u2.
    EXPECT_TRUE(hasToastContaining(QStringLiteral(
        "Metrics refreshed: 4 new events, 1 duplicates skipped, 1 set aside with bad values")));
    EXPECT_TRUE(hasToastContaining(QStringLiteral("country is not an ISO 3166-1 alpha-2 code")));
    const auto rows = metricsOfAlpha();
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows.at(0).day, QDate(2026, 3, 1));
    EXPECT_EQ(rows.at(0).impressions, 1);
    EXPECT_EQ(rows.at(0).clicks, 1);
    EXPECT_EQ(rows.at(0).uniqueUsers, 1);
    EXPECT_EQ(rows.at(0).spendMicros, 2000000);
    EXPECT_EQ(rows.at(1).day, QDate(2026, 3, 2));
    EXPECT_EQ(rows.at(1).impressions, 1);
    EXPECT_EQ(rows.at(1).clicks, 0);
    EXPECT_EQ(rows.at(1).uniqueUsers, 1);
    EXPECT_EQ(rows.at(1).spendMicros, 1000000);

    // Refreshing again finds nothing new and says so.
    m_window->actions()->refreshMetrics->trigger();
    TRY_VERIFY_WITH_TIMEOUT(settled() && hasToastContaining(QStringLiteral("The metrics are up to date")),
                            20000);
    EXPECT_EQ(metricsOfAlpha(), rows);
}

TEST_F(EventsImportTest, LaterLeavesTheEventsForTheNextRefresh)
{
    events().importFile(writeEvents(kEvents));
    TRY_VERIFY_WITH_TIMEOUT(events().importReportBox() && events().importReportBox()->isVisible(), 20000);
    QAbstractButton* later = button(events().importReportBox(), QStringLiteral("Later"));
    ASSERT_TRUE(later);
    later->click();
    TRY_VERIFY_WITH_TIMEOUT(!events().importReportBox() && settled(), 20000);
    EXPECT_TRUE(metricsOfAlpha().isEmpty());
    events().refresh();
    TRY_VERIFY_WITH_TIMEOUT(
        settled() && hasToastContaining(QStringLiteral("Metrics refreshed: 4 new events")), 20000);
    EXPECT_EQ(metricsOfAlpha().size(), 2);
}

TEST_F(EventsImportTest, AFileThatCannotBeReadIsAToastAndLoadsNothing)
{
    const QString missing = m_dir.filePath(QStringLiteral("missing.csv"));
    events().importFile(missing);
    TRY_VERIFY_WITH_TIMEOUT(settled() && hasToastContaining(QStringLiteral("Could not import the events")),
                            20000);
    EXPECT_TRUE(hasToastContaining(QStringLiteral("there is no such file")));
    EXPECT_EQ(events().importReportBox(), nullptr);
    // Nothing reached bronze: a refresh has nothing to clean.
    events().refresh();
    TRY_VERIFY_WITH_TIMEOUT(settled() && hasToastContaining(QStringLiteral("The metrics are up to date")),
                            20000);

    // A header that names no bronze columns: the whole file is refused, with the reason.
    events().importFile(writeEvents("when,who\n2026-03-01,u1\n"));
    TRY_VERIFY_WITH_TIMEOUT(settled() && events().importReportBox() == nullptr &&
                                hasToastContaining(QStringLiteral("names an unknown column “when”")),
                            20000);
}

TEST_F(EventsImportTest, ARefreshBuildsTheComparisonShownAgain)
{
    events().importFile(writeEvents(kEvents));
    TRY_VERIFY_WITH_TIMEOUT(events().importReportBox() && events().importReportBox()->isVisible(), 20000);
    button(events().importReportBox(), QStringLiteral("Refresh Metrics Now"))->click();
    TRY_VERIFY_WITH_TIMEOUT(!events().importReportBox() && settled() && !metricsOfAlpha().isEmpty(), 30000);

    ui::ComparisonView& compare = *m_window->views()->comparison();
    m_window->views()->compare({id("Alpha"), id("Beta")});
    TRY_VERIFY_WITH_TIMEOUT(settled() && compare.comparison(), 20000);
    ASSERT_EQ(compare.comparison()->segments.size(), 2);
    EXPECT_EQ(compare.comparison()->segments.at(0).kpis.impressions, 2);

    // One more impression of u1 (US) on the last day: the comparison shown follows the refresh.
    events().importFile(
        writeEvents("event_id,event_time,advertiser_id,campaign_id,user_id,age,gender,country,"
                    "region,device,interests,event_type,cost_micros\n"
                    "e7,2026-03-02T15:00:00Z,adv-test,c1,u1,29,f,US,,mobile,,impression,500000\n",
                    QStringLiteral("more.csv")));
    TRY_VERIFY_WITH_TIMEOUT(events().importReportBox() && events().importReportBox()->isVisible(), 20000);
    button(events().importReportBox(), QStringLiteral("Refresh Metrics Now"))->click();
    TRY_VERIFY_WITH_TIMEOUT(settled() && compare.comparison() &&
                                compare.comparison()->segments.at(0).kpis.impressions == 3,
                            30000);
    EXPECT_EQ(compare.comparison()->segments.at(1).kpis.impressions, 3); // Beta is US too
}

TEST_F(EventsImportTest, CancelWhileTheFileIsReadKeepsNothingOfItAndSaysSo)
{
    QByteArray many = kEvents.left(kEvents.indexOf('\n') + 1);
    for (int i = 0; i < 10000; ++i) // past the second progress step (4,096 records each)
        many += QStringLiteral("m%1,2026-03-01T09:00:00Z,adv-test,c1,u%2,29,f,US,,mobile,,impression,1000\n")
                    .arg(i)
                    .arg(i % 500)
                    .toUtf8();
    HeldImportPipeline held(m_workspace->backend().pipeline());
    const ui::AnalyticsSource real = ui::analyticsOf(m_workspace->backend());
    m_window->setAnalyticsSource([&] {
        ui::AnalyticsBackend b = real();
        b.pipeline = &held;
        return b;
    });
    QSignalSpy cancelled(&events(), &ui::EventsImportFlow::cancelled);
    QSignalSpy failed(&events(), &ui::EventsImportFlow::failed);
    QSignalSpy imported(&events(), &ui::EventsImportFlow::imported);

    events().importFile(writeEvents(many, QStringLiteral("many.csv")));
    ASSERT_TRUE(held.waitUntilReading());
    QProgressDialog* progress = events().progressDialog();
    ASSERT_TRUE(progress);
    EXPECT_EQ(progress->windowTitle(), QStringLiteral("Import Events"));
    EXPECT_TRUE(progress->labelText().contains(QStringLiteral("“many.csv”")));
    EXPECT_TRUE(events().isBusy());
    QPushButton* cancel = nullptr;
    for (QPushButton* b : progress->findChildren<QPushButton*>())
        if (b->text() == QStringLiteral("Cancel"))
            cancel = b;
    ASSERT_TRUE(cancel);
    cancel->click();
    EXPECT_TRUE(progress->labelText().startsWith(QStringLiteral("Cancelling"))) << progress->labelText().toStdString();
    held.letGo();

    TRY_VERIFY_WITH_TIMEOUT(cancelled.count() == 1 && !events().isBusy(), 20000);
    EXPECT_EQ(failed.count(), 0) << "a cancel is not a failure";
    EXPECT_EQ(imported.count(), 0);
    EXPECT_EQ(events().importReportBox(), nullptr);
    TRY_VERIFY_WITH_TIMEOUT(events().progressDialog() == nullptr, 5000);
    EXPECT_TRUE(hasToastContaining(QStringLiteral("nothing of it was imported")));
    // Nothing reached bronze: a refresh has nothing to clean.
    events().refresh();
    TRY_VERIFY_WITH_TIMEOUT(settled() && hasToastContaining(QStringLiteral("The metrics are up to date")),
                            20000);
    EXPECT_TRUE(metricsOfAlpha().isEmpty());
}
