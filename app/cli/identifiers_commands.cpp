#include "identifiers_commands.h"

#include <QDir>

#include "backends/backend.h"
#include "command_context.h"
#include "export/identifiers_csv.h"
#include "parsed_args.h"

namespace segctl {

namespace {

using Open = CommandContext::Open;

} // namespace

QList<CommandSpec> IdentifiersCommands::specs()
{
    const QString columns = core::IdentifiersCsv::columns().join(QStringLiteral(", "));
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("identifiers"), QStringLiteral("import")},
        QStringLiteral("Load who the people are (e-mail, phone, names, place) from a CSV file"),
        QStringLiteral(
            "Loads a CSV file (UTF-8) into customer_identifiers: who each user_id of the events is, for "
            "audience files and platform syncs (which hash the values on this computer first).\n"
            "The first line names the columns, in any order: %1. Only user_id is required; an empty value "
            "is unknown. birth_date may be written YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or DD.MM.YYYY and is "
            "stored as YYYY-MM-DD.\n"
            "A later line of a user replaces the earlier one, in the file and in the workspace. Lines that "
            "cannot be used (a wrong number of fields, no user_id, a birth date that is not a date) are "
            "reported by number and skipped; the rest is stored in one transaction. A file that cannot be "
            "used at all (empty, no or a wrong header, broken CSV, not one usable line) stores nothing "
            "(exit code 2).\n"
            "Databricks: refused — there customer_identifiers is a Unity Catalog table the data engineers "
            "fill.")
            .arg(columns),
        {{QStringLiteral("FILE.csv"), QStringLiteral("the identifiers file")}},
        {},
        {QStringLiteral("segctl identifiers import customers.csv"),
         QStringLiteral("segctl --postgres 'host=db dbname=segments' identifiers import customers.csv")},
        &IdentifiersCommands::import});
    return out;
}

int IdentifiersCommands::import(CommandContext& context, const ParsedArgs& args)
{
    const QString path = args.positional(0);
    auto bytes = CommandContext::readFile(path);
    if (!bytes)
        return context.fail(bytes.error());
    auto contents = core::IdentifiersCsv::read(bytes.value(), QDir::toNativeSeparators(path));
    if (!contents)
        return context.fail(contents.error());
    auto backend = context.backend(Open::CreateIfMissing);
    if (!backend)
        return context.fail(backend.error());
    auto stored =
        CommandContext::await(backend.value()->audiences().importIdentifiers(contents.value().rows));
    if (!stored)
        return context.fail(stored.error());
    const auto& file = contents.value();
    const core::IdentifiersImportReport& r = stored.value();
    QString text = QStringLiteral("%1 → customer_identifiers (%2)\n")
                       .arg(QDir::toNativeSeparators(path), backend.value()->displayName());
    text +=
        QStringLiteral(
            "  rows read:     %1\n  users stored:  %2\n  replaced:      %3 (users who had a row before)\n")
            .arg(file.rowsRead)
            .arg(r.stored)
            .arg(r.replaced);
    if (file.repeated > 0)
        text += QStringLiteral(
                    "  repeated:      %1 (rows replaced by a later row of the same user in the file)\n")
                    .arg(file.repeated);
    text += QStringLiteral("  rows rejected: %1\n").arg(file.rejected.size());
    for (const auto& line : file.rejected)
        text += QStringLiteral("    line %1: %2\n").arg(line.line).arg(line.reason);
    context.print(text);
    return 0;
}

} // namespace segctl
