#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// `segctl audit list`: the workspace's audit trail (AuditStore), newest first.
class AuditCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int list(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
