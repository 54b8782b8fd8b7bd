#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// The ad-platform destinations an audience is synced to, on the command line:
// `segctl destinations add google|meta NAME`, `list`, `remove NAME`, `history NAME`
// (core::AudienceSyncState in <data dir>/activation.sqlite; credentials in the system keychain,
// or read from the environment at every sync with --credentials-from-env).
class DestinationsCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int add(CommandContext& context, const ParsedArgs& args);
    static int list(CommandContext& context, const ParsedArgs& args);
    static int remove(CommandContext& context, const ParsedArgs& args);
    static int history(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
