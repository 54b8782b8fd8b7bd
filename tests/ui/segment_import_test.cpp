// File ▸ Import Segments… in the main window, on a real local workspace: a JSON export of another
// workspace comes in with its advertiser, the list shows the new segments, importing it again
// changes nothing, a file with one bad segment changes nothing and says which, and Stop between
// segments keeps what was stored.
#include <QProgressDialog>
#include <QPushButton>

#include "analytics_window.h"
#include "export/segment_exporter.h"
#include "segments/segment_import_flow.h"
#include "shell/main_window_actions.h"

namespace {

class SegmentImportTest : public uitest::AnalyticsWindowTest
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        open(uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")}),
             QString::fromLatin1(uitest::TempWorkspace::kAdvertiser));
    }

    ui::SegmentImportFlow& flow() { return *m_window->segmentImport(); }

    // A JSON export of `names` of advertiser adv-other, made in another workspace.
    QString exportOf(const QStringList& names, const QString& file = QStringLiteral("segments.json"))
    {
        auto other = uitest::TempWorkspace::withSegments({});
        EXPECT_TRUE(other);
        auto added = core::awaitFuture(
            other->store().saveAdvertiser(core::Advertiser{QStringLiteral("adv-other"), QStringLiteral("Other")}));
        EXPECT_TRUE(added.ok());
        QList<core::Segment> segments;
        for (const QString& name : names) {
            auto created = core::awaitFuture(other->store().createSegment(
                testsupport::draftSegment(QStringLiteral("adv-other"), name), QStringLiteral("them")));
            EXPECT_TRUE(created.ok()) << created.error().toString().toStdString();
            segments.append(created.value());
        }
        const QString path = m_dir.filePath(file);
        EXPECT_TRUE(core::SegmentExporter::writeJson(segments, path).ok());
        return path;
    }

    int segmentsOf(const QString& advertiser)
    {
        core::SegmentQuery q;
        q.advertiserId = advertiser;
        auto listed = core::awaitFuture(m_workspace->store().listSegments(q));
        EXPECT_TRUE(listed.ok());
        return listed.ok() ? static_cast<int>(listed.value().size()) : -1;
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(SegmentImportTest, TheMenuImportsAnExportWithItsAdvertiserAndAgainChangesNothing)
{
    const QString path = exportOf({QStringLiteral("Imported One"), QStringLiteral("Imported Two")});
    flow().setOpenFileChooser([path](const QString&, const QString&) { return path; });
    QAction* action = m_window->actions()->importSegments;
    ASSERT_TRUE(action->isEnabled());
    EXPECT_EQ(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    action->trigger();
    TRY_VERIFY_WITH_TIMEOUT(!flow().isBusy() && settled(), 20000);
    EXPECT_TRUE(hasToastContaining(QStringLiteral("Imported 2 segments from segments.json.")));
    EXPECT_TRUE(hasToastContaining(QStringLiteral("Added 1 advertiser: adv-other.")));
    EXPECT_EQ(segmentsOf(QStringLiteral("adv-other")), 2);
    EXPECT_EQ(segmentsOf(QString::fromLatin1(uitest::TempWorkspace::kAdvertiser)), 1);

    // The same file again: nothing new, and the toast says so.
    flow().importFile(path);
    TRY_VERIFY_WITH_TIMEOUT(!flow().isBusy() && settled(), 20000);
    EXPECT_TRUE(hasToastContaining(QStringLiteral("0 new, 2 already in the workspace")));
    EXPECT_EQ(segmentsOf(QStringLiteral("adv-other")), 2);
}

TEST_F(SegmentImportTest, AFileWithOneBadSegmentChangesNothingAndNamesIt)
{
    const QString path = exportOf({QStringLiteral("A Good One"), QStringLiteral("Bad")}); // in this order
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    f.close();
    // The second segment loses its name: the whole file is refused before anything is stored.
    bytes.replace("\"name\": \"Bad\"", "\"name\": \"\"");
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
    f.close();

    QList<QPair<core::Error, QString>> failures;
    QObject::connect(&flow(), &ui::SegmentImportFlow::failed, m_window.get(),
            [&](const core::Error& e, const QString& c) { failures.append({e, c}); });
    flow().importFile(path);
    TRY_VERIFY_WITH_TIMEOUT(!failures.isEmpty(), 5000);
    EXPECT_FALSE(flow().isBusy());
    EXPECT_TRUE(failures.first().first.userMessage.contains(QStringLiteral("segment 2"))) << failures.first().first.userMessage.toStdString();
    EXPECT_TRUE(failures.first().second.contains(QStringLiteral("segments.json")));
    EXPECT_EQ(segmentsOf(QStringLiteral("adv-other")), 0);
    auto advertisers = core::awaitFuture(m_workspace->store().listAdvertisers());
    ASSERT_TRUE(advertisers.ok());
    EXPECT_EQ(advertisers.value().size(), 1); // the file's advertiser was not added either
}

TEST_F(SegmentImportTest, StopKeepsWhatWasStoredAndSaysHowToAddTheRest)
{
    QStringList names;
    for (int i = 0; i < 40; ++i)
        names.append(QStringLiteral("Segment %1").arg(i, 2, 10, QLatin1Char('0')));
    const QString path = exportOf(names);
    QList<core::Error> failures;
    QObject::connect(&flow(), &ui::SegmentImportFlow::failed, m_window.get(),
            [&](const core::Error& e, const QString&) { failures.append(e); });
    // Stop (the dialog's button) once three are stored.
    QObject::connect(&flow(), &ui::SegmentImportFlow::progressed, m_window.get(), [this](int done, int) {
        if (done == 3 && flow().progressDialog()) {
            auto* stop = flow().progressDialog()->findChild<QPushButton*>();
            ASSERT_TRUE(stop);
            EXPECT_EQ(stop->text(), QStringLiteral("Stop"));
            stop->click();
        }
    });
    flow().importFile(path);
    ASSERT_TRUE(flow().progressDialog());
    TRY_VERIFY_WITH_TIMEOUT(!flow().isBusy(), 20000);
    ASSERT_EQ(failures.size(), 1);
    EXPECT_EQ(failures.first().kind, core::ErrorKind::Cancelled);
    const int stored = segmentsOf(QStringLiteral("adv-other"));
    EXPECT_EQ(stored, 3);
    EXPECT_TRUE(failures.first().remediation.contains(QStringLiteral("again")));

    // Importing again adds the rest and keeps the ones stored.
    QObject::disconnect(&flow(), &ui::SegmentImportFlow::progressed, m_window.get(), nullptr);
    flow().importFile(path);
    TRY_VERIFY_WITH_TIMEOUT(!flow().isBusy() && settled(), 30000);
    EXPECT_EQ(segmentsOf(QStringLiteral("adv-other")), 40);
    EXPECT_TRUE(hasToastContaining(QStringLiteral("%1 already in the workspace").arg(stored)));
}
