#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// A segment as an ad-platform audience, on the command line: `segctl audiences export` writes
// the platform's customer-list file (core::AudienceExport), `segctl audiences sync` keeps a
// destination's platform audience equal to the segment (core::DestinationSyncJob). Both read the
// segment's members and identifiers from the chosen backend (core::readAudienceSource), hash
// them through the same normaliser and print the same pre-flight first; a blocking pre-flight
// stops them (exit code 2) unless --force.
class AudiencesCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int exportFile(CommandContext& context, const ParsedArgs& args);
    static int sync(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
