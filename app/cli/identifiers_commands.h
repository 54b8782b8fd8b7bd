#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// Who the people are, on the chosen backend: `segctl identifiers import` (an identifiers CSV
// into customer_identifiers; on Databricks the data engineers fill that table, so it is refused).
class IdentifiersCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int import(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
