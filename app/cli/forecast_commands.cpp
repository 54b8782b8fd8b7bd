#include "forecast_commands.h"

#include <cmath>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "command_context.h"
#include "export/atomic_file.h"
#include "forecast/backtester.h"
#include "forecast/forecaster.h"
#include "forecast/segment_series.h"
#include "forecast/series_csv.h"
#include "parsed_args.h"
#include "text_table.h"

namespace segctl {

namespace {

using core::forecast::Backtest;
using core::forecast::ForecastOptions;
using core::forecast::MethodScore;
using core::forecast::SeriesCsv;

const QString kInput = QStringLiteral("input");
const QString kHorizon = QStringLiteral("horizon");
const QString kSeason = QStringLiteral("season");
const QString kModel = QStringLiteral("model");
const QString kLevel = QStringLiteral("level");

QList<OptionSpec> sharedOptions()
{
    return {
        {kInput,
         QStringLiteral("FILE.csv"),
         QStringLiteral("the series: a header, then date (YYYY-MM-DD) or period number, and value"),
         {}},
        {kHorizon, QStringLiteral("H"), QStringLiteral("steps to forecast (required)"), {}},
        {kSeason,
         QStringLiteral("M"),
         QStringLiteral("seasonal period (default: 7 for dates, detected for periods; 1: none)"),
         {}},
        {kModel,
         QStringLiteral("MODEL"),
         QStringLiteral("auto (default), an ETS code such as ANN, AAN, AAdN, ANA, AAdA, MNM, MAM, MAdM, or "
                        "snaive/naive"),
         {}},
        {kLevel,
         QStringLiteral("L1,L2"),
         QStringLiteral("prediction-interval levels in percent (default: 80,95)"),
         {}},
    };
}

// A whole number >= minimum from an option, or a usage error.
std::optional<int> wholeNumber(CommandContext& context, const ParsedArgs& args, const QString& name,
                               int minimum, int& target)
{
    if (!args.isSet(name))
        return std::nullopt;
    bool ok = false;
    const int value = args.value(name).toInt(&ok);
    if (!ok || value < minimum)
        return context.usageError(QStringLiteral("--%1 needs a whole number of %2 or more, not “%3”")
                                      .arg(name)
                                      .arg(minimum)
                                      .arg(args.value(name)));
    target = value;
    return std::nullopt;
}

core::Result<core::forecast::TimeSeries> readSeries(const QString& path)
{
    auto bytes = CommandContext::readFile(path);
    if (!bytes)
        return bytes.error();
    auto series = SeriesCsv::read(bytes.value());
    if (!series) {
        core::Error e = series.error();
        e.userMessage = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), e.userMessage);
        return e;
    }
    return series;
}

core::Result<core::forecast::TimeSeries> readSegment(CommandContext& context, const QString& segmentId,
                                                     const QString& metricName, QDate through)
{
    auto metric = core::forecast::SegmentSeries::parseMetric(metricName);
    if (!metric)
        return metric.error();
    auto store = context.metrics();
    if (!store)
        return store.error();
    return CommandContext::await(
        core::forecast::SegmentSeries::read(*store.value(), segmentId, metric.value(), through));
}

QString percent(double share)
{
    return std::isnan(share) ? QStringLiteral("-")
                             : QString::number(100.0 * share, 'f', 1) + QLatin1Char('%');
}

QString number(double value, int decimals)
{
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("-");
}

// "ETS(M,N,M) x3, ETS(M,A,M) x1".
QString modelCounts(const QStringList& models)
{
    QStringList distinct;
    for (const QString& m : models) {
        if (!distinct.contains(m))
            distinct.append(m);
    }
    QStringList parts;
    for (const QString& m : distinct)
        parts.append(QStringLiteral("%1 ×%2").arg(m).arg(models.count(m)));
    return parts.join(QStringLiteral(", "));
}

QJsonObject scoreJson(const MethodScore& s)
{
    QJsonObject coverage;
    for (const auto& c : s.coverage)
        coverage.insert(SeriesCsv::formatLevel(c.level), c.share);
    return QJsonObject{{QStringLiteral("smape"), s.smape},
                       {QStringLiteral("mase"), s.mase},
                       {QStringLiteral("coverage"), coverage},
                       {QStringLiteral("points"), s.points},
                       {QStringLiteral("models"), QJsonArray::fromStringList(s.models)}};
}

QString backtestTable(const Backtest& b, const QList<double>& levels)
{
    QString out =
        QStringLiteral("Backtest: %1 origins, %2 steps ahead each, %3 apart; season %4; %5 points\n\n")
            .arg(b.origins)
            .arg(b.horizon)
            .arg(b.step)
            .arg(b.seasonPeriod)
            .arg(b.model.points);
    QStringList headers{QStringLiteral("METHOD"), QStringLiteral("SMAPE"), QStringLiteral("MASE")};
    for (double level : levels)
        headers.append(QStringLiteral("COVER%1").arg(SeriesCsv::formatLevel(level)));
    headers.append(QStringLiteral("MODELS"));
    TextTable table(headers);
    for (int c = 1; c < headers.size() - 1; ++c)
        table.setAlign(c, TextTable::Align::Right);
    for (const auto& [name, score] :
         {std::pair<QString, const MethodScore*>{QStringLiteral("model"), &b.model},
          {QStringLiteral("seasonal naive"), &b.seasonalNaive}}) {
        QStringList row{name, number(score->smape, 2), number(score->mase, 3)};
        for (double level : levels)
            row.append(percent(score->coverageAt(level)));
        row.append(modelCounts(score->models));
        table.addRow(row);
    }
    out += table.render();
    const double ratio = b.maseRatio();
    out +=
        QStringLiteral("\nMASE ratio (model / seasonal naive): %1 — %2\n")
            .arg(number(ratio, 3), !std::isfinite(ratio) ? QStringLiteral("not defined for this series.")
                                   : ratio < 1.0         ? QStringLiteral("the model beats seasonal naive.")
                                                 : QStringLiteral("the model does not beat seasonal naive."));
    return out;
}

} // namespace

QList<CommandSpec> ForecastCommands::specs()
{
    return {forecastSpec(), backtestSpec()};
}

CommandSpec ForecastCommands::forecastSpec()
{
    QList<OptionSpec> options = sharedOptions();
    options.append({QStringLiteral("output"),
                    QStringLiteral("FILE.csv"),
                    QStringLiteral("write the forecast there (default: standard output)"),
                    {}});
    options.append({QStringLiteral("segment"),
                    QStringLiteral("ID"),
                    QStringLiteral("forecast a segment's daily metric from the workspace (or Databricks)"),
                    {}});
    options.append(
        {QStringLiteral("end-date"),
         QStringLiteral("YYYY-MM-DD"),
         QStringLiteral("with --segment: the last day the metrics cover (default: the segment's last "
                        "day with events; days between count as zero)"),
         {}});
    options.append(
        {QStringLiteral("metric"),
         QStringLiteral("NAME"),
         QStringLiteral("with --segment: the metric (default: impressions)"),
         {QStringLiteral("impressions"), QStringLiteral("clicks"), QStringLiteral("conversions")}});
    return CommandSpec{
        {QStringLiteral("forecast")},
        QStringLiteral("Forecast a series with prediction intervals"),
        QStringLiteral(
            "Forecasts the next H steps of a daily or numbered series (--input FILE.csv), or of a segment's "
            "daily metric (--segment ID). The model is chosen automatically "
            "among exponential-smoothing models (error A|M, trend N|A|Ad, season N|A|M) by AICc unless "
            "--model names one. Missing dates are stepped over, never closed up; one-off spikes are left "
            "out of the fit. Output columns: date (or period), forecast, then lo and hi for each level. "
            "The chosen model goes to stderr."),
        {},
        options,
        {QStringLiteral("segctl forecast --input impressions.csv --horizon 14"),
         QStringLiteral("segctl forecast --input sales.csv --horizon 12 --season 12 --model MAdM --level 90 "
                        "--output forecast.csv"),
         QStringLiteral(
             "segctl forecast --segment 3f2c... --metric impressions --end-date 2026-01-31 --horizon 28")},
        &ForecastCommands::runForecast};
}

CommandSpec ForecastCommands::backtestSpec()
{
    QList<OptionSpec> options = sharedOptions();
    options.append({QStringLiteral("origins"),
                    QStringLiteral("K"),
                    QStringLiteral("forecast origins to evaluate (default: 4)"),
                    {}});
    options.append({QStringLiteral("step"),
                    QStringLiteral("N"),
                    QStringLiteral("steps between origins (default: the seasonal period)"),
                    {}});
    options.append({QStringLiteral("format"),
                    QStringLiteral("FORMAT"),
                    QStringLiteral("output format (default: table)"),
                    {QStringLiteral("table"), QStringLiteral("json")}});
    return CommandSpec{
        {QStringLiteral("backtest")},
        QStringLiteral("Measure forecast accuracy on the series' own history"),
        QStringLiteral(
            "Rolling-origin evaluation: at each of K origins (the last H steps before the end, then "
            "each N steps earlier) the model is fitted on the data before the origin and scored on "
            "the H values after it, and so is seasonal naive. Prints sMAPE, MASE (scaled by the "
            "in-sample seasonal-naive error) and the share of values inside each prediction "
            "interval."),
        {},
        options,
        {QStringLiteral("segctl backtest --input impressions.csv --horizon 14"),
         QStringLiteral(
             "segctl backtest --input sales.csv --horizon 12 --season 12 --origins 6 --format json")},
        &ForecastCommands::runBacktest,
        CommandSpec::Backend::LocalOnly};
}

std::optional<int> ForecastCommands::readOptions(CommandContext& context, const ParsedArgs& args,
                                                 ForecastOptions& options)
{
    if (!args.isSet(kHorizon))
        return context.usageError(
            QStringLiteral("--horizon H is required — run `segctl --help` for the commands"));
    if (auto exit = wholeNumber(context, args, kHorizon, 1, options.horizon))
        return exit;
    if (auto exit = wholeNumber(context, args, kSeason, 1, options.seasonPeriod))
        return exit;
    if (args.isSet(kModel)) {
        auto model = core::forecast::ModelChoice::parse(args.value(kModel));
        if (!model)
            return context.usageError(QStringLiteral("--model: ") + model.error().userMessage);
        options.model = model.value();
    }
    if (args.isSet(kLevel)) {
        auto levels = ForecastOptions::parseLevels(args.value(kLevel));
        if (!levels)
            return context.usageError(QStringLiteral("--level: ") + levels.error().userMessage);
        options.levels = levels.value();
    }
    if (auto valid = options.validate(); !valid)
        return context.usageError(valid.error().userMessage);
    return std::nullopt;
}

int ForecastCommands::runForecast(CommandContext& context, const ParsedArgs& args)
{
    const bool fromFile = args.isSet(kInput);
    const bool fromSegment = args.isSet(QStringLiteral("segment"));
    if (fromFile == fromSegment)
        return context.usageError(
            QStringLiteral("give either --input FILE.csv or --segment ID — run `segctl forecast --help`"));
    if (args.isSet(QStringLiteral("metric")) && !fromSegment)
        return context.usageError(
            QStringLiteral("--metric goes with --segment; --input files hold one series"));
    if (fromFile && context.usesDatabricks())
        return context.usageError(QStringLiteral("--profile and --host choose where --segment reads from; "
                                                 "they do not apply to --input"));
    ForecastOptions options;
    if (auto exit = readOptions(context, args, options))
        return *exit;

    QDate through;
    if (args.isSet(QStringLiteral("end-date"))) {
        through = QDate::fromString(args.value(QStringLiteral("end-date")), Qt::ISODate);
        if (!fromSegment || !through.isValid())
            return context.usageError(
                QStringLiteral("--end-date takes a date such as 2026-01-31 and goes with --segment, not “%1”")
                    .arg(args.value(QStringLiteral("end-date"))));
    }
    auto series =
        fromFile ? readSeries(args.value(kInput))
                 : readSegment(context, args.value(QStringLiteral("segment")),
                               args.value(QStringLiteral("metric"), QStringLiteral("impressions")), through);
    if (!series)
        return context.fail(series.error());
    auto forecast = core::forecast::Forecaster::fit(series.value(), options);
    if (!forecast)
        return context.fail(forecast.error());
    const auto& f = forecast.value();

    QString line = QStringLiteral("segctl: model %1 (season %2").arg(f.model).arg(f.seasonPeriod);
    if (f.ets)
        line += QStringLiteral(", AICc %1").arg(f.ets->criteria.aicc, 0, 'f', 2);
    if (f.candidates.size() > 1)
        line += QStringLiteral(", chosen among %1 by AICc").arg(f.candidates.size());
    printErrorLine(line + QLatin1Char(')'));
    for (const QString& note : f.notes)
        printErrorLine(QStringLiteral("segctl: note: ") + note);

    const QByteArray csv = SeriesCsv::writeForecast(f);
    if (!args.isSet(QStringLiteral("output"))) {
        context.write(csv);
        return 0;
    }
    const QString output = args.value(QStringLiteral("output"));
    if (auto written = core::writeFileAtomically(output, csv); !written)
        return context.fail(written.error());
    context.print(QStringLiteral("Wrote %1 forecast steps to %2.\n")
                      .arg(f.horizon())
                      .arg(QDir::toNativeSeparators(output)));
    return 0;
}

int ForecastCommands::runBacktest(CommandContext& context, const ParsedArgs& args)
{
    if (!args.isSet(kInput))
        return context.usageError(
            QStringLiteral("--input FILE.csv is required — run `segctl backtest --help`"));
    core::forecast::BacktestOptions options;
    if (auto exit = readOptions(context, args, options.forecast))
        return *exit;
    if (auto exit = wholeNumber(context, args, QStringLiteral("origins"), 1, options.origins))
        return *exit;
    if (auto exit = wholeNumber(context, args, QStringLiteral("step"), 1, options.step))
        return *exit;
    auto series = readSeries(args.value(kInput));
    if (!series)
        return context.fail(series.error());
    auto backtest = core::forecast::Backtester::run(series.value(), options);
    if (!backtest)
        return context.fail(backtest.error());
    const Backtest& b = backtest.value();
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        const QJsonObject o{{QStringLiteral("horizon"), b.horizon},
                            {QStringLiteral("origins"), b.origins},
                            {QStringLiteral("step"), b.step},
                            {QStringLiteral("season"), b.seasonPeriod},
                            {QStringLiteral("mase_ratio"), b.maseRatio()},
                            {QStringLiteral("model"), scoreJson(b.model)},
                            {QStringLiteral("seasonal_naive"), scoreJson(b.seasonalNaive)}};
        context.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
        return 0;
    }
    context.print(backtestTable(b, options.forecast.levels));
    return 0;
}

} // namespace segctl
