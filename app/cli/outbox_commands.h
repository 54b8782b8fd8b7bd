#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// The outbox of a shared workspace's changes made offline (core/offline; the app fills it):
// `segctl outbox list` shows what waits, `segctl outbox sync` sends it (OutboxReplayer: found
// applied already is not sent twice, conflicts stay for the app's dialog), `segctl outbox
// discard ID` drops one change. --outbox FILE names another outbox file than the app's.
class OutboxCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int list(CommandContext& context, const ParsedArgs& args);
    static int sync(CommandContext& context, const ParsedArgs& args);
    static int discard(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
