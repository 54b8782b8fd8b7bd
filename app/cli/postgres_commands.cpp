#include "postgres_commands.h"

#include "backends/postgres/pg_doctor.h"
#include "backends/postgres/pg_executor.h"
#include "backends/postgres/pg_migrator.h"
#include "command_context.h"
#include "diagnostics_printer.h"
#include "exit_code.h"

namespace segctl {

int PostgresCommands::provision(CommandContext& context)
{
    auto settings = context.postgresSettings();
    if (!settings)
        return context.fail(settings.error());
    core::PgExecutor executor(settings.value());
    context.print(QStringLiteral("Provisioning the PostgreSQL database (%1):\n").arg(executor.printableConnInfo()));
    auto before = CommandContext::await(executor.submit<int>([](core::SqlSession& db) -> core::Result<int> {
        auto present = db.query({QStringLiteral("SELECT to_regclass('schema_migrations') IS NOT NULL AS present"), {}},
                                QStringLiteral("read the schema version"));
        if (!present)
            return present.error();
        if (!present.value().value(0, QStringLiteral("present")).toBool())
            return 0;
        return core::PgMigrator::currentVersion(db);
    }));
    if (!before)
        return context.fail(before.error());
    auto migrated = CommandContext::await(
        executor.submit<core::Done>([](core::SqlSession& db) { return core::PgMigrator::migrate(db); }));
    if (!migrated)
        return context.fail(migrated.error());
    const int latest = core::PgMigrator::latestVersion();
    for (const auto& m : core::PgMigrator::available()) {
        context.print(QStringLiteral("  [%1/%2] %3  %4\n")
                          .arg(m.version)
                          .arg(latest)
                          .arg(m.version > before.value() ? QStringLiteral("applied") : QStringLiteral("present"), m.name));
    }
    context.print(QStringLiteral("Done: schema version %1 (%2 applied now, %3 already there).\n")
                      .arg(latest)
                      .arg(latest - before.value())
                      .arg(before.value()));
    return 0;
}

int PostgresCommands::doctor(CommandContext& context)
{
    auto settings = context.postgresSettings();
    if (!settings) {
        context.fail(settings.error());
        return toInt(ExitCode::Backend);
    }
    core::PgExecutor executor(settings.value());
    context.print(QStringLiteral("PostgreSQL diagnostics\n  %1\n\n").arg(executor.printableConnInfo()));
    const core::DiagnosticsReport report =
        CommandContext::await(core::PgDoctor(executor, context.segctlWith() + QStringLiteral(" provision")).run());
    for (const auto& check : report.checks)
        context.print(DiagnosticsPrinter::checkText(check));
    return DiagnosticsPrinter::finish(context, report);
}

} // namespace segctl
