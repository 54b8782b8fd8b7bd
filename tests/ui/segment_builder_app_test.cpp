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
