#include "databricks/diagnostics/doctor.h"

#include <optional>

#include <spdlog/spdlog.h>

#include <QElapsedTimer>
#include <QPromise>
#include <QSet>

#include "databricks/diagnostics/diagnostics_probe.h"
#include "databricks/diagnostics/grant_advisor.h"
#include "logging/logging.h"
#include "sql/provisioning_sql.h"

namespace core {

namespace {

auto log()
{
    return logging::logger("core.diagnostics");
}

enum Index
{
    kHost,
    kCredentials,
    kWarehouse,
    kSelect,
    kCatalog,
    kSchema,
    kTables,
    kRead,
    kWrite,
    kRowFilters,
    kCount
};

const QString kSegmentsTable = QStringLiteral("gold_segments");

bool isContainerPrivilege(const MissingPrivilege& m)
{
    return m.privilege == QLatin1String("USE CATALOG") || m.privilege == QLatin1String("USE SCHEMA");
}

QString warehouseLabel(const WarehouseInfo& w)
{
    return w.name.isEmpty() ? w.id : QStringLiteral("“%1” (%2)").arg(w.name, w.id);
}

} // namespace

struct Doctor::Run
{
    QPromise<DiagnosticsReport> promise;
    DiagnosticsReport report;
    CurrentUser user;
    std::optional<WarehouseInfo> warehouse;
    QList<WarehouseInfo> visibleWarehouses;
    QSet<QString> tables; // lower-case names found in the schema
    bool tablesKnown = false;
    std::optional<MissingPrivilege> readMissing;
    bool finished = false;

    Run() { promise.start(); }
    ~Run()
    {
        if (finished)
            return;
        // The Doctor went away mid-run: the report still lists every check.
        const auto all = Doctor::checks();
        for (qsizetype i = report.checks.size(); i < all.size(); ++i)
            report.checks.append({all[i].id,
                                  all[i].name,
                                  CheckStatus::Skipped,
                                  QStringLiteral("Not checked: cancelled."),
                                  {},
                                  {},
                                  {}});
        finish();
    }
    void finish()
    {
        finished = true;
        promise.addResult(report);
        promise.finish();
    }
    QString principal() const { return user.principal(); }
};

QList<Doctor::CheckInfo> Doctor::checks()
{
    return {
        {QStringLiteral("host"), QStringLiteral("Host reachable")},
        {QStringLiteral("credentials"), QStringLiteral("Credentials valid")},
        {QStringLiteral("warehouse"), QStringLiteral("SQL warehouse usable")},
        {QStringLiteral("select"), QStringLiteral("SELECT 1 runs")},
        {QStringLiteral("catalog"), QStringLiteral("Catalog exists")},
        {QStringLiteral("schema"), QStringLiteral("Schema exists")},
        {QStringLiteral("tables"), QStringLiteral("Tables exist")},
        {QStringLiteral("read"), QStringLiteral("Read privilege")},
        {QStringLiteral("write"), QStringLiteral("Write privilege")},
        {QStringLiteral("row_filters"), QStringLiteral("Row filters set")},
    };
}

Doctor::Doctor(DiagnosticsProbe* probe, DiagnosticsTarget target, QObject* parent)
    : QObject(parent), m_probe(probe), m_target(std::move(target))
{
}

Doctor::~Doctor() = default;

QFuture<DiagnosticsReport> Doctor::run()
{
    auto run = std::make_shared<Run>();
    auto future = run->promise.future();
    log()->info("diagnostics of {} (warehouse {}, {}.{})", m_target.host.toStdString(),
                m_target.warehouseId.toStdString(), m_target.catalog.toStdString(),
                m_target.schema.toStdString());
    next(run);
    return future;
}

QString Doctor::qualifiedSchema() const
{
    return GrantAdvisor::quoteName({m_target.catalog, m_target.schema});
}

QString Doctor::qualifiedTable(const QString& table) const
{
    return GrantAdvisor::quoteName({m_target.catalog, m_target.schema, table});
}

QString Doctor::skipReason(int index, const Run& run) const
{
    const auto& done = run.report.checks;
    auto blocked = [&](int dependency) -> QString {
        const DiagnosticCheck& d = done.at(dependency);
        if (d.status == CheckStatus::Failed)
            return QStringLiteral("Not checked: needs “%1”, which failed.").arg(d.name);
        if (d.status == CheckStatus::Skipped)
            return d.summary; // the same root cause

        return {};
    };
    switch (index) {
    case kHost:
        return {};
    case kCredentials:
        return blocked(kHost);
    case kWarehouse:
        return blocked(kCredentials);
    case kSelect:
        return blocked(kWarehouse);
    case kCatalog:
        return blocked(kSelect);
    case kSchema:
        return blocked(kCatalog);
    case kTables:
        return blocked(kSchema);
    case kRead:
    case kWrite: {
        if (QString r = blocked(kSchema); !r.isEmpty())
            return r;
        // Missing other tables does not stop the privilege checks on gold_segments.
        if (done.at(kTables).status != CheckStatus::Ok && done.at(kTables).status != CheckStatus::Warning) {
            if (!run.tablesKnown)
                return blocked(kTables);
            if (!run.tables.contains(kSegmentsTable))
                return QStringLiteral("Not checked: the table %1 does not exist (see “%2”).")
                    .arg(kSegmentsTable, done.at(kTables).name);
        }
        if (index == kWrite && run.readMissing && isContainerPrivilege(*run.readMissing))
            return QStringLiteral("Not checked: needs %1 on %2 first (see “%3”).")
                .arg(run.readMissing->privilege, run.readMissing->name.join(QLatin1Char('.')),
                     done.at(kRead).name);
        return {};
    }
    case kRowFilters:
        if (!run.tablesKnown)
            return blocked(kTables);
        return {};
    default:
        return {};
    }
}

void Doctor::next(const std::shared_ptr<Run>& run)
{
    const int index = int(run->report.checks.size());
    const auto all = checks();
    if (index >= all.size()) {
        log()->info("diagnostics finished: {} ok, {} warnings, {} failed, {} skipped",
                    run->report.count(CheckStatus::Ok), run->report.count(CheckStatus::Warning),
                    run->report.count(CheckStatus::Failed), run->report.count(CheckStatus::Skipped));
        run->finish();
        emit finished(run->report);
        return;
    }
    auto record = [this, run, index](DiagnosticCheck check) {
        if (run->finished || run->report.checks.size() != index)
            return; // already recorded (a probe answering twice must not shift the checks)
        const auto all = checks();
        check.id = all[index].id;
        check.name = all[index].name;
        log()->info("check {} {}: {} {}", check.id.toStdString(), checkStatusName(check.status).toStdString(),
                    check.summary.toStdString(), check.code.toStdString());
        run->report.checks.append(check);
        emit checkFinished(index, check);
        next(run);
    };
    if (const QString reason = skipReason(index, *run); !reason.isEmpty()) {
        DiagnosticCheck skipped;
        skipped.status = CheckStatus::Skipped;
        skipped.summary = reason;
        record(skipped);
        return;
    }
    emit checkStarted(index, all[index].id, all[index].name);
    switch (index) {
    case kHost:
        return checkHost(run, record);
    case kCredentials:
        return checkCredentials(run, record);
    case kWarehouse:
        return checkWarehouse(run, record);
    case kSelect:
        return checkSelectOne(run, record);
    case kCatalog:
        return checkCatalog(run, record);
    case kSchema:
        return checkSchema(run, record);
    case kTables:
        return checkTables(run, record);
    case kRead:
        return checkRead(run, record);
    case kWrite:
        return checkWrite(run, record);
    case kRowFilters:
        return checkRowFilters(run, record);
    default:
        break;
    }
}

// --- fixes ---------------------------------------------------------------------------------------

QString Doctor::credentialFix() const
{
    const QString where = m_target.credentialOrigin.isEmpty()
                              ? QString()
                              : QStringLiteral(" (now from %1)").arg(m_target.credentialOrigin);
    if (m_target.authType == QLatin1String("pat"))
        return QStringLiteral(
                   "Create a new personal access token in the workspace (Settings ▸ Developer ▸ Access "
                   "tokens) and set it as the profile's token%1; check that host is the workspace the "
                   "token belongs to.")
            .arg(where);
    if (m_target.authType == QLatin1String("oauth-m2m"))
        return QStringLiteral(
                   "Check the service principal's client_id and client_secret%1; if the secret expired, "
                   "create a new one (Settings ▸ Identity and access ▸ Service principals ▸ Secrets).")
            .arg(where);
    if (m_target.authType == QLatin1String("external-browser"))
        return QStringLiteral("Sign in again: the saved sign-in has expired or was revoked.");
    return QStringLiteral("Check the credentials of the connection%1.").arg(where);
}

QString Doctor::warehouseFix(const Run& run) const
{
    const QString name = run.warehouse ? run.warehouse->name : QString();
    return GrantAdvisor::warehouseCanUseFix(m_target.warehouseId, name, run.principal(),
                                            run.user.isServicePrincipal());
}

DiagnosticCheck Doctor::failure(const Run& run, DiagnosticCheck check, const Error& error,
                                const QString& fallbackFix) const
{
    check.status = CheckStatus::Failed;
    check.code = error.code;
    const QString principal = run.principal().isEmpty() ? QStringLiteral("The principal")
                                                        : QStringLiteral("`%1`").arg(run.principal());
    if (GrantAdvisor::isWarehouseRefusal(error) ||
        (error.kind == ErrorKind::Permission && error.httpStatus == 403 &&
         error.code == QLatin1String("PERMISSION_DENIED"))) {
        check.cause = QStringLiteral("%1 may not use the SQL warehouse %2 (no CAN USE permission).")
                          .arg(principal, m_target.warehouseId);
        check.fix = warehouseFix(run);
    } else if (const auto missing = GrantAdvisor::parse(error); missing && !run.principal().isEmpty()) {
        check.cause = QStringLiteral("%1 does not have %2 on %3 %4 (%5).")
                          .arg(principal, missing->privilege, missing->securableType.toLower(),
                               missing->name.join(QLatin1Char('.')), error.userMessage);
        check.fix = GrantAdvisor::grant(*missing, run.principal());
    } else if (error.kind == ErrorKind::Auth) {
        check.cause = error.userMessage;
        check.fix = credentialFix();
    } else {
        check.cause = error.userMessage;
        check.fix = fallbackFix.isEmpty() ? error.remediation : fallbackFix;
    }
    if (check.summary.isEmpty())
        check.summary = error.userMessage;
    return check;
}

// --- the checks ----------------------------------------------------------------------------------

void Doctor::checkHost(const std::shared_ptr<Run>& run, Done done)
{
    m_probe->reachHost().then(this, [this, run, done](Result<HostAnswer> answer) {
        DiagnosticCheck c;
        if (!answer) {
            const Error& e = answer.error();
            c.status = CheckStatus::Failed;
            c.code = e.code;
            c.summary = QStringLiteral("No answer from %1.").arg(m_target.host);
            c.cause =
                e.userMessage + (e.detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(e.detail));
            c.fix =
                QStringLiteral("Check that host (now %1%2) is the workspace URL, e.g. "
                               "https://dbc-a1b2c3d4-e5f6.cloud.databricks.com. %3")
                    .arg(m_target.host,
                         m_target.hostOrigin.isEmpty() ? QString()
                                                       : QStringLiteral(", from %1").arg(m_target.hostOrigin),
                         e.remediation)
                    .trimmed();
            return done(c);
        }
        const HostAnswer& a = answer.value();
        if (!a.looksLikeDatabricks) {
            c.status = CheckStatus::Warning;
            c.summary = QStringLiteral("%1 answered HTTP %2 in %3 ms, but not like a Databricks workspace.")
                            .arg(m_target.host)
                            .arg(a.httpStatus)
                            .arg(a.elapsedMs);
            c.cause = QStringLiteral(
                "The answer was not Databricks' JSON: a proxy, VPN or sign-in page may be in the way.");
            c.fix = QStringLiteral("Check the host URL and any proxy between you and the workspace.");
            return done(c);
        }
        c.status = CheckStatus::Ok;
        c.summary = QStringLiteral("%1 answered (HTTP %2 without credentials, %3 ms).")
                        .arg(m_target.host)
                        .arg(a.httpStatus)
                        .arg(a.elapsedMs);
        done(c);
    });
}

void Doctor::checkCredentials(const std::shared_ptr<Run>& run, Done done)
{
    m_probe->currentUser().then(this, [this, run, done](Result<CurrentUser> user) {
        DiagnosticCheck c;
        if (!user) {
            const Error& e = user.error();
            c.status = CheckStatus::Failed;
            c.code = e.code;
            QString credential = QStringLiteral("configured credentials were");
            if (m_target.authType == QLatin1String("pat"))
                credential = QStringLiteral("personal access token was");
            else if (m_target.authType == QLatin1String("oauth-m2m"))
                credential = QStringLiteral("OAuth client credentials (client_id / client_secret) were");
            else if (m_target.authType == QLatin1String("external-browser"))
                credential = QStringLiteral("browser sign-in was");
            c.summary = QStringLiteral("The %1 not accepted.").arg(credential);
            c.cause =
                e.userMessage + (e.detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(e.detail));
            if (e.kind == ErrorKind::Auth)
                c.fix = credentialFix();
            else if (e.kind == ErrorKind::Permission)
                c.fix = QStringLiteral(
                    "The principal exists but may not use this workspace: a workspace admin gives it "
                    "the “Workspace access” and “Databricks SQL access” entitlements.");
            else
                c.fix = e.remediation;
            return done(c);
        }
        run->user = user.value();
        run->report.principal = run->user.principal();
        c.status = CheckStatus::Ok;
        const CurrentUser& u = run->user;
        c.summary =
            QStringLiteral("Signed in as %1%2 (%3).")
                .arg(u.principal(),
                     !u.displayName.isEmpty() && u.displayName != u.principal()
                         ? QStringLiteral(" “%1”").arg(u.displayName)
                         : QString(),
                     u.isServicePrincipal() ? QStringLiteral("service principal") : QStringLiteral("user"));
        done(c);
    });
}

void Doctor::checkWarehouse(const std::shared_ptr<Run>& run, Done done)
{
    // The warehouses the principal can see, for fixes that say which id to use instead.
    auto withChoices = [this, run, done](DiagnosticCheck c, const QString& lead) {
        m_probe->warehouses().then(this, [run, done, c, lead](Result<QList<WarehouseInfo>> list) mutable {
            QStringList choices;
            if (list) {
                for (const auto& w : list.value())
                    choices.append(QStringLiteral("%1 (%2, %3)").arg(w.id, w.name, w.state));
            }
            c.fix =
                lead + (choices.isEmpty()
                            ? QStringLiteral(" No warehouse is visible to `%1`: ask a workspace admin for "
                                             "CAN USE on one.")
                                  .arg(run->principal())
                            : QStringLiteral(" Warehouses `%1` can use: %2.")
                                  .arg(run->principal(), choices.join(QStringLiteral(", "))));
            done(c);
        });
    };
    const QString where = m_target.warehouseOrigin.isEmpty()
                              ? QString()
                              : QStringLiteral(" (now from %1)").arg(m_target.warehouseOrigin);
    if (m_target.warehouseId.isEmpty()) {
        DiagnosticCheck c;
        c.status = CheckStatus::Failed;
        c.code = QStringLiteral("warehouse_missing");
        c.summary = QStringLiteral("No SQL warehouse is configured.");
        c.cause = QStringLiteral("Statements need a SQL warehouse id, and the connection has none.");
        return withChoices(c, QStringLiteral("Set warehouse_id in the profile, or DATABRICKS_WAREHOUSE_ID."));
    }
    m_probe->warehouse(m_target.warehouseId)
        .then(this, [this, run, done, withChoices, where](Result<WarehouseInfo> info) {
            DiagnosticCheck c;
            if (!info) {
                const Error& e = info.error();
                if (e.kind == ErrorKind::NotFound || e.httpStatus == 404) {
                    c.status = CheckStatus::Failed;
                    c.code = e.code;
                    c.summary = QStringLiteral("The SQL warehouse %1 does not exist in this workspace.")
                                    .arg(m_target.warehouseId);
                    c.cause = e.userMessage;
                    return withChoices(
                        c,
                        QStringLiteral("Set warehouse_id%1 to the id of an existing warehouse.").arg(where));
                }
                c = failure(*run, c, e, {});
                c.summary = QStringLiteral("The SQL warehouse %1 cannot be used.").arg(m_target.warehouseId);
                return done(c);
            }
            const WarehouseInfo& w = info.value();
            run->warehouse = w;
            const QString label = warehouseLabel(w);
            const QString size =
                w.clusterSize.isEmpty() ? QString() : QStringLiteral(", %1").arg(w.clusterSize);
            if (w.isDeleted()) {
                c.status = CheckStatus::Failed;
                c.code = QStringLiteral("WAREHOUSE_DELETED");
                c.summary = QStringLiteral("The SQL warehouse %1 is %2.").arg(label, w.state);
                c.cause = QStringLiteral("A deleted warehouse cannot run statements.");
                return withChoices(c, QStringLiteral("Set warehouse_id%1 to another warehouse.").arg(where));
            }
            if (w.health == QLatin1String("FAILED")) {
                c.status = CheckStatus::Failed;
                c.code = QStringLiteral("WAREHOUSE_FAILED");
                c.summary =
                    QStringLiteral("The SQL warehouse %1 is unhealthy (%2).").arg(label, w.healthSummary);
                c.cause = QStringLiteral("Databricks reports the warehouse's health as FAILED.");
                c.fix = QStringLiteral("Check the warehouse in Databricks (SQL Warehouses ▸ %1 ▸ "
                                       "Monitoring), restart it, or use another one.")
                            .arg(w.name.isEmpty() ? w.id : w.name);
                return done(c);
            }
            if (w.isRunning() && w.health != QLatin1String("DEGRADED")) {
                c.status = CheckStatus::Ok;
                c.summary = QStringLiteral("%1 is RUNNING%2.").arg(label, size);
                return done(c);
            }
            c.status = CheckStatus::Warning;
            if (w.health == QLatin1String("DEGRADED")) {
                c.summary = QStringLiteral("%1 is %2 but DEGRADED%3.").arg(label, w.state, size);
                c.cause = w.healthSummary.isEmpty() ? QStringLiteral("Databricks reports degraded health.")
                                                    : w.healthSummary;
            } else {
                c.summary =
                    QStringLiteral("%1 is %2%3: the first statement starts it, which can take a few minutes.")
                        .arg(label, w.state, size);
                c.cause = QStringLiteral("Statements wait (PENDING) while the warehouse starts.");
            }
            done(c);
        });
}

void Doctor::runSql(const std::shared_ptr<Run>& run, DiagnosticCheck check, const QString& sql,
                    const QString& what,
                    std::function<DiagnosticCheck(DiagnosticCheck, const StatementResult&)> onRows,
                    std::function<QString(const Error&)> fallbackFix, Done done)
{
    runSqlWith(run, std::move(check), sql, {}, what, std::move(onRows), std::move(fallbackFix),
               std::move(done));
}

void Doctor::runSqlWith(const std::shared_ptr<Run>& run, DiagnosticCheck check, const QString& sql,
                        const QList<SqlParam>& params, const QString& what,
                        std::function<DiagnosticCheck(DiagnosticCheck, const StatementResult&)> onRows,
                        std::function<QString(const Error&)> fallbackFix, Done done)
{
    StatementRequest request;
    request.sql = sql;
    request.params = params;
    request.what = what;
    request.deadline = m_statementDeadline;
    m_probe->run(request).then(
        this, [this, run, check, onRows, fallbackFix, done](Result<StatementResult> result) {
            if (!result) {
                const Error& e = result.error();
                return done(failure(*run, check, e, fallbackFix ? fallbackFix(e) : QString()));
            }
            done(onRows(check, result.value()));
        });
}

void Doctor::checkSelectOne(const std::shared_ptr<Run>& run, Done done)
{
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    DiagnosticCheck c;
    c.summary = QStringLiteral("The warehouse could not run SELECT 1.");
    runSql(
        run, c, QStringLiteral("SELECT 1 AS one"), QStringLiteral("run SELECT 1 on the warehouse"),
        [clock](DiagnosticCheck c, const StatementResult& r) {
            if (r.rows.size() != 1 || r.rows.first().value(0).toString() != QLatin1String("1")) {
                c.status = CheckStatus::Failed;
                c.summary = QStringLiteral("SELECT 1 ran but returned something else.");
                c.cause = QStringLiteral("Expected one row with 1, got %1 rows.").arg(r.rows.size());
                c.fix = QStringLiteral("Check the warehouse; the answer may have been altered by a proxy.");
                return c;
            }
            c.status = CheckStatus::Ok;
            c.summary = QStringLiteral("SELECT 1 answered in %1 ms.").arg(clock->elapsed());
            return c;
        },
        {}, done);
}

void Doctor::checkCatalog(const std::shared_ptr<Run>& run, Done done)
{
    const QString catalog = m_target.catalog;
    const QString principal = run->principal();
    const QString useCatalog =
        GrantAdvisor::grant(QStringLiteral("USE CATALOG"), QStringLiteral("CATALOG"), {catalog}, principal);
    DiagnosticCheck c;
    c.summary = QStringLiteral("The catalog %1 could not be checked.").arg(catalog);
    runSqlWith(
        run, c,
        QStringLiteral("SELECT catalog_name FROM %1.information_schema.catalogs WHERE lower(catalog_name) = "
                       "lower(:catalog)")
            .arg(GrantAdvisor::quoteIdentifier(catalog)),
        {SqlParam{QStringLiteral("catalog"), catalog, SqlParam::Type::String}},
        QStringLiteral("look up the catalog %1").arg(catalog),
        [catalog, principal, useCatalog](DiagnosticCheck c, const StatementResult& r) {
            if (r.rows.isEmpty()) {
                c.status = CheckStatus::Failed;
                c.summary = QStringLiteral("The catalog %1 is not visible to `%2`.").arg(catalog, principal);
                c.cause = QStringLiteral("It does not exist, or `%1` has no privilege on it.").arg(principal);
                c.fix = QStringLiteral("If it exists: %1. Otherwise set catalog to an existing one (profile "
                                       "key catalog, or --catalog).")
                            .arg(useCatalog);
                return c;
            }
            c.status = CheckStatus::Ok;
            c.summary = QStringLiteral("The catalog %1 exists.").arg(catalog);
            return c;
        },
        [catalog, useCatalog](const Error& e) -> QString {
            if (e.code == QLatin1String("42704") || e.detail.contains(QLatin1String("NO_SUCH_CATALOG")))
                return QStringLiteral("Use an existing catalog (profile key catalog, or --catalog), or have "
                                      "a metastore admin "
                                      "create it: CREATE CATALOG IF NOT EXISTS %1.")
                    .arg(GrantAdvisor::quoteIdentifier(catalog));
            if (e.kind == ErrorKind::Permission)
                return useCatalog;
            return {};
        },
        done);
}

void Doctor::checkSchema(const std::shared_ptr<Run>& run, Done done)
{
    const QString principal = run->principal();
    const QString shown = m_target.catalog + QLatin1Char('.') + m_target.schema;
    const QString useSchema = GrantAdvisor::grant(QStringLiteral("USE SCHEMA"), QStringLiteral("SCHEMA"),
                                                  {m_target.catalog, m_target.schema}, principal);
    const QString createSchema = GrantAdvisor::grant(
        QStringLiteral("CREATE SCHEMA"), QStringLiteral("CATALOG"), {m_target.catalog}, principal);
    const QString provision = m_target.provisionCommand;
    DiagnosticCheck c;
    c.summary = QStringLiteral("The schema %1 could not be checked.").arg(shown);
    runSqlWith(
        run, c,
        QStringLiteral("SELECT schema_name FROM %1.information_schema.schemata WHERE lower(schema_name) = "
                       "lower(:schema)")
            .arg(GrantAdvisor::quoteIdentifier(m_target.catalog)),
        {SqlParam{QStringLiteral("schema"), m_target.schema, SqlParam::Type::String}},
        QStringLiteral("look up the schema %1").arg(shown),
        [shown, principal, useSchema, createSchema, provision](DiagnosticCheck c, const StatementResult& r) {
            if (r.rows.isEmpty()) {
                c.status = CheckStatus::Failed;
                c.summary = QStringLiteral("The schema %1 is not visible to `%2`.").arg(shown, principal);
                c.cause = QStringLiteral("It has not been created yet, or `%1` has no privilege on it.")
                              .arg(principal);
                c.fix =
                    QStringLiteral("Create it and the tables with `%1` (that needs: %2). If it exists: %3.")
                        .arg(provision, createSchema, useSchema);
                return c;
            }
            c.status = CheckStatus::Ok;
            c.summary = QStringLiteral("The schema %1 exists.").arg(shown);
            return c;
        },
        [useSchema](const Error& e) -> QString {
            return e.kind == ErrorKind::Permission ? useSchema : QString();
        },
        done);
}

void Doctor::checkTables(const std::shared_ptr<Run>& run, Done done)
{
    const QString principal = run->principal();
    const QString shown = m_target.catalog + QLatin1Char('.') + m_target.schema;
    const QStringList expected = ProvisioningSql(m_target.catalog, m_target.schema).tableNames();
    const QString createTable = GrantAdvisor::grant(QStringLiteral("CREATE TABLE"), QStringLiteral("SCHEMA"),
                                                    {m_target.catalog, m_target.schema}, principal);
    const QString provision = m_target.provisionCommand;
    DiagnosticCheck c;
    c.summary = QStringLiteral("The tables of %1 could not be listed.").arg(shown);
    runSqlWith(
        run, c,
        QStringLiteral(
            "SELECT table_name FROM %1.information_schema.tables WHERE lower(table_schema) = lower(:schema)")
            .arg(GrantAdvisor::quoteIdentifier(m_target.catalog)),
        {SqlParam{QStringLiteral("schema"), m_target.schema, SqlParam::Type::String}},
        QStringLiteral("list the tables of %1").arg(shown),
        [run, shown, expected, createTable, provision](DiagnosticCheck c, const StatementResult& r) {
            for (const auto& row : r.rows)
                run->tables.insert(row.value(0).toString().toLower());
            run->tablesKnown = true;
            QStringList missing;
            for (const QString& t : expected) {
                if (!run->tables.contains(t.toLower()))
                    missing.append(t);
            }
            if (!missing.isEmpty()) {
                c.status = CheckStatus::Failed;
                c.code = QStringLiteral("tables_missing");
                c.summary = QStringLiteral("%1 of %2 tables are missing in %3: %4.")
                                .arg(missing.size())
                                .arg(expected.size())
                                .arg(shown, missing.join(QStringLiteral(", ")));
                c.cause =
                    QStringLiteral("The app's tables have not all been created (or `%1` cannot see them).")
                        .arg(run->principal());
                c.fix = QStringLiteral("Create them with `%1` (that needs: %2).").arg(provision, createTable);
                return c;
            }
            c.status = CheckStatus::Ok;
            c.summary = QStringLiteral("All %1 tables exist in %2.").arg(expected.size()).arg(shown);
            return c;
        },
        [createTable](const Error& e) -> QString {
            return e.kind == ErrorKind::Permission ? createTable : QString();
        },
        done);
}

// The Unity Catalog row filters of ProvisioningSql::rowFilters: without them every principal
// reads every advertiser's rows, whatever advertiser_access says.
void Doctor::checkRowFilters(const std::shared_ptr<Run>& run, Done done)
{
    const QString shown = m_target.catalog + QLatin1Char('.') + m_target.schema;
    const auto expected = ProvisioningSql(m_target.catalog, m_target.schema).expectedRowFilters();
    const QString provision = m_target.provisionCommand;
    DiagnosticCheck c;
    c.summary = QStringLiteral("The row filters of %1 could not be listed.").arg(shown);
    runSqlWith(
        run, c,
        QStringLiteral("SELECT table_name FROM %1.information_schema.row_filters WHERE lower(table_schema) = lower(:schema)")
            .arg(GrantAdvisor::quoteIdentifier(m_target.catalog)),
        {SqlParam{QStringLiteral("schema"), m_target.schema, SqlParam::Type::String}},
        QStringLiteral("list the row filters of %1").arg(shown),
        [shown, expected, provision](DiagnosticCheck c, const StatementResult& r) {
            QSet<QString> filtered;
            for (const auto& row : r.rows)
                filtered.insert(row.value(0).toString().toLower());
            QStringList missing;
            for (const auto& f : expected)
                if (!filtered.contains(f.table))
                    missing.append(f.table);
            if (!missing.isEmpty()) {
                c.status = CheckStatus::Failed;
                c.code = QStringLiteral("row_filters_missing");
                c.summary = QStringLiteral("%1 of %2 tables of %3 have no row filter: %4.")
                                .arg(missing.size())
                                .arg(expected.size())
                                .arg(shown, missing.join(QStringLiteral(", ")));
                c.cause = QStringLiteral("Without them everyone reads every advertiser's rows, whatever roles were granted.");
                c.fix = QStringLiteral("Set them with `%1` (as the tables' owner).").arg(provision);
                return c;
            }
            c.status = CheckStatus::Ok;
            c.summary = QStringLiteral("Row filters keep each principal to its advertisers on all %1 tables.").arg(expected.size());
            return c;
        },
        [](const Error&) { return QString(); }, done);
}

void Doctor::checkRead(const std::shared_ptr<Run>& run, Done done)
{
    const QString principal = run->principal();
    const QString table = qualifiedTable(kSegmentsTable);
    const QString shown =
        QStringList{m_target.catalog, m_target.schema, kSegmentsTable}.join(QLatin1Char('.'));
    const QString grantSelect =
        GrantAdvisor::grant(QStringLiteral("SELECT"), QStringLiteral("TABLE"),
                            {m_target.catalog, m_target.schema, kSegmentsTable}, principal);
    DiagnosticCheck c;
    c.summary = QStringLiteral("`%1` cannot read %2.").arg(principal, shown);
    runSql(
        run, c, QStringLiteral("SELECT * FROM %1 LIMIT 0").arg(table), QStringLiteral("read %1").arg(shown),
        [principal, shown](DiagnosticCheck c, const StatementResult&) {
            c.status = CheckStatus::Ok;
            c.summary = QStringLiteral("`%1` can read %2 (SELECT).").arg(principal, shown);
            return c;
        },
        [run, grantSelect](const Error& e) -> QString {
            if (const auto missing = GrantAdvisor::parse(e))
                run->readMissing = missing;
            return e.kind == ErrorKind::Permission ? grantSelect : QString();
        },
        done);
}

void Doctor::checkWrite(const std::shared_ptr<Run>& run, Done done)
{
    const QString principal = run->principal();
    const QString table = qualifiedTable(kSegmentsTable);
    const QString shown =
        QStringList{m_target.catalog, m_target.schema, kSegmentsTable}.join(QLatin1Char('.'));
    const QString grantModify =
        GrantAdvisor::grant(QStringLiteral("MODIFY"), QStringLiteral("TABLE"),
                            {m_target.catalog, m_target.schema, kSegmentsTable}, principal);
    // Needs the privileges of the store's writes (MERGE: SELECT and MODIFY) and changes
    // nothing: the source is empty, and nothing could match anyway.
    const QString sql =
        QStringLiteral(
            "MERGE INTO %1 AS t USING (SELECT CAST(NULL AS STRING) AS segment_id WHERE 1 = 0) AS s "
            "ON false WHEN NOT MATCHED THEN INSERT (segment_id) VALUES (s.segment_id)")
            .arg(table);
    DiagnosticCheck c;
    c.summary = QStringLiteral("`%1` cannot write %2.").arg(principal, shown);
    runSql(
        run, c, sql, QStringLiteral("check write access to %1").arg(shown),
        [principal, shown](DiagnosticCheck c, const StatementResult& r) {
            if (r.affectedRows() > 0) { // cannot happen with an empty source; never report it as fine
                c.status = CheckStatus::Failed;
                c.summary =
                    QStringLiteral("The write check changed %1 rows of %2.").arg(r.affectedRows()).arg(shown);
                c.cause = QStringLiteral("A MERGE from an empty source reported affected rows.");
                c.fix = QStringLiteral("Report this; check %1 for unexpected rows.").arg(shown);
                return c;
            }
            c.status = CheckStatus::Ok;
            c.summary =
                QStringLiteral("`%1` can write %2 (MODIFY; checked with a MERGE that changes nothing).")
                    .arg(principal, shown);
            return c;
        },
        [grantModify](const Error& e) -> QString {
            return e.kind == ErrorKind::Permission ? grantModify : QString();
        },
        done);
}

} // namespace core
