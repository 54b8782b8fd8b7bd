#include "diagnostics_printer.h"

#include "command_context.h"
#include "exit_code.h"

namespace segctl {

namespace {

QString mark(core::CheckStatus status)
{
    switch (status) {
    case core::CheckStatus::Ok:
        return QStringLiteral("✓");
    case core::CheckStatus::Warning:
        return QStringLiteral("!");
    case core::CheckStatus::Failed:
        return QStringLiteral("✗");
    case core::CheckStatus::Skipped:
        return QStringLiteral("–");
    }
    return QStringLiteral("?");
}

} // namespace

QString DiagnosticsPrinter::checkText(const core::DiagnosticCheck& c)
{
    QString out = QStringLiteral("%1 %2: %3\n").arg(mark(c.status), c.name, c.summary);
    if (c.status == core::CheckStatus::Failed || c.status == core::CheckStatus::Warning) {
        if (!c.cause.isEmpty())
            out += QStringLiteral("    cause: %1\n").arg(c.cause);
        if (!c.fix.isEmpty())
            out += QStringLiteral("    fix:   %1\n").arg(c.fix);
        if (!c.code.isEmpty())
            out += QStringLiteral("    code:  %1\n").arg(c.code);
    }
    return out;
}

int DiagnosticsPrinter::finish(CommandContext& context, const core::DiagnosticsReport& report)
{
    const qsizetype passed = report.count(core::CheckStatus::Ok) + report.count(core::CheckStatus::Warning);
    QString tally = QStringLiteral("\n%1 of %2 checks passed").arg(passed).arg(report.checks.size());
    if (const auto n = report.count(core::CheckStatus::Warning))
        tally += QStringLiteral(", %1 with a warning").arg(n);
    if (const auto n = report.count(core::CheckStatus::Failed))
        tally += QStringLiteral(", %1 failed").arg(n);
    if (const auto n = report.count(core::CheckStatus::Skipped))
        tally += QStringLiteral(", %1 skipped").arg(n);
    context.print(tally + QStringLiteral(".\n"));
    if (report.allPassed())
        return 0;
    const core::DiagnosticCheck* first = report.firstFailure();
    QString line = QStringLiteral("segctl: error: diagnostics failed");
    if (first) {
        line += QStringLiteral(" at “%1”").arg(first->name);
        if (!first->code.isEmpty())
            line += QStringLiteral(" [%1]").arg(first->code);
        line += QStringLiteral(": %1").arg(first->summary);
        if (!first->fix.isEmpty())
            line += QStringLiteral(" — %1").arg(first->fix);
    }
    printErrorLine(line);
    return toInt(ExitCode::Backend);
}

} // namespace segctl
