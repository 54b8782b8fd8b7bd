#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// The commands that only make sense against Databricks: `segctl provision`, `segctl doctor`,
// `segctl warehouses list|start`. They use the connection chosen by --profile / --host, or
// else the DATABRICKS_* environment and the configuration file's default profile.
class DatabricksCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int provision(CommandContext& context, const ParsedArgs& args);
    static int doctor(CommandContext& context, const ParsedArgs& args);
    static int listWarehouses(CommandContext& context, const ParsedArgs& args);
    static int startWarehouse(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
