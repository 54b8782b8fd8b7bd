#pragma once

#include <functional>

#include <QList>
#include <QString>
#include <QStringList>

namespace segctl {

class CommandContext;
class ParsedArgs;

// One --option of a command.
struct OptionSpec
{
    QString name;        // without dashes: "format"
    QString valueName;   // "FILE", "ID"; empty for a flag
    QString description; // one line
    QStringList choices; // allowed values; empty: any

    bool takesValue() const { return !valueName.isEmpty(); }
};

// One required positional argument.
struct PositionalSpec
{
    QString name; // "ID", "FILE.json"
    QString description;
};

// A command such as {"segments", "list"} or {"reach"}: what it takes, its help, and what runs it.
struct CommandSpec
{
    QStringList path;
    QString summary;     // one line, for the list of commands
    QString description; // shown by --help
    QList<PositionalSpec> positionals;
    QList<OptionSpec> options;
    QStringList examples;
    std::function<int(CommandContext&, const ParsedArgs&)> run;
    // Which backend the command works with: the chosen one (local workspace, Databricks,
    // PostgreSQL or Lakebase), only the local workspace (demo), a shared one (doctor, provision:
    // Databricks, PostgreSQL or Lakebase; Databricks when none is named), or only Databricks
    // (warehouses, jobs).
    enum class Backend
    {
        Chosen,
        LocalOnly,
        Shared,
        DatabricksOnly,
    };
    Backend backend = Backend::Chosen;

    QString displayName() const { return path.join(QLatin1Char(' ')); }
};

} // namespace segctl
