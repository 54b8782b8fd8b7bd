#pragma once

#include <optional>

#include "command_spec.h"

namespace core::forecast {
struct ForecastOptions;
}

namespace segctl {

class CommandContext;
class ParsedArgs;

// `segctl forecast` and `segctl backtest`: forecasts of a CSV series (or, later, a segment's
// daily metrics) with prediction intervals, and their rolling-origin track record against
// seasonal naive.
class ForecastCommands
{
public:
    static QList<CommandSpec> specs();

private:
    static CommandSpec forecastSpec();
    static CommandSpec backtestSpec();
    static int runForecast(CommandContext& context, const ParsedArgs& args);
    static int runBacktest(CommandContext& context, const ParsedArgs& args);

    // --horizon, --season, --model, --level into options; an exit code when one is malformed.
    static std::optional<int> readOptions(CommandContext& context, const ParsedArgs& args,
                                          core::forecast::ForecastOptions& options);
};

} // namespace segctl
