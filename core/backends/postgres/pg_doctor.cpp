#include "backends/postgres/pg_doctor.h"

#include <memory>

#include <QPromise>

#include "backends/postgres/pg_migrator.h"
#include "sql/migration_sql.h"
#include "sql/pg_diagnostics_sql.h"

namespace core {

namespace {

DiagnosticCheck check(const char* id, const char* name)
{
    DiagnosticCheck c;
    c.id = QLatin1String(id);
    c.name = QLatin1String(name);
    return c;
}

DiagnosticCheck failedWith(DiagnosticCheck c, const Error& e, const QString& fix)
{
    c.status = CheckStatus::Failed;
    c.summary = e.userMessage;
    c.cause = e.detail.isEmpty() ? e.userMessage : e.detail;
    c.fix = e.remediation.isEmpty() ? fix : e.remediation;
    c.code = e.code;
    return c;
}

void skipRest(DiagnosticsReport& report, QList<DiagnosticCheck> rest, const QString& because)
{
    for (auto& c : rest) {
        c.status = CheckStatus::Skipped;
        c.summary = QStringLiteral("Not checked: %1 failed.").arg(because);
        report.checks.append(c);
    }
}

QString connectionFix(const Error& e)
{
    switch (e.kind) {
    case ErrorKind::Auth:
        return QStringLiteral("Check the user name and the password (PGPASSWORD or ~/.pgpass); on Lakebase, sign in "
                              "to Databricks again and check that your identity has a PostgreSQL role.");
    case ErrorKind::Network:
    case ErrorKind::Timeout:
        return QStringLiteral("Check the host and port, your network or VPN, and that the server is running.");
    default:
        return QStringLiteral("Check the connection settings (host, port, database, user).");
    }
}

DiagnosticsReport diagnose(Result<SqlSession*> connected, const QString& provisionCommand)
{
    DiagnosticsReport report;
    DiagnosticCheck server = check("server", "Server reachable and signed in");
    DiagnosticCheck schema = check("schema", "Tables created");
    DiagnosticCheck privileges = check("privileges", "Privileges on the tables");
    if (!connected) {
        report.checks.append(failedWith(server, connected.error(), connectionFix(connected.error())));
        skipRest(report, {schema, privileges}, server.name);
        return report;
    }
    SqlSession& db = *connected.value();
    const QString action = QStringLiteral("check the workspace");
    auto who = db.query(PgDiagnosticsSql::identity(), action);
    if (!who || who.value().isEmpty()) {
        report.checks.append(failedWith(server, who ? Error::internal(QStringLiteral("no identity row")) : who.error(),
                                        connectionFix(who ? Error{} : who.error())));
        skipRest(report, {schema, privileges}, server.name);
        return report;
    }
    report.principal = who.value().value(0, QStringLiteral("user_name")).toString();
    server.status = CheckStatus::Ok;
    server.summary = QStringLiteral("Signed in as %1 to database %2 (PostgreSQL %3).")
                         .arg(report.principal, who.value().value(0, QStringLiteral("database_name")).toString(),
                              who.value().value(0, QStringLiteral("server_version")).toString());
    report.checks.append(server);

    const QString provision = QStringLiteral("Run `%1` (as a role that may create tables).").arg(provisionCommand);
    auto present = db.query(MigrationSql(SqlDialect::Postgres).tablePresent(), action);
    if (!present) {
        report.checks.append(failedWith(schema, present.error(), provision));
        skipRest(report, {privileges}, schema.name);
        return report;
    }
    const int latest = PgMigrator::latestVersion();
    int current = 0;
    if (present.value().value(0, QStringLiteral("present")).toBool()) {
        auto version = PgMigrator::currentVersion(db);
        if (!version) {
            report.checks.append(failedWith(schema, version.error(), provision));
            skipRest(report, {privileges}, schema.name);
            return report;
        }
        current = version.value();
    }
    if (current == 0) {
        schema.status = CheckStatus::Failed;
        schema.summary = QStringLiteral("The database has none of the app's tables yet.");
        schema.cause = QStringLiteral("The schema was never provisioned in this database.");
        schema.fix = provision;
        report.checks.append(schema);
        skipRest(report, {privileges}, schema.name);
        return report;
    }
    if (current > latest) {
        schema.status = CheckStatus::Failed;
        schema.summary = QStringLiteral("The tables are at schema version %1; this app knows up to %2.").arg(current).arg(latest);
        schema.cause = QStringLiteral("A newer version of the app upgraded the database.");
        schema.fix = QStringLiteral("Install the newer version of Segment Builder.");
        report.checks.append(schema);
        skipRest(report, {privileges}, schema.name);
        return report;
    }
    schema.status = current == latest ? CheckStatus::Ok : CheckStatus::Warning;
    schema.summary = current == latest
                         ? QStringLiteral("All tables exist (schema version %1).").arg(current)
                         : QStringLiteral("The tables are at schema version %1; this app upgrades them to %2 when it "
                                          "opens the workspace.")
                               .arg(current)
                               .arg(latest);
    report.checks.append(schema);

    auto granted = db.query(PgDiagnosticsSql::tablePrivileges(PgDoctor::tables()), action);
    if (!granted) {
        report.checks.append(failedWith(privileges, granted.error(), QString()));
        return report;
    }
    QStringList missingTables;
    QStringList lacking;
    QStringList absent;
    const char* kinds[] = {"can_select", "can_insert", "can_update", "can_delete"};
    const char* names[] = {"SELECT", "INSERT", "UPDATE", "DELETE"};
    for (qsizetype i = 0; i < granted.value().size(); ++i) {
        const QString table = granted.value().value(i, QStringLiteral("table_name")).toString();
        if (!granted.value().value(i, QStringLiteral("present")).toBool()) {
            absent.append(table);
            continue;
        }
        bool all = true;
        for (int k = 0; k < 4; ++k) {
            if (!granted.value().value(i, QLatin1String(kinds[k])).toBool()) {
                all = false;
                if (!lacking.contains(QLatin1String(names[k])))
                    lacking.append(QLatin1String(names[k]));
            }
        }
        if (!all)
            missingTables.append(table);
    }
    if (!absent.isEmpty()) {
        privileges.status = CheckStatus::Failed;
        privileges.summary = QStringLiteral("Tables are missing: %1.").arg(absent.join(QStringLiteral(", ")));
        privileges.cause = QStringLiteral("The schema is incomplete.");
        privileges.fix = provision;
    } else if (!missingTables.isEmpty()) {
        std::sort(lacking.begin(), lacking.end(), [&](const QString& a, const QString& b) {
            const QStringList order{QStringLiteral("SELECT"), QStringLiteral("INSERT"), QStringLiteral("UPDATE"),
                                    QStringLiteral("DELETE")};
            return order.indexOf(a) < order.indexOf(b);
        });
        privileges.status = CheckStatus::Failed;
        privileges.summary = QStringLiteral("%1 may not %2 some of the app's tables.")
                                 .arg(report.principal, lacking.join(QStringLiteral("/")).toLower());
        privileges.cause = QStringLiteral("Missing on: %1.").arg(missingTables.join(QStringLiteral(", ")));
        privileges.fix = QStringLiteral("Ask the database owner to run: %1")
                             .arg(PgDiagnosticsSql::grant(lacking, missingTables, report.principal));
        privileges.code = QStringLiteral("42501");
    } else {
        privileges.status = CheckStatus::Ok;
        privileges.summary = QStringLiteral("%1 may read and write all %2 tables.")
                                 .arg(report.principal)
                                 .arg(granted.value().size());
    }
    report.checks.append(privileges);
    return report;
}

} // namespace

PgDoctor::PgDoctor(SessionExecutor& executor, QString provisionCommand)
    : m_executor(executor), m_provisionCommand(std::move(provisionCommand))
{}

QStringList PgDoctor::tables()
{
    return {QStringLiteral("advertisers"),        QStringLiteral("gold_segments"),
            QStringLiteral("gold_segment_versions"), QStringLiteral("bronze_impressions"),
            QStringLiteral("silver_impressions"), QStringLiteral("silver_quarantine"),
            QStringLiteral("pipeline_batches"),   QStringLiteral("pipeline_state"),
            QStringLiteral("ref_values"),         QStringLiteral("audience_profiles"),
            QStringLiteral("audience_activity"),  QStringLiteral("gold_segment_daily_metrics"),
            QStringLiteral("segment_reach_cache"), QStringLiteral("saved_comparisons"),
            QStringLiteral("customer_identifiers"), QStringLiteral("gold_experiments"),
            QStringLiteral("gold_experiment_versions")};
}

QFuture<DiagnosticsReport> PgDoctor::run()
{
    auto promise = std::make_shared<QPromise<DiagnosticsReport>>();
    QFuture<DiagnosticsReport> future = promise->future();
    promise->start();
    m_executor.post([promise, provision = m_provisionCommand](Result<SqlSession*> session) {
        promise->addResult(diagnose(std::move(session), provision));
        promise->finish();
    });
    return future;
}

} // namespace core
