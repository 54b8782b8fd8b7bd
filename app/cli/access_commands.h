#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// Roles per advertiser on a shared backend (Databricks, PostgreSQL, Lakebase): `segctl access
// grant|revoke|list` (AccessStore). The backend enforces the roles itself; these commands only
// read and change advertiser_access, as the signed-in principal (owners only for changes).
class AccessCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int grant(CommandContext& context, const ParsedArgs& args);
    static int revoke(CommandContext& context, const ParsedArgs& args);
    static int list(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
