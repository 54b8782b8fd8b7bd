// The segment-builder executable: --screenshot renders the window after loading and exits 0;
// bad options and unusable workspaces exit non-zero with one clear line on stderr.
#include <gtest/gtest.h>

#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include "temp_workspace.h"

namespace {

struct AppRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

AppRun runApp(const QStringList& args, const QTemporaryDir& home)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Keep settings and logs of the test away from the user's.
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SB_BIN_DIR "/segment-builder"), args);
    EXPECT_TRUE(p.waitForFinished(120000)) << "segment-builder did not finish";
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

TEST(SegmentBuilderApp, RendersTheFormViewToAPngAndExits)
{
    auto ws = uitest::TempWorkspace::smallDemo();
    ASSERT_TRUE(ws);
    const QString path = ws->path();
    ws->closeStore(); // before the app opens the file (resetting ws would delete it)
    QTemporaryDir home;
    const QString png = home.filePath(QStringLiteral("shot.png"));
    const AppRun run = runApp({QStringLiteral("--workspace"), path, QStringLiteral("--screenshot"), png,
                               QStringLiteral("--view"), QStringLiteral("form")},
                              home);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QImage image(png);
    ASSERT_FALSE(image.isNull());
    EXPECT_GE(image.width(), 800);
    EXPECT_GE(image.height(), 600);
}

TEST(SegmentBuilderApp, RefusesAnUnknownViewWithAUsageError)
{
    QTemporaryDir home;
    const AppRun run = runApp({QStringLiteral("--view"), QStringLiteral("grid")}, home);
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.err.contains(QStringLiteral("--view must be"))) << run.err.toStdString();
}

TEST(SegmentBuilderApp, ExplainsAWorkspaceThatCannotBeOpened)
{
    QTemporaryDir home;
    // A folder where the workspace file should be: it exists, so no demo, and cannot be opened.
    const AppRun run = runApp({QStringLiteral("--workspace"), home.path(), QStringLiteral("--screenshot"),
                               home.filePath(QStringLiteral("x.png"))},
                              home);
    EXPECT_NE(run.exitCode, 0);
    EXPECT_TRUE(run.err.contains(QStringLiteral("could not be opened"))) << run.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(home.filePath(QStringLiteral("x.png"))));
}

TEST(SegmentBuilderApp, AnUnknownAdvertiserFailsTheScreenshotWithTheIdsThereAre)
{
    auto ws = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")});
    ASSERT_TRUE(ws);
    const QString path = ws->path();
    ws->closeStore();
    QTemporaryDir home;
    const QString png = home.filePath(QStringLiteral("shot.png"));
    const AppRun run = runApp({QStringLiteral("--workspace"), path, QStringLiteral("--screenshot"), png,
                               QStringLiteral("--advertiser"), QStringLiteral("adv-nope")},
                              home);
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("there is no advertiser \"adv-nope\"")) &&
                run.err.contains(QString::fromLatin1(uitest::TempWorkspace::kAdvertiser)))
        << run.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(png));
}

TEST(SegmentBuilderApp, ASegmentThatIsNotThereFailsTheScreenshotWithExit2)
{
    auto ws = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")});
    ASSERT_TRUE(ws);
    const QString path = ws->path();
    ws->closeStore();
    QTemporaryDir home;
    const QString png = home.filePath(QStringLiteral("shot.png"));
    const AppRun missing = runApp({QStringLiteral("--workspace"), path, QStringLiteral("--screenshot"), png,
                                   QStringLiteral("--segment"), QStringLiteral("no-such-id")},
                                  home);
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("there is no segment \"no-such-id\"")))
        << missing.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(png));
}

TEST(SegmentBuilderApp, StartupProbePrintsFirstPaintAndListReadyThenExits)
{
    auto ws = uitest::TempWorkspace::withSegments({QStringLiteral("Alpha")});
    ASSERT_TRUE(ws);
    const QString path = ws->path();
    ws->closeStore();
    QTemporaryDir home;
    const AppRun run = runApp({QStringLiteral("--workspace"), path, QStringLiteral("--startup-probe")}, home);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    auto figure = [&run](const QString& name) {
        for (const QString& line : run.out.split(QLatin1Char('\n'))) {
            const QStringList parts = line.split(QLatin1Char(' '));
            if (parts.size() == 2 && parts.at(0) == name)
                return parts.at(1).toLongLong();
        }
        return qint64(-1);
    };
    const qint64 paint = figure(QStringLiteral("first-paint-ms"));
    const qint64 list = figure(QStringLiteral("list-ready-ms"));
    EXPECT_GT(paint, 0) << run.out.toStdString();
    EXPECT_GT(list, 0) << run.out.toStdString();
    EXPECT_GE(paint, figure(QStringLiteral("pre-main-ms"))) << "measured from exec, not from main()";
}

namespace {

// A small demo workspace closed for the app, and the ids of some of its segments.
struct DemoForApp
{
    std::unique_ptr<uitest::TempWorkspace> ws;
    QString path;
    QStringList ids;
};

DemoForApp demoForApp(const QStringList& names)
{
    DemoForApp d;
    d.ws = uitest::TempWorkspace::smallDemo();
    if (!d.ws)
        return d;
    for (const QString& name : names)
        d.ids.append(d.ws->segmentId(name));
    d.path = d.ws->path();
    d.ws->closeStore();
    return d;
}

} // namespace

TEST(SegmentBuilderApp, RendersTheDetailAndTheComparisonViews)
{
    const DemoForApp demo = demoForApp({QStringLiteral("Weekend Hikers"), QStringLiteral("Lapsed Campers"),
                                        QStringLiteral("Outdoor Gift Buyers")});
    ASSERT_TRUE(demo.ws);
    QTemporaryDir home;
    const QString detail = home.filePath(QStringLiteral("detail.png"));
    const AppRun shown = runApp({QStringLiteral("--workspace"), demo.path, QStringLiteral("--screenshot"),
                                 detail, QStringLiteral("--view"), QStringLiteral("detail"),
                                 QStringLiteral("--segments"), demo.ids.first()},
                                home);
    ASSERT_EQ(shown.exitCode, 0) << shown.err.toStdString();
    EXPECT_FALSE(QImage(detail).isNull());

    const QString compare = home.filePath(QStringLiteral("compare.png"));
    const AppRun compared = runApp({QStringLiteral("--workspace"), demo.path, QStringLiteral("--screenshot"),
                                    compare, QStringLiteral("--view"), QStringLiteral("compare"),
                                    QStringLiteral("--segments"), demo.ids.join(QLatin1Char(','))},
                                   home);
    ASSERT_EQ(compared.exitCode, 0) << compared.err.toStdString();
    const QImage image(compare);
    ASSERT_FALSE(image.isNull());
    EXPECT_GE(image.width(), 800);
}

TEST(SegmentBuilderApp, CompareNeedsTwoToSixDifferentSegments)
{
    QTemporaryDir home;
    for (const QString& segments :
         {QStringLiteral("a"), QStringLiteral("a,a"), QStringLiteral("a,b,c,d,e,f,g")}) {
        const AppRun run =
            runApp({QStringLiteral("--view"), QStringLiteral("compare"), QStringLiteral("--segments"),
                    segments, QStringLiteral("--screenshot"), home.filePath(QStringLiteral("x.png"))},
                   home);
        EXPECT_EQ(run.exitCode, 1) << segments.toStdString();
        EXPECT_TRUE(run.err.contains(
            QStringLiteral("--view compare needs --segments with 2–6 different segment ids")))
            << run.err.toStdString();
    }
    const AppRun stray = runApp({QStringLiteral("--segments"), QStringLiteral("a,b")}, home);
    EXPECT_EQ(stray.exitCode, 1);
    EXPECT_TRUE(stray.err.contains(QStringLiteral("--segments goes with --view compare")))
        << stray.err.toStdString();
}

TEST(SegmentBuilderApp, AnUnknownSegmentToCompareFailsTheScreenshotWithExit2)
{
    const DemoForApp demo = demoForApp({QStringLiteral("Weekend Hikers")});
    ASSERT_TRUE(demo.ws);
    QTemporaryDir home;
    const QString png = home.filePath(QStringLiteral("shot.png"));
    const AppRun run =
        runApp({QStringLiteral("--workspace"), demo.path, QStringLiteral("--screenshot"), png,
                QStringLiteral("--view"), QStringLiteral("compare"), QStringLiteral("--segments"),
                demo.ids.first() + QStringLiteral(",no-such-id")},
               home);
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(QStringLiteral("there is no segment \"no-such-id\"")))
        << run.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(png));
}
