#pragma once

#include <QString>

class QSettings;

namespace core {

// Which workspace the app works on: the local SQLite file; a Databricks connection named by a
// profile of the configuration file (and/or the DATABRICKS_* environment) with optional
// warehouse, catalog and schema overrides; a PostgreSQL database by its libpq connection string
// (the password comes from PGPASSWORD or ~/.pgpass, never from here); or a Lakebase database
// instance of the Databricks workspace a profile names. Holds no secrets, so it can be saved in
// settings: a password in a connection string is dropped (postgres()).
struct WorkspaceChoice
{
    enum class Kind
    {
        Local,
        Databricks,
        Postgres,
        Lakebase,
    };

    Kind kind = Kind::Local;
    QString localPath;   // Local: the workspace file
    QString profile;     // Databricks: the profile; empty: the default resolution (env, DEFAULT)
    QString warehouseId; // Databricks overrides; empty: from the profile or the environment
    QString catalog;
    QString schema;
    QString conninfo;         // Postgres: the libpq connection string, without a password
    QString lakebaseInstance; // Lakebase: the database instance (with `profile` for the workspace)
    QString lakebaseDatabase; // Lakebase: the database; empty: databricks_postgres

    static WorkspaceChoice local(const QString& path);
    static WorkspaceChoice databricks(const QString& profile);
    // The connection string is kept without its password, if it holds one.
    static WorkspaceChoice postgres(const QString& conninfo);
    static WorkspaceChoice lakebase(const QString& profile, const QString& instance, const QString& database = {});

    bool isLocal() const { return kind == Kind::Local; }
    bool isDatabricks() const { return kind == Kind::Databricks; }
    // PostgreSQL or Lakebase: the PostgreSQL backend.
    bool isPostgres() const { return kind == Kind::Postgres || kind == Kind::Lakebase; }
    // The Lakebase database, databricks_postgres unless one was chosen.
    QString lakebaseDatabaseName() const;
    // "Local workspace ~/x.sqlite" / "Databricks profile “prod”" / "PostgreSQL host=… dbname=…" /
    // "Lakebase instance “segments-db” (profile “prod”)".
    QString describe() const;

    // Settings keys under "workspace/". A missing or unknown kind reads as Local.
    void save(QSettings& settings) const;
    static WorkspaceChoice load(const QSettings& settings);
    // Which shared workspace this is, without a secret: the outbox's key of its offline changes
    // and read cache, the same in the app and in segctl ("databricks:emu", "postgres:host=… dbname=…").
    QString outboxKey() const;

    bool operator==(const WorkspaceChoice&) const = default;
};

} // namespace core
