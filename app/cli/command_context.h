#pragma once

#include <memory>

#include <QByteArray>
#include <QString>

#include "common/future_wait.h"
#include "backends/postgres/pg_connection_settings.h"
#include "common/result.h"
#include "databricks/config/databricks_config_resolver.h"
#include "domain/catalogue.h"
#include "domain/definition_describer.h"
#include "backends/segment_store.h"

class QNetworkAccessManager;

namespace core {
class DatabricksConnection;
class ImpressionsPipeline;
class MemorySecretStore;
class MetricsStore;
class SqliteBackend;
class LakebaseAccess;
class Backend;
} // namespace core

namespace segctl {

// Where the segments are: the local workspace file; Databricks when --profile or --host
// selected it (the rest of the connection comes from the DATABRICKS_* environment and the
// configuration file, with the SDKs' precedence); PostgreSQL when --postgres gave a libpq
// connection string (the password from PGPASSWORD or ~/.pgpass, as libpq does); Lakebase when
// --lakebase named a database instance of the Databricks workspace that --profile/--host choose.
struct Backend
{
    QString workspacePath;
    bool databricksSelected = false;
    core::DatabricksConfigOverrides databricks; // profile, host, warehouse, catalog, schema
    QStringList databricksArguments;            // as given ("--profile", "emu"), to repeat in hints
    QString postgresConnInfo;                   // --postgres
    QString lakebaseInstance;                   // --lakebase
    QString lakebaseDatabase;                   // --database (Lakebase; default databricks_postgres)

    bool usesPostgres() const { return !postgresConnInfo.isEmpty() || !lakebaseInstance.isEmpty(); }
};

// What every command works with: the store (the local workspace or Databricks, opened on first
// use — the commands above it do not know which), the catalogue, who is editing, standard
// output, and the one way errors are reported.
class CommandContext
{
public:
    enum class Open
    {
        ExistingOnly,    // a missing workspace is an error (read commands, delete, restore)
        CreateIfMissing, // save and import may start a new workspace
    };

    CommandContext(Backend backend, bool verbose);
    ~CommandContext();
    CommandContext(const CommandContext&) = delete;
    CommandContext& operator=(const CommandContext&) = delete;

    const QString& workspacePath() const { return m_backend.workspacePath; }
    // What the options chose (which workspace, which connection).
    const Backend& selection() const { return m_backend; }
    bool verbose() const { return m_verbose; }
    // True when --profile / --host chose Databricks for the segments (and not Lakebase).
    bool usesDatabricks() const { return m_backend.databricksSelected && !m_backend.usesPostgres(); }
    // True when --postgres or --lakebase chose a PostgreSQL database.
    bool usesPostgres() const { return m_backend.usesPostgres(); }
    // How to reach the PostgreSQL database: --postgres as given, or the Lakebase instance's host
    // with a database credential of the signed-in identity (renewed before it expires).
    core::Result<core::PgConnectionSettings> postgresSettings();

    // The segment store of the chosen backend. Databricks: mode is irrelevant (missing tables
    // surface as errors naming `segctl provision`).
    core::Result<core::SegmentStore*> store(Open mode);
    // The chosen backend with all its stores, opened on first use.
    core::Result<core::Backend*> backend(Open mode);
    // The impressions pipeline (events import, refresh) and the daily metrics of the same backend.
    core::Result<core::ImpressionsPipeline*> pipeline(Open mode);
    core::Result<core::MetricsStore*> metrics();
    // The Databricks connection, resolved on first use from --profile/--host/--warehouse/
    // --catalog/--schema, the DATABRICKS_* environment and the configuration file. Commands that
    // only make sense against Databricks (doctor, provision, warehouses) use it whether or not
    // --profile/--host were given.
    core::Result<core::DatabricksConnection*> databricks();
    // "segctl --profile emu" (the options that chose the connection), for hints to run next.
    QString segctlWith(bool withWarehouse = true) const;
    // The options that choose this workspace, to run segctl on it again later (a report's timer):
    // "--workspace" and the absolute path, or the Databricks / PostgreSQL options as given
    // (never a password).
    QStringList workspaceArguments() const;
    core::Result<std::shared_ptr<const core::Catalogue>> catalogue();
    // NotFound (listing the known ids) unless the open workspace has this advertiser.
    // The workspace's advertisers.
    core::Result<QList<core::Advertiser>> advertisers();
    core::Status requireAdvertiser(const QString& advertiserId);
    // The ISO 4217 code the advertiser's money is in (the default currency for one not stored).
    core::Result<QString> advertiserCurrency(const QString& advertiserId);
    // Plain-language criteria, naming referenced segments by their names from the workspace.
    core::Result<core::DefinitionDescriber> describer();

    // The name recorded as created_by / updated_by.
    QString userName() const;

    // Waits for a store call, keeping the event loop running.
    template <typename T> static T await(QFuture<T> future) { return core::awaitFuture(std::move(future)); }

    // Standard output (UTF-8). Nothing else goes there. A failed write (disk full, closed
    // pipe) is remembered: see finish().
    void print(const QString& text);
    void write(const QByteArray& bytes);
    // The command's exit code, or an error if its output could not be written.
    int finish(int exitCode);

    // Reports the error as one line on stderr ("segctl: error: <message> — <remediation>"),
    // logs its detail, and returns the exit code for its kind.
    int fail(const core::Error& error);
    // Reports a usage error (a malformed argument) and returns ExitCode::Usage.
    int usageError(const QString& message);

    // Reads a whole input file; an unreadable file is an Io error naming it.
    static core::Result<QByteArray> readFile(const QString& path);

private:
    Backend m_backend;
    bool m_verbose = false;
    QString m_outputError; // why standard output failed, empty while it works
    std::shared_ptr<const core::Catalogue> m_catalogue;
    std::unique_ptr<core::SqliteBackend> m_local;
    // Databricks: declared before the connection, so they outlive it.
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<core::MemorySecretStore> m_secrets;
    std::unique_ptr<core::DatabricksConnection> m_connection;
    std::shared_ptr<core::LakebaseAccess> m_lakebase; // --lakebase: the instance's host and credential
    std::shared_ptr<core::Backend> m_shared;          // --postgres / --lakebase, once opened
    core::Backend* m_open = nullptr; // the one in use, local or Databricks

    // A Databricks failure with its codes and, for a missing privilege, the GRANT that fixes it.
    core::Error explainDatabricksError(const core::Error& error);
};

// Writes one line to stderr.
void printErrorLine(const QString& line);

} // namespace segctl
