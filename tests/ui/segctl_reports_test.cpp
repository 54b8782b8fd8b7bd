// `segctl reports` end to end with the real binary on a demo workspace: create, list, run (the
// PDF, HTML and CSV in the folder), schedule (the systemd user units) and the timer's own
// command run as systemd would run it — no display, the app closed — then unschedule and delete.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include "support/segctl_process.h"
#include "temp_workspace.h"

namespace {

class SegctlReports : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_ws = uitest::TempWorkspace::smallDemo();
        ASSERT_TRUE(m_ws);
        m_workspace = m_ws->path();
        m_ws->closeStore();
    }

    SegctlRun segctl(QStringList args)
    {
        args << QStringLiteral("--workspace") << m_workspace;
        return runSegctl(m_home.path(), args);
    }
    QString out() const { return m_home.filePath(QStringLiteral("out")); }
    QString unitDir() const { return m_home.filePath(QStringLiteral("xdg-config/systemd/user")); }

    std::unique_ptr<uitest::TempWorkspace> m_ws;
    QString m_workspace;
    QTemporaryDir m_home;
};

// The words of a unit's ExecStart= line, unquoted as systemd does for the quoting ReportTimer uses.
QStringList execStart(const QString& service)
{
    const auto line = QRegularExpression(QStringLiteral("^ExecStart=(.*)$"), QRegularExpression::MultilineOption).match(service);
    QStringList words;
    QString word;
    bool quoted = false;
    bool any = false;
    const QString text = line.captured(1);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
            any = true;
        } else if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            word += text[++i];
        } else if (c == QLatin1Char(' ') && !quoted) {
            if (any || !word.isEmpty())
                words.append(word);
            word.clear();
            any = false;
        } else {
            word += c;
        }
    }
    if (any || !word.isEmpty())
        words.append(word);
    for (auto& w : words)
        w.replace(QStringLiteral("%%"), QStringLiteral("%")).replace(QStringLiteral("$$"), QStringLiteral("$"));
    return words;
}

TEST_F(SegctlReports, AreCreatedRunScheduledAndTheTimersCommandWritesThePdf)
{
    auto created = segctl({QStringLiteral("reports"), QStringLiteral("create"), QStringLiteral("weekly"),
                           QStringLiteral("--advertiser"), QStringLiteral("adv-northwind"), QStringLiteral("--days"),
                           QStringLiteral("7"), QStringLiteral("--output"), out()});
    ASSERT_EQ(created.exitCode, 0) << created;
    EXPECT_TRUE(created.outText().contains(QStringLiteral("Saved report weekly"))) << created;
    auto again = segctl({QStringLiteral("reports"), QStringLiteral("create"), QStringLiteral("WEEKLY"),
                         QStringLiteral("--advertiser"), QStringLiteral("adv-northwind"), QStringLiteral("--output"), out()});
    EXPECT_EQ(again.exitCode, 4) << again;
    auto badFolder = segctl({QStringLiteral("reports"), QStringLiteral("create"), QStringLiteral("other"),
                             QStringLiteral("--advertiser"), QStringLiteral("adv-nobody"), QStringLiteral("--output"), out()});
    EXPECT_EQ(badFolder.exitCode, 2) << badFolder;

    auto listed = segctl({QStringLiteral("reports"), QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(listed.exitCode, 0) << listed;
    const QJsonArray reports = QJsonDocument::fromJson(listed.out).array();
    ASSERT_EQ(reports.size(), 1);
    EXPECT_EQ(reports[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("weekly"));
    EXPECT_EQ(reports[0].toObject().value(QStringLiteral("last_days")).toInt(), 7);

    auto ran = segctl({QStringLiteral("reports"), QStringLiteral("run"), QStringLiteral("weekly")});
    ASSERT_EQ(ran.exitCode, 0) << ran;
    const QStringList files = ran.outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(files.size(), 3) << ran;
    EXPECT_TRUE(files[0].endsWith(QStringLiteral(".pdf")));
    for (const auto& f : files) {
        EXPECT_TRUE(f.startsWith(out() + QStringLiteral("/weekly-"))) << f.toStdString();
        EXPECT_TRUE(QFile::exists(f)) << f.toStdString();
    }
    QFile pdf(files[0]);
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_EQ(pdf.read(5), QByteArray("%PDF-"));
    QFile html(files[1]);
    ASSERT_TRUE(html.open(QIODevice::ReadOnly));
    EXPECT_TRUE(html.readAll().contains("Northwind Outdoor"));
    QFile csv(files[2]);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    EXPECT_TRUE(csv.readLine().startsWith("report,advertiser_id,currency,segment_id"));
    EXPECT_TRUE(csv.readLine().startsWith("weekly,adv-northwind,EUR,"));
    EXPECT_EQ(QDir(out()).entryList(QDir::Files).size(), 3) << "no temporary file is left behind";

    auto scheduled = segctl({QStringLiteral("reports"), QStringLiteral("schedule"), QStringLiteral("weekly"),
                             QStringLiteral("--weekly"), QStringLiteral("Mon"), QStringLiteral("--time"), QStringLiteral("08:00")});
    ASSERT_EQ(scheduled.exitCode, 0) << scheduled;
    const QString service = unitDir() + QStringLiteral("/segment-report-weekly.service");
    const QString timer = unitDir() + QStringLiteral("/segment-report-weekly.timer");
    ASSERT_TRUE(QFile::exists(service) && QFile::exists(timer)) << scheduled;
    QFile timerFile(timer);
    ASSERT_TRUE(timerFile.open(QIODevice::ReadOnly));
    EXPECT_TRUE(timerFile.readAll().contains("OnCalendar=Mon *-*-* 08:00:00"));
    auto withSchedule = segctl({QStringLiteral("reports"), QStringLiteral("list")});
    EXPECT_TRUE(withSchedule.outText().contains(QStringLiteral("every Monday at 08:00"))) << withSchedule;

    // What the timer runs, as systemd runs it: the service's ExecStart and Environment only, no
    // display, the app not running. It writes the report again.
    for (const auto& f : files)
        QFile::remove(f);
    QFile serviceFile(service);
    ASSERT_TRUE(serviceFile.open(QIODevice::ReadOnly));
    const QString serviceText = QString::fromUtf8(serviceFile.readAll());
    const QStringList command = execStart(serviceText);
    ASSERT_GE(command.size(), 4) << serviceText.toStdString();
    EXPECT_EQ(command.first(), QStringLiteral(SB_BIN_DIR "/segctl"));
    EXPECT_EQ(command.mid(command.size() - 3), (QStringList{QStringLiteral("reports"), QStringLiteral("run"), QStringLiteral("weekly")}));
    QProcess p;
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QDir::homePath());
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("xdg-data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("xdg-config")));
    if (serviceText.contains(QStringLiteral("Environment=QT_QPA_PLATFORM=offscreen")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(QStringLiteral("/"));
    p.start(command.first(), command.mid(1));
    ASSERT_TRUE(p.waitForFinished(120000));
    EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
    EXPECT_TRUE(QFile::exists(files[0])) << "the timer's command wrote no PDF";

    auto unscheduled = segctl({QStringLiteral("reports"), QStringLiteral("unschedule"), QStringLiteral("weekly")});
    ASSERT_EQ(unscheduled.exitCode, 0) << unscheduled;
    EXPECT_FALSE(QFile::exists(service));
    EXPECT_FALSE(QFile::exists(timer));
    auto deleted = segctl({QStringLiteral("reports"), QStringLiteral("delete"), QStringLiteral("weekly")});
    ASSERT_EQ(deleted.exitCode, 0) << deleted;
    auto gone = segctl({QStringLiteral("reports"), QStringLiteral("run"), QStringLiteral("weekly")});
    EXPECT_EQ(gone.exitCode, 2) << gone;
    EXPECT_TRUE(gone.errText().contains(QStringLiteral("There is no report called “weekly”"))) << gone;
}

TEST_F(SegctlReports, AVolumeFolderNeedsDatabricksAndNoLocalTimer)
{
    auto created = segctl({QStringLiteral("reports"), QStringLiteral("create"), QStringLiteral("to-volume"),
                           QStringLiteral("--advertiser"), QStringLiteral("adv-pixel"), QStringLiteral("--formats"),
                           QStringLiteral("csv"), QStringLiteral("--output"), QStringLiteral("/Volumes/main/ad_segments/reports")});
    ASSERT_EQ(created.exitCode, 0) << created;
    auto ran = segctl({QStringLiteral("reports"), QStringLiteral("run"), QStringLiteral("to-volume")});
    EXPECT_EQ(ran.exitCode, 2) << ran;
    EXPECT_TRUE(ran.errText().contains(QStringLiteral("goes to the volume /Volumes/main/ad_segments/reports"))) << ran;
    auto scheduled = segctl({QStringLiteral("reports"), QStringLiteral("schedule"), QStringLiteral("to-volume"),
                             QStringLiteral("--weekly"), QStringLiteral("Fri")});
    EXPECT_EQ(scheduled.exitCode, 2) << scheduled;
    EXPECT_FALSE(QDir(unitDir()).exists() && !QDir(unitDir()).isEmpty());
    auto badDay = segctl({QStringLiteral("reports"), QStringLiteral("schedule"), QStringLiteral("to-volume"),
                          QStringLiteral("--weekly"), QStringLiteral("Someday")});
    EXPECT_EQ(badDay.exitCode, 2) << badDay;
    EXPECT_TRUE(badDay.errText().contains(QStringLiteral("is not a weekday"))) << badDay;
}

TEST_F(SegctlReports, MetricsShowNamesTheCurrency)
{
    auto listed = runSegctl(m_home.path(), {QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--advertiser"),
                                            QStringLiteral("adv-lumen"), QStringLiteral("--format"), QStringLiteral("json"),
                                            QStringLiteral("--workspace"), m_workspace});
    ASSERT_EQ(listed.exitCode, 0) << listed;
    const QJsonArray segments = QJsonDocument::fromJson(listed.out).object().value(QStringLiteral("segments")).toArray();
    ASSERT_FALSE(segments.isEmpty()) << listed;
    const QString id = segments[0].toObject().value(QStringLiteral("segment_id")).toString();
    auto shown = segctl({QStringLiteral("metrics"), QStringLiteral("show"), QStringLiteral("--segment"), id});
    ASSERT_EQ(shown.exitCode, 0) << shown;
    const QStringList lines = shown.outText().split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    ASSERT_GE(lines.size(), 2) << shown;
    EXPECT_TRUE(lines[0].endsWith(QStringLiteral(",spend,currency")));
    EXPECT_TRUE(lines[1].endsWith(QStringLiteral(",GBP"))) << lines[1].toStdString();
}

} // namespace
