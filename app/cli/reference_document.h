#pragma once

#include "command_spec.h"

namespace segctl {

// The segctl reference (docs/segctl-reference.md): every command with its own --help text,
// grouped as `segctl --help` lists them. Generated, never written by hand, so it cannot drift
// from the commands; a test compares the committed file with `segctl help --markdown`.
class ReferenceDocument
{
public:
    // topLevelHelp: `segctl --help`. Paths under the user's data and home folders in option defaults
    // are written "~/.local/share/…" and "~/…", so the document is the same on every machine.
    static QString markdown(const QList<CommandSpec>& commands, const QList<OptionSpec>& globalOptions,
                            const QString& topLevelHelp);
};

} // namespace segctl
