#include "databricks_commands.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "command_context.h"
#include "backends/databricks/databricks_connection.h"
#include "databricks/diagnostics/doctor.h"
#include "databricks/provisioner.h"
#include "databricks/statement/statement_client.h"
#include "databricks/warehouse/warehouse_client.h"
#include "exit_code.h"
#include "parsed_args.h"
#include "diagnostics_printer.h"
#include "postgres_commands.h"
#include "terminal_progress.h"
#include "text_table.h"

namespace segctl {

namespace {

// "PENDING" for long usually means a warehouse starting: say so on a terminal.
void showStatementProgress(core::DatabricksConnection* connection, TerminalProgress& progress,
                           QObject* context)
{
    QObject::connect(
        connection->statements(), &core::StatementClient::statementStateChanged, context,
        [&progress](const QString&, const QString& state, const QString& what) {
            if (state == QLatin1String("PENDING"))
                progress.show(
                    -1, QStringLiteral("waiting for the SQL warehouse (it may be starting)… %1").arg(what));
            else if (state == QLatin1String("RUNNING"))
                progress.show(-1, QStringLiteral("running: %1…").arg(what));
        });
}

} // namespace

QList<CommandSpec> DatabricksCommands::specs()
{
    const QString connectionNote = QStringLiteral(
        "\nThe connection is the one --profile / --host choose; without them the DATABRICKS_* environment "
        "and the "
        "configuration file (DATABRICKS_CONFIG_FILE, else ~/.databrickscfg; its default profile) are used. "
        "--warehouse, --catalog and --schema override the profile's warehouse_id, catalog and schema.");
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("provision")},
        QStringLiteral("Create the shared schema and tables (Databricks, PostgreSQL, Lakebase)"),
        QStringLiteral(
            "Creates the schema and every table of the app's data model in Unity Catalog (Delta tables with "
            "comments), one statement at a time, printing each object. Everything is created IF NOT EXISTS: "
            "running it again changes nothing. Stops at the first failure with the Databricks error code "
            "and the fix (exit code 3). Needs USE CATALOG and CREATE SCHEMA on the catalog (or an existing "
            "schema) and CREATE TABLE on the schema.\nWith --postgres or --lakebase: brings the database's "
            "tables to the app's schema version with its numbered migrations (each in a transaction, one "
            "app at a time), printing each; needs a role that may create tables.") +
            connectionNote,
        {},
        {},
        {QStringLiteral("segctl --profile prod provision"),
         QStringLiteral("segctl --profile prod provision --catalog analytics --schema ad_segments"),
         QStringLiteral("segctl --postgres 'host=db.example.com dbname=segments user=owner' provision")},
        &DatabricksCommands::provision,
        CommandSpec::Backend::Shared});
    out.append(CommandSpec{
        {QStringLiteral("doctor")},
        QStringLiteral("Check the shared workspace (Databricks, PostgreSQL, Lakebase) step by step"),
        QStringLiteral(
            "Checks, in order: host reachable, credentials valid (the current user), SQL warehouse exists / "
            "its state / usable, SELECT 1 runs, catalog, schema and tables exist, read and write privilege "
            "on gold_segments (the write check is a MERGE that changes nothing). Prints each check "
            "(✓ ok, ! warning, ✗ failed, – skipped because an earlier check failed); each failure with "
            "its cause and the fix — for a missing privilege the exact GRANT statement naming the principal "
            "and the object.\nWith --postgres or --lakebase: server reachable and signed in, tables at the "
            "app's schema version, SELECT/INSERT/UPDATE/DELETE on every table (the GRANT that is missing).\n"
            "Exit code 0 only if every check passed, 3 otherwise.") +
            connectionNote,
        {},
        {},
        {QStringLiteral("segctl --profile prod doctor"),
         QStringLiteral("segctl --host https://dbc-a1b2.cloud.databricks.com doctor"),
         QStringLiteral("segctl --postgres 'host=db.example.com dbname=segments user=sam' doctor")},
        &DatabricksCommands::doctor,
        CommandSpec::Backend::Shared});
    out.append(CommandSpec{
        {QStringLiteral("warehouses"), QStringLiteral("list")},
        QStringLiteral("List the SQL warehouses you can use"),
        QStringLiteral(
            "Lists the SQL warehouses the credentials can access: id, name, state, size and health. The "
            "connection's warehouse is marked with *.") +
            connectionNote,
        {},
        {{QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: table)"),
          {QStringLiteral("table"), QStringLiteral("json")}}},
        {QStringLiteral("segctl --profile prod warehouses list")},
        &DatabricksCommands::listWarehouses,
        CommandSpec::Backend::DatabricksOnly});
    out.append(CommandSpec{
        {QStringLiteral("warehouses"), QStringLiteral("start")},
        QStringLiteral("Start the connection's SQL warehouse and wait until it runs"),
        QStringLiteral(
            "Starts the SQL warehouse of the connection (or --warehouse) and waits until it is RUNNING, "
            "showing progress on a terminal. A running warehouse is reported at once.") +
            connectionNote,
        {},
        {},
        {QStringLiteral("segctl --profile prod warehouses start")},
        &DatabricksCommands::startWarehouse,
        CommandSpec::Backend::DatabricksOnly});
    return out;
}

int DatabricksCommands::provision(CommandContext& context, const ParsedArgs&)
{
    if (context.usesPostgres())
        return PostgresCommands::provision(context);
    auto connection = context.databricks();
    if (!connection)
        return context.fail(connection.error());
    core::DatabricksConnection* c = connection.value();
    context.print(QStringLiteral("Provisioning %1.%2 on %3 (warehouse %4):\n")
                      .arg(c->catalog(), c->schema(), c->host(), c->warehouseId()));
    TerminalProgress progress;
    QObject receiver;
    showStatementProgress(c, progress, &receiver);
    int created = 0;
    int existed = 0;
    QObject::connect(
        c->provisioner(), &core::Provisioner::stepFinished, &receiver,
        [&](int index, int count, const core::ProvisionStep& step) {
            progress.finish();
            QString outcome;
            switch (step.outcome) {
            case core::ProvisionStep::Outcome::Created:
                outcome = QStringLiteral("created");
                ++created;
                break;
            case core::ProvisionStep::Outcome::AlreadyExisted:
                outcome = QStringLiteral("exists ");
                ++existed;
                break;
            case core::ProvisionStep::Outcome::Ensured:
                outcome = QStringLiteral("ensured");
                break;
            }
            context.print(
                QStringLiteral("  [%1/%2] %3  %4\n").arg(index + 1).arg(count).arg(outcome, step.object));
        });
    auto done = CommandContext::await(c->provisioner()->provision(c->catalog(), c->schema()));
    progress.finish();
    if (!done)
        return context.fail(done.error());
    context.print(QStringLiteral("Done: %1 objects in %2.%3 (%4 created, %5 already there).\n")
                      .arg(done.value().size())
                      .arg(c->catalog(), c->schema())
                      .arg(created)
                      .arg(existed));
    return 0;
}

int DatabricksCommands::doctor(CommandContext& context, const ParsedArgs&)
{
    if (context.usesPostgres())
        return PostgresCommands::doctor(context);
    auto connection = context.databricks();
    if (!connection) {
        context.fail(connection.error());
        return toInt(ExitCode::Backend);
    }
    core::DatabricksConnection* c = connection.value();
    context.print(QStringLiteral("Databricks diagnostics\n"));
    for (const QString& line : c->config().describe())
        context.print(QStringLiteral("  %1\n").arg(line));
    context.print(QStringLiteral("\n"));

    TerminalProgress progress;
    QObject receiver;
    showStatementProgress(c, progress, &receiver);
    QObject::connect(c->doctor(), &core::Doctor::checkStarted, &receiver,
                     [&progress](int, const QString&, const QString& name) {
                         progress.show(-1, QStringLiteral("checking: %1…").arg(name));
                     });
    QObject::connect(c->doctor(), &core::Doctor::checkFinished, &receiver,
                     [&](int, const core::DiagnosticCheck& check) {
                         progress.finish();
                         context.print(DiagnosticsPrinter::checkText(check));
                     });
    const core::DiagnosticsReport report = CommandContext::await(c->doctor()->run());
    progress.finish();

    return DiagnosticsPrinter::finish(context, report);
}

int DatabricksCommands::listWarehouses(CommandContext& context, const ParsedArgs& args)
{
    auto connection = context.databricks();
    if (!connection)
        return context.fail(connection.error());
    core::DatabricksConnection* c = connection.value();
    auto listed = CommandContext::await(c->warehouses()->list());
    if (!listed)
        return context.fail(listed.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray array;
        for (const auto& w : listed.value())
            array.append(QJsonObject{{QStringLiteral("id"), w.id},
                                     {QStringLiteral("name"), w.name},
                                     {QStringLiteral("state"), w.state},
                                     {QStringLiteral("cluster_size"), w.clusterSize},
                                     {QStringLiteral("health"), w.health},
                                     {QStringLiteral("selected"), w.id == c->warehouseId()}});
        context.write(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (listed.value().isEmpty()) {
        context.print(QStringLiteral("No SQL warehouses are visible to these credentials.\n"));
        return 0;
    }
    TextTable table({QStringLiteral(" "), QStringLiteral("ID"), QStringLiteral("NAME"),
                     QStringLiteral("STATE"), QStringLiteral("SIZE"), QStringLiteral("HEALTH")});
    for (const auto& w : listed.value())
        table.addRow({w.id == c->warehouseId() ? QStringLiteral("*") : QString(), w.id, w.name, w.state,
                      w.clusterSize, w.health});
    context.print(table.render());
    return 0;
}

int DatabricksCommands::startWarehouse(CommandContext& context, const ParsedArgs&)
{
    auto connection = context.databricks();
    if (!connection)
        return context.fail(connection.error());
    core::DatabricksConnection* c = connection.value();
    if (c->warehouseId().isEmpty())
        return context.usageError(
            QStringLiteral("no SQL warehouse given: use --warehouse ID, warehouse_id in the profile or "
                           "DATABRICKS_WAREHOUSE_ID — `%1 warehouses list` shows the ids")
                .arg(context.segctlWith()));
    TerminalProgress progress;
    QObject receiver;
    QObject::connect(
        c->warehouses(), &core::WarehouseClient::startProgress, &receiver,
        [&progress](const QString&, const QString&, const QString& message) { progress.show(-1, message); });
    auto started = CommandContext::await(c->warehouses()->start(c->warehouseId()));
    progress.finish();
    if (!started)
        return context.fail(started.error());
    context.print(
        QStringLiteral("SQL warehouse %1 (%2) is RUNNING.\n").arg(started.value().id, started.value().name));
    return 0;
}

} // namespace segctl
