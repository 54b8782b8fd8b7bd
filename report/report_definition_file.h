#pragma once

#include "report/report_definition.h"

namespace report {

// The report definitions of every workspace of this computer, in one JSON file of the app's data
// folder (reports.json beside the workspace file; written atomically). Each workspace's
// definitions are kept under its key ("local:/path/workspace.sqlite", "databricks:host
// catalog.schema"), by name. Kept here rather than in the workspace because a report's folder
// and its systemd timer belong to this computer, and a definition is only ever run from it
// (segctl reports run, the timer, the window); a Databricks job gets a copy of what it needs.
// Small and synchronous: the file holds a few kilobytes.
class ReportDefinitionFile
{
public:
    // path: the JSON file (defaultPath() in the app and segctl); workspaceKey: whose reports.
    ReportDefinitionFile(QString path, QString workspaceKey);

    // <AppPaths::dataDir()>/reports.json
    static QString defaultPath();
    const QString& path() const { return m_path; }

    // By name, ignoring case. A damaged file is a Parse error naming it.
    core::Result<QList<ReportDefinition>> list() const;
    // NotFound (code report_not_found) for an unknown name.
    core::Result<ReportDefinition> find(const QString& name) const;
    // Creates the definition, or replaces the one with its name (ignoring case) when replace is
    // set; Conflict (code report_name_taken) otherwise. Invalid definitions change nothing.
    core::Result<ReportDefinition> save(const ReportDefinition& definition, bool replace);
    core::Status remove(const QString& name);

private:
    QString m_path;
    QString m_key;

    core::Result<QJsonObject> readAll() const;
    core::Status writeAll(const QJsonObject& root) const;
};

} // namespace report
