#pragma once

#include "command_spec.h"
#include "domain/reach_estimate.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// `segctl reach FILE.json`: the reach of a definition (or of a segment's definition) and its
// waterfall, as a table or JSON.
class ReachCommand
{
public:
    static CommandSpec spec();

    static QString toTable(const core::ReachEstimate& estimate, const QString& advertiserId);
    static QByteArray toJson(const core::ReachEstimate& estimate, const QString& advertiserId);

private:
    static int run(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
