#include "report/report_timer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

#include "export/atomic_file.h"

namespace report {

namespace {

// Runs systemctl --user with the arguments; empty on success, else its first line of output.
QString systemctl(const QStringList& arguments)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("systemctl"));
    if (program.isEmpty())
        return QStringLiteral("systemctl is not installed");
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, QStringList{QStringLiteral("--user")} + arguments);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return QStringLiteral("systemctl did not answer");
    }
    if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
        return {};
    const QString said = QString::fromUtf8(p.readAll()).trimmed().section(QLatin1Char('\n'), 0, 0);
    return said.isEmpty() ? QStringLiteral("systemctl --user failed (exit code %1)").arg(p.exitCode()) : said;
}

} // namespace

ReportTimer::ReportTimer(QString segctl, QStringList workspaceArguments)
    : m_segctl(std::move(segctl)), m_workspaceArguments(std::move(workspaceArguments))
{}

QString ReportTimer::unitDirectory()
{
    const QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    const QString base = config.isEmpty() ? QDir::homePath() + QStringLiteral("/.config") : config;
    return base + QStringLiteral("/systemd/user");
}

QString ReportTimer::unitName(const QString& reportName)
{
    return QStringLiteral("segment-report-") + reportName;
}

QString ReportTimer::execQuote(const QString& word)
{
    QString w = word;
    w.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    w.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    w.replace(QLatin1Char('%'), QStringLiteral("%%"));
    w.replace(QLatin1Char('$'), QStringLiteral("$$"));
    const bool plain = !w.isEmpty() && !w.contains(QLatin1Char(' ')) && !w.contains(QLatin1Char('\t')) &&
                       !w.contains(QLatin1Char('\'')) && !w.contains(QLatin1Char(';')) && w == word;
    return plain ? w : QStringLiteral("\"%1\"").arg(w);
}

QString ReportTimer::onCalendar(const ReportSchedule& schedule)
{
    return QStringLiteral("%1 *-*-* %2").arg(schedule.weekdayName(), schedule.time.toString(QStringLiteral("HH:mm:00")));
}

QString ReportTimer::serviceText(const ReportDefinition& definition) const
{
    QStringList words{m_segctl};
    words += m_workspaceArguments;
    words += {QStringLiteral("reports"), QStringLiteral("run"), definition.name};
    QStringList quoted;
    for (const auto& w : words)
        quoted.append(execQuote(w));
    return QStringLiteral("# Written by Advertiser Segment Builder; removed when the report is unscheduled.\n"
                          "[Unit]\n"
                          "Description=Segment report %1\n\n"
                          "[Service]\n"
                          "Type=oneshot\n"
                          "Environment=QT_QPA_PLATFORM=offscreen\n"
                          "ExecStart=%2\n")
        .arg(definition.name, quoted.join(QLatin1Char(' ')));
}

QString ReportTimer::timerText(const ReportDefinition& definition, const ReportSchedule& schedule)
{
    return QStringLiteral("# Written by Advertiser Segment Builder; removed when the report is unscheduled.\n"
                          "[Unit]\n"
                          "Description=Segment report %1, %2\n\n"
                          "[Timer]\n"
                          "OnCalendar=%3\n"
                          "Persistent=true\n"
                          "Unit=%4.service\n\n"
                          "[Install]\n"
                          "WantedBy=timers.target\n")
        .arg(definition.name, schedule.describe(), onCalendar(schedule), unitName(definition.name));
}

bool ReportTimer::isInstalled(const QString& reportName)
{
    return QFile::exists(QStringLiteral("%1/%2.timer").arg(unitDirectory(), unitName(reportName)));
}

core::Result<ReportTimer::Outcome> ReportTimer::install(const ReportDefinition& definition,
                                                        const ReportSchedule& schedule) const
{
    if (auto s = definition.validate(); !s)
        return s.error();
    if (definition.writesToVolume())
        return core::Error::validation(QStringLiteral("report_volume_schedule"),
                                       QStringLiteral("The report “%1” goes to a Databricks volume: a timer of this computer "
                                                      "writes only to its folders. Give the report a local folder, or schedule "
                                                      "it on Databricks as a job: `segctl --profile … reports schedule %1 "
                                                      "--weekly DAY --time HH:MM`.")
                                           .arg(definition.name));
    const QString dir = unitDirectory();
    if (!QDir().mkpath(dir))
        return core::Error::io(QStringLiteral("Could not create %1 for the report's timer.").arg(dir));
    Outcome out;
    const QString base = QStringLiteral("%1/%2").arg(dir, unitName(definition.name));
    if (auto s = core::writeFileAtomically(base + QStringLiteral(".service"), serviceText(definition).toUtf8()); !s)
        return s.error();
    out.files.append(base + QStringLiteral(".service"));
    if (auto s = core::writeFileAtomically(base + QStringLiteral(".timer"), timerText(definition, schedule).toUtf8()); !s)
        return s.error();
    out.files.append(base + QStringLiteral(".timer"));
    out.systemctl = systemctl({QStringLiteral("daemon-reload")});
    if (out.systemctl.isEmpty())
        out.systemctl = systemctl({QStringLiteral("enable"), QStringLiteral("--now"), unitName(definition.name) + QStringLiteral(".timer")});
    out.activated = out.systemctl.isEmpty();
    return out;
}

core::Result<ReportTimer::Outcome> ReportTimer::remove(const QString& reportName) const
{
    Outcome out;
    const QString base = QStringLiteral("%1/%2").arg(unitDirectory(), unitName(reportName));
    out.systemctl = systemctl({QStringLiteral("disable"), QStringLiteral("--now"), unitName(reportName) + QStringLiteral(".timer")});
    for (const QString& file : {base + QStringLiteral(".timer"), base + QStringLiteral(".service")}) {
        if (!QFile::exists(file))
            continue;
        if (!QFile::remove(file))
            return core::Error::io(QStringLiteral("Could not remove %1.").arg(file));
        out.files.append(file);
    }
    if (out.systemctl.isEmpty())
        out.systemctl = systemctl({QStringLiteral("daemon-reload")});
    out.activated = out.systemctl.isEmpty();
    return out;
}

} // namespace report
