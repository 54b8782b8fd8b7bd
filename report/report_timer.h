#pragma once

#include <QStringList>

#include "report/report_definition.h"

namespace report {

// A report's local schedule: a systemd user timer and its service,
// ~/.config/systemd/user/segment-report-<name>.{timer,service} ($XDG_CONFIG_HOME when set). The
// service runs `segctl reports run NAME` with the workspace options of the one who scheduled it
// (on the offscreen platform: no display needed), so the report is written with the app closed;
// the timer fires every week at the schedule's local time (Persistent=true: a run missed while
// the computer was off happens at the next start). install() writes both units atomically, then
// reloads the user manager and enables the timer; where there is no user manager (no systemd
// session, a container) the units stay written and `activated` is false with systemctl's answer.
class ReportTimer
{
public:
    struct Outcome
    {
        QStringList files;  // the unit files written or removed
        bool activated = false;
        QString systemctl;  // what systemctl said when it failed (one line); empty on success
    };

    // segctl: the program to run (absolute path); workspaceArguments: "--workspace", "/x.sqlite"
    // or "--profile", "prod" etc.
    ReportTimer(QString segctl, QStringList workspaceArguments);

    // $XDG_CONFIG_HOME/systemd/user, else ~/.config/systemd/user
    static QString unitDirectory();
    // "segment-report-weekly-northwind"
    static QString unitName(const QString& reportName);

    QString serviceText(const ReportDefinition& definition) const;
    static QString timerText(const ReportDefinition& definition, const ReportSchedule& schedule);
    // systemd's calendar spec: "Mon *-*-* 08:00:00"
    static QString onCalendar(const ReportSchedule& schedule);
    // The ExecStart line's words quoted for systemd (spaces, quotes, % and $ escaped).
    static QString execQuote(const QString& word);

    core::Result<Outcome> install(const ReportDefinition& definition, const ReportSchedule& schedule) const;
    core::Result<Outcome> remove(const QString& reportName) const;
    // Whether the timer's unit file exists.
    static bool isInstalled(const QString& reportName);

private:
    QString m_segctl;
    QStringList m_workspaceArguments;
};

} // namespace report
