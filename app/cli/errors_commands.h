#pragma once

#include "command_spec.h"

namespace segctl {

class CommandContext;
class ParsedArgs;

// `segctl errors`: the troubleshooting guide — every error code the app can show, what it
// means and what to do — printed from the app's error table (core::ErrorCatalogue).
// docs/troubleshooting.md is its Markdown output (`make docs`).
class ErrorsCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static int run(CommandContext& context, const ParsedArgs& args);
};

} // namespace segctl
