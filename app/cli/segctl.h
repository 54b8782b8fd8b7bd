#pragma once

#include "command_spec.h"

namespace segctl {

// The command line: finds the command named by the arguments, handles --help at every level
// and the global options, and runs the command. Returns the process exit code.
class Segctl
{
public:
    Segctl();

    // arguments: without the program name.
    int run(const QStringList& arguments);

    QString topLevelHelp() const;
    QString groupHelp(const QString& group) const;

    static QList<OptionSpec> globalOptions();

private:
    QList<CommandSpec> m_commands;

    QList<const CommandSpec*> commandsIn(const QString& group) const;
    int usage(const QString& message) const;
};

} // namespace segctl
