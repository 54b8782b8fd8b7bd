#pragma once

#include <optional>

#include "command_spec.h"
#include "parsed_args.h"

namespace segctl {

// Parses one command's arguments: "--name value", "--name=value", flags, "-h", "--" and
// positionals. Any problem is a usage error with a message naming the offending argument.
class ArgParser
{
public:
    struct Outcome
    {
        ParsedArgs args;
        QString usageError; // empty when the arguments are fine
    };

    // options: the command's own plus the global ones.
    static Outcome parse(const CommandSpec& command, const QList<OptionSpec>& options,
                         const QStringList& tokens);

    // "Usage: segctl segments list [options]" and the rest of the command's --help.
    static QString helpText(const CommandSpec& command, const QList<OptionSpec>& globalOptions);
    // Option lines ("  --format json|csv   ...") aligned in two columns.
    static QString optionLines(const QList<OptionSpec>& options);

    static const OptionSpec* findOption(const QList<OptionSpec>& options, const QString& name);
};

} // namespace segctl
