#pragma once

#include <QString>

class QSettings;

namespace core {

// Which workspace the app works on: the local SQLite file, or a Databricks connection named by
// a profile of the configuration file (and/or the DATABRICKS_* environment) with optional
// warehouse, catalog and schema overrides. Holds no secrets, so it can be saved in settings.
struct WorkspaceChoice
{
    enum class Kind
    {
        Local,
        Databricks,
    };

    Kind kind = Kind::Local;
    QString localPath;   // Local: the workspace file
    QString profile;     // Databricks: the profile; empty: the default resolution (env, DEFAULT)
    QString warehouseId; // Databricks overrides; empty: from the profile or the environment
    QString catalog;
    QString schema;

    static WorkspaceChoice local(const QString& path);
    static WorkspaceChoice databricks(const QString& profile);

    bool isLocal() const { return kind == Kind::Local; }
    // "Local workspace ~/x.sqlite" / "Databricks profile “prod”".
    QString describe() const;

    // Settings keys under "workspace/". A missing or unknown kind reads as Local.
    void save(QSettings& settings) const;
    static WorkspaceChoice load(const QSettings& settings);

    bool operator==(const WorkspaceChoice&) const = default;
};

} // namespace core
