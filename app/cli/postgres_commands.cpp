#include "postgres_commands.h"

#include "backends/postgres/pg_session.h"
#include "backends/postgres/postgres_diagnostics.h"
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
    core::PostgresDiagnostics diagnostics(settings.value(), QStringLiteral("PostgreSQL"),
                                          context.segctlWith() + QStringLiteral(" provision"));
    context.print(QStringLiteral("Provisioning the PostgreSQL database (%1):\n").arg(core::PgSession::printableConnInfo(settings.value().conninfo)));
    auto done = CommandContext::await(diagnostics.provision());
    if (!done)
        return context.fail(done.error());
    const int latest = core::PgMigrator::latestVersion();
    int applied = 0;
    for (int i = 0; i < done.value().size(); ++i) {
        const QString& line = done.value().at(i);
        applied += line.startsWith(QLatin1String("applied")) ? 1 : 0;
        context.print(QStringLiteral("  [%1/%2] %3\n").arg(i + 1).arg(done.value().size()).arg(line));
    }
    context.print(QStringLiteral("Done: schema version %1 (%2 applied now, %3 already there).\n")
                      .arg(latest)
                      .arg(applied)
                      .arg(done.value().size() - applied));
    return 0;
}

int PostgresCommands::doctor(CommandContext& context)
{
    auto settings = context.postgresSettings();
    if (!settings) {
        context.fail(settings.error());
        return toInt(ExitCode::Backend);
    }
    core::PostgresDiagnostics diagnostics(settings.value(), QStringLiteral("PostgreSQL"),
                                          context.segctlWith() + QStringLiteral(" provision"));
    context.print(QStringLiteral("PostgreSQL diagnostics\n"));
    for (const QString& line : diagnostics.settings())
        context.print(QStringLiteral("  %1\n").arg(line));
    context.print(QStringLiteral("\n"));
    const core::DiagnosticsReport report = CommandContext::await(diagnostics.run(
        [&context](int, const core::DiagnosticCheck& check) { context.print(DiagnosticsPrinter::checkText(check)); }));
    return DiagnosticsPrinter::finish(context, report);
}

} // namespace segctl
