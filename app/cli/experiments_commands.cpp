#include "experiments_commands.h"

#include "domain/money.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <spdlog/spdlog.h>

#include "backends/backend.h"
#include "command_context.h"
#include "domain/experiment_json.h"
#include "export/csv_writer.h"
#include "experiments/experiment_results.h"
#include "experiments/sample_size_planner.h"
#include "logging/logging.h"
#include "parsed_args.h"
#include "segment_printer.h"
#include "text_table.h"

namespace segctl {

namespace {

using Open = CommandContext::Open;

QString thousands(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

QString spendText(qint64 micros, const QString& currency)
{
    return core::Money::format(static_cast<double>(micros) / 1e6, currency, QLocale(QLocale::English));
}

// "control=50,treatment=50" → arms; a usage error message otherwise.
core::Result<QList<core::ExperimentArm>> parseArms(const QString& text)
{
    QList<core::ExperimentArm> out;
    for (const QString& part : text.split(QLatin1Char(','))) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        bool ok = false;
        const int weight = eq > 0 ? part.mid(eq + 1).trimmed().toInt(&ok) : 0;
        if (eq <= 0 || !ok)
            return core::Error::validation(
                QStringLiteral("arms_malformed"),
                QStringLiteral("--arms needs name=weight pairs separated by commas, such as control=50,treatment=50; "
                               "“%1” is not one")
                    .arg(part));
        out.append(core::ExperimentArm{part.left(eq).trimmed(), weight});
    }
    return out;
}

// A date option, or fallback when it is not given; false (after a usage error) when malformed.
bool dateOption(CommandContext& context, const ParsedArgs& args, const QString& name, QDate fallback, QDate* out,
                int* exitCode)
{
    if (!args.isSet(name)) {
        *out = fallback;
        return true;
    }
    *out = QDate::fromString(args.value(name), Qt::ISODate);
    if (out->isValid())
        return true;
    *exitCode = context.usageError(
        QStringLiteral("--%1 needs a date such as 2026-03-01, not “%2”").arg(name, args.value(name)));
    return false;
}

// A number option ("0.05", or "5%" for 0.05 where percentOfOne); false after a usage error.
bool numberOption(CommandContext& context, const ParsedArgs& args, const QString& name, bool percentOfOne,
                  double* out, int* exitCode)
{
    if (!args.isSet(name))
        return true;
    QString text = args.value(name).trimmed();
    double scale = 1;
    if (percentOfOne && text.endsWith(QLatin1Char('%'))) {
        text.chop(1);
        scale = 0.01;
    }
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        *exitCode = context.usageError(QStringLiteral("--%1 needs a number, not “%2”").arg(name, args.value(name)));
        return false;
    }
    *out = value * scale;
    return true;
}

// The experiment store of the chosen backend.
core::Result<core::ExperimentStore*> experimentStore(CommandContext& context, Open mode)
{
    auto backend = context.backend(mode);
    if (!backend)
        return backend.error();
    return &backend.value()->experiments();
}

QString segmentName(CommandContext& context, const QString& segmentId)
{
    auto store = context.store(Open::ExistingOnly);
    if (!store)
        return QString();
    auto segment = CommandContext::await(store.value()->getSegment(segmentId));
    return segment ? segment.value().name : QString();
}

QString armsText(const core::Experiment& e)
{
    QStringList parts;
    for (const auto& a : e.arms)
        parts << QStringLiteral("%1=%2").arg(a.name).arg(a.weight);
    return parts.join(QLatin1Char(','));
}

QString details(const core::Experiment& e, const QString& segment)
{
    QString out;
    const auto line = [&out](const QString& label, const QString& value) {
        out += QStringLiteral("%1 %2\n").arg(label + QLatin1Char(':'), -16).arg(value);
    };
    line(QStringLiteral("Experiment"), e.name);
    line(QStringLiteral("Id"), e.id);
    line(QStringLiteral("Status"), core::experimentStatusKey(e.status));
    line(QStringLiteral("Segment"), segment.isEmpty() ? e.segmentId : QStringLiteral("%1 (%2)").arg(segment, e.segmentId));
    line(QStringLiteral("Advertiser"), e.advertiserId);
    line(QStringLiteral("Key"), e.key);
    line(QStringLiteral("Seed"), e.seed.isEmpty() ? QStringLiteral("the key") : e.seed);
    line(QStringLiteral("Arms"), armsText(e) + QStringLiteral(" (the first is the control)"));
    line(QStringLiteral("Holdout"), QStringLiteral("%1 % of the members, in no arm").arg(e.holdoutPercent));
    line(QStringLiteral("Metric"), core::experimentMetricLabel(e.primaryMetric));
    line(QStringLiteral("Dates"), QStringLiteral("%1 to %2").arg(e.startDate.toString(Qt::ISODate),
                                                                e.endDate.isValid() ? e.endDate.toString(Qt::ISODate)
                                                                                    : QStringLiteral("open")));
    line(QStringLiteral("Version"), QString::number(e.version));
    line(QStringLiteral("Created"), QStringLiteral("%1 by %2").arg(SegmentPrinter::shortTime(e.createdAt), e.createdBy));
    line(QStringLiteral("Updated"), QStringLiteral("%1 by %2").arg(SegmentPrinter::shortTime(e.updatedAt), e.updatedBy));
    return out;
}

QJsonValue finite(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QString verdictKey(core::ExperimentComparison::Verdict v)
{
    switch (v) {
    case core::ExperimentComparison::Verdict::TooEarly: return QStringLiteral("too_early");
    case core::ExperimentComparison::Verdict::Better: return QStringLiteral("better");
    case core::ExperimentComparison::Verdict::Worse: return QStringLiteral("worse");
    case core::ExperimentComparison::Verdict::Promising: return QStringLiteral("promising");
    case core::ExperimentComparison::Verdict::NoClearDifference: return QStringLiteral("no_clear_difference");
    }
    return {};
}

QJsonObject readoutJson(const core::Experiment& e, const core::ExperimentData& data, const core::ExperimentReadout& r)
{
    const auto date = [](const QDate& d) { return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(); };
    QJsonArray arms;
    for (const auto& a : r.arms)
        arms.append(QJsonObject{{QStringLiteral("arm"), a.name},
                                {QStringLiteral("index"), a.arm},
                                {QStringLiteral("users"), a.totals.users},
                                {QStringLiteral("impressions"), a.totals.impressions},
                                {QStringLiteral("clicks"), a.totals.clicks},
                                {QStringLiteral("conversions"), a.totals.conversions},
                                {QStringLiteral("spend"), std::round(static_cast<double>(a.totals.spendMicros) / 1e4) / 100.0},
                                {QStringLiteral("value"), a.hasValue ? finite(a.value) : QJsonValue()},
                                {QStringLiteral("low"), a.hasValue ? finite(a.low) : QJsonValue()},
                                {QStringLiteral("high"), a.hasValue ? finite(a.high) : QJsonValue()}});
    QJsonArray comparisons;
    for (const auto& c : r.comparisons) {
        const core::ArmVsControl& s = c.statistics;
        comparisons.append(QJsonObject{
            {QStringLiteral("arm"), c.name},
            {QStringLiteral("verdict"), verdictKey(c.verdict)},
            {QStringLiteral("control_value"), finite(s.test.rateControl)},
            {QStringLiteral("treatment_value"), finite(s.test.rateTreatment)},
            {QStringLiteral("absolute_lift"), finite(s.test.difference)},
            {QStringLiteral("absolute_low"), finite(s.test.ciLow)},
            {QStringLiteral("absolute_high"), finite(s.test.ciHigh)},
            {QStringLiteral("relative_lift"), finite(s.test.relativeLift)},
            {QStringLiteral("relative_low"), finite(s.relativeLow)},
            {QStringLiteral("relative_high"), finite(s.relativeHigh)},
            {QStringLiteral("p_value"), finite(s.test.pValue)},
            {QStringLiteral("holm_p_value"), finite(c.adjustedPValue)},
            {QStringLiteral("chance_to_beat_control"), finite(s.chanceToWin)},
            {QStringLiteral("sequential_relative_low"), finite(s.sequentialRelativeLow)},
            {QStringLiteral("sequential_relative_high"), finite(s.sequentialRelativeHigh)},
            {QStringLiteral("sequential_absolute_low"), finite(s.sequentialAbsoluteLow)},
            {QStringLiteral("sequential_absolute_high"), finite(s.sequentialAbsoluteHigh)},
            {QStringLiteral("sentence"), c.sentence}});
    }
    QJsonArray days;
    for (const auto& d : r.days)
        days.append(QJsonObject{{QStringLiteral("day"), d.day.toString(Qt::ISODate)},
                                {QStringLiteral("arm"), e.armName(d.arm)},
                                {QStringLiteral("relative_lift"), d.defined ? finite(d.relativeLift) : QJsonValue()},
                                {QStringLiteral("sequential_low"), d.defined ? finite(d.sequentialLow) : QJsonValue()},
                                {QStringLiteral("sequential_high"), d.defined ? finite(d.sequentialHigh) : QJsonValue()}});
    return QJsonObject{
        {QStringLiteral("experiment"), core::ExperimentJson::toJson(e)},
        {QStringLiteral("metric"), core::experimentMetricKey(r.metric)},
        {QStringLiteral("first_day"), date(r.firstDay)},
        {QStringLiteral("last_day"), date(r.lastDay)},
        {QStringLiteral("data_as_of"), date(data.asOf)},
        {QStringLiteral("headline"), r.headline},
        {QStringLiteral("sample_ratio"),
         QJsonObject{{QStringLiteral("chi_square"), finite(r.sampleRatio.chiSquare)},
                     {QStringLiteral("p_value"), finite(r.sampleRatio.pValue)},
                     {QStringLiteral("enough_units"), r.sampleRatio.enoughUnits},
                     {QStringLiteral("warning"), r.sampleRatio.warning},
                     {QStringLiteral("sentence"), r.sampleRatioSentence}}},
        {QStringLiteral("too_early"), r.tooEarly},
        {QStringLiteral("arms"), arms},
        {QStringLiteral("comparisons"), comparisons},
        {QStringLiteral("days"), days},
    };
}

QString readoutText(const core::Experiment& e, const QString& segment, const core::ExperimentData& data,
                    const core::ExperimentReadout& r, const QString& currency)
{
    QString out = QStringLiteral("Experiment “%1” (key %2) on %3 — %4\n")
                      .arg(e.name, e.key, segment.isEmpty() ? e.segmentId : QStringLiteral("“%1”").arg(segment),
                           core::experimentMetricLabel(e.primaryMetric));
    out += r.lastDay.isValid()
               ? QStringLiteral("Days %1 to %2 (data up to %3)\n")
                     .arg(r.firstDay.toString(Qt::ISODate), r.lastDay.toString(Qt::ISODate),
                          data.asOf.toString(Qt::ISODate))
               : QStringLiteral("From %1; no day with data yet\n").arg(e.startDate.toString(Qt::ISODate));
    out += QLatin1Char('\n') + r.headline + QStringLiteral("\n\n");
    TextTable table({QStringLiteral("ARM"), QStringLiteral("PEOPLE"), QStringLiteral("IMPRESSIONS"),
                     QStringLiteral("CLICKS"), QStringLiteral("CONVERSIONS"), QStringLiteral("SPEND"),
                     core::experimentMetricLabel(e.primaryMetric).toUpper(), QStringLiteral("95% INTERVAL")});
    for (int c = 1; c <= 6; ++c)
        table.setAlign(c, TextTable::Align::Right);
    for (const auto& a : r.arms) {
        const auto value = [&](double v) {
            return e.primaryMetric == core::ExperimentMetric::SpendPerUser
                       ? core::Money::format(v, currency, QLocale(QLocale::English))
                       : core::ExperimentResults::formatValue(e.primaryMetric, v);
        };
        table.addRow({a.name, thousands(a.totals.users), thousands(a.totals.impressions), thousands(a.totals.clicks),
                      thousands(a.totals.conversions), spendText(a.totals.spendMicros, currency),
                      a.hasValue ? value(a.value) : QStringLiteral("–"),
                      a.hasValue ? QStringLiteral("%1 – %2").arg(value(a.low), value(a.high)) : QString()});
    }
    out += table.render() + QLatin1Char('\n');
    for (const QString& sentence : r.sentences)
        out += sentence + QLatin1Char('\n');
    return out;
}

} // namespace

QList<CommandSpec> ExperimentsCommands::specs()
{
    const OptionSpec format{QStringLiteral("format"),
                            QStringLiteral("FORMAT"),
                            QStringLiteral("output format (default: table)"),
                            {QStringLiteral("table"), QStringLiteral("json")}};
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("experiments"), QStringLiteral("create")},
        QStringLiteral("Create an A/B experiment on a segment"),
        QStringLiteral(
            "Splits the current members of a saved segment into 2–6 arms (the first is the control) and a "
            "holdout that gets none, with GrowthBook's deterministic hash of the key (or --seed): a person lands in "
            "the same arm here and in the advertiser's GrowthBook experiments with the same key.\n"
            "Weights are whole percents adding up to 100; the holdout is taken before the arms (below 100 %). The "
            "key must be unique in the workspace: letters, digits, - _ and . only. The experiment runs from "
            "--start (default: today, UTC) to --end (default: open).\n"
            "Bad input is refused with the reason and nothing is stored (exit code 2); a key already used is a "
            "conflict (exit code 4). Prints the experiment, its id on the last line."),
        {},
        {{QStringLiteral("segment"), QStringLiteral("ID"), QStringLiteral("the segment whose members are split (required)"), {}},
         {QStringLiteral("name"), QStringLiteral("NAME"), QStringLiteral("the experiment's name (required)"), {}},
         {QStringLiteral("key"), QStringLiteral("KEY"), QStringLiteral("its tracking key, the hash seed (required)"), {}},
         {QStringLiteral("arms"), QStringLiteral("ARMS"),
          QStringLiteral("name=weight,... (required), e.g. control=50,treatment=50"), {}},
         {QStringLiteral("holdout"), QStringLiteral("PERCENT"), QStringLiteral("members held out of every arm (default 0)"), {}},
         {QStringLiteral("seed"), QStringLiteral("SEED"), QStringLiteral("hash seed other than the key (GrowthBook's hashAttribute seed)"), {}},
         {QStringLiteral("metric"), QStringLiteral("METRIC"), QStringLiteral("primary metric (default: ctr)"),
          core::experimentMetricKeys()},
         {QStringLiteral("start"), QStringLiteral("DATE"), QStringLiteral("first day (default: today, UTC)"), {}},
         {QStringLiteral("end"), QStringLiteral("DATE"), QStringLiteral("last day (default: open)"), {}},
         {QStringLiteral("draft"), {}, QStringLiteral("create it as a draft (its split can still change)"), {}}},
        {QStringLiteral("segctl experiments create --segment 6f1c2d3e-0000-4000-8000-000000000001 --name \"Spring banner\" "
                        "--key spring-banner --arms control=50,treatment=50 --holdout 10 --metric ctr --start 2026-03-01")},
        &ExperimentsCommands::create});
    out.append(CommandSpec{
        {QStringLiteral("experiments"), QStringLiteral("list")},
        QStringLiteral("List the experiments, newest first"),
        QStringLiteral("Lists the workspace's experiments (of one advertiser or one segment with the options)."),
        {},
        {{QStringLiteral("advertiser"), QStringLiteral("ID"), QStringLiteral("only this advertiser's experiments"), {}},
         {QStringLiteral("segment"), QStringLiteral("ID"), QStringLiteral("only this segment's experiments"), {}},
         format},
        {QStringLiteral("segctl experiments list --advertiser adv-northwind")},
        &ExperimentsCommands::list});
    out.append(CommandSpec{
        {QStringLiteral("experiments"), QStringLiteral("show")},
        QStringLiteral("Show one experiment"),
        QStringLiteral("Shows an experiment's fields, or its JSON form."),
        {{QStringLiteral("ID"), QStringLiteral("the experiment's id")}},
        {{QStringLiteral("format"), QStringLiteral("FORMAT"), QStringLiteral("output format (default: text)"),
          {QStringLiteral("text"), QStringLiteral("json")}}},
        {QStringLiteral("segctl experiments show 9a8b7c6d-0000-4000-8000-000000000017 --format json")},
        &ExperimentsCommands::show});
    out.append(CommandSpec{
        {QStringLiteral("experiments"), QStringLiteral("assignments")},
        QStringLiteral("Print who is in which arm"),
        QStringLiteral(
            "One row per current member of the experiment's segment (the people its reach counts), by user_id: "
            "user_id and arm — the arm's name, or holdout. Computed where the data is, with the same hash in SQL."),
        {{QStringLiteral("ID"), QStringLiteral("the experiment's id")}},
        {{QStringLiteral("format"), QStringLiteral("FORMAT"), QStringLiteral("output format (default: csv)"),
          {QStringLiteral("csv"), QStringLiteral("json")}}},
        {QStringLiteral("segctl experiments assignments 9a8b7c6d-0000-4000-8000-000000000017 > arms.csv")},
        &ExperimentsCommands::assignments});
    out.append(CommandSpec{
        {QStringLiteral("experiments"), QStringLiteral("results")},
        QStringLiteral("Read an experiment: split check, lifts, chance to win"),
        QStringLiteral(
            "Per arm and holdout: people, impressions, clicks, conversions, spend and the primary metric with its "
            "95 % interval over the experiment's days. First the sample-ratio check (are the arms the sizes the "
            "weights say? a warning below p = 0.001 means do not trust the rest), then \"too early\" until every "
            "arm has the minimum data, then each arm against the control: absolute and relative lift with "
            "intervals and p-value (Holm-corrected across arms), the chance to beat the control (GrowthBook's "
            "Bayesian engine) and an always-valid interval that stays honest when you look every day."),
        {{QStringLiteral("ID"), QStringLiteral("the experiment's id")}},
        {{QStringLiteral("format"), QStringLiteral("FORMAT"), QStringLiteral("output format (default: text)"),
          {QStringLiteral("text"), QStringLiteral("json")}}},
        {QStringLiteral("segctl experiments results 9a8b7c6d-0000-4000-8000-000000000017"),
         QStringLiteral("segctl experiments results 9a8b7c6d-0000-4000-8000-000000000017 --format json")},
        &ExperimentsCommands::results});
    out.append(CommandSpec{
        {QStringLiteral("experiments"), QStringLiteral("size")},
        QStringLiteral("People needed per arm to detect an effect"),
        QStringLiteral(
            "The sample size per arm for two proportions with equal arms (two-sided test): "
            "n = (z₁₋α/₂·√(2p̄(1−p̄)) + z₁₋β·√(p₁(1−p₁)+p₂(1−p₂)))² / (p₂−p₁)², rounded up. The baseline is a "
            "rate (0.05 or 5%); the minimum detectable effect is absolute (0.005: +0.5 points) or, with "
            "--relative, a share of the baseline (0.1: +10 %). Needs no workspace."),
        {},
        {{QStringLiteral("baseline"), QStringLiteral("RATE"), QStringLiteral("the control's rate (required)"), {}},
         {QStringLiteral("mde"), QStringLiteral("EFFECT"), QStringLiteral("the smallest change worth detecting (required)"), {}},
         {QStringLiteral("relative"), {}, QStringLiteral("the effect is relative to the baseline"), {}},
         {QStringLiteral("alpha"), QStringLiteral("A"), QStringLiteral("significance level (default 0.05)"), {}},
         {QStringLiteral("power"), QStringLiteral("B"), QStringLiteral("power (default 0.8)"), {}},
         {QStringLiteral("arms"), QStringLiteral("K"), QStringLiteral("arms including the control (default 2)"), {}}},
        {QStringLiteral("segctl experiments size --baseline 0.05 --mde 0.005"),
         QStringLiteral("segctl experiments size --baseline 2% --mde 0.1 --relative --arms 3")},
        &ExperimentsCommands::size});
    out.append(CommandSpec{
        {QStringLiteral("experiments"), QStringLiteral("stop")},
        QStringLiteral("Stop an experiment"),
        QStringLiteral("Stops the experiment: its end date becomes today (UTC) unless it ended earlier, and it no "
                       "longer changes. With --version the stop is refused (exit code 4) if it changed since."),
        {{QStringLiteral("ID"), QStringLiteral("the experiment's id")}},
        {{QStringLiteral("version"), QStringLiteral("N"), QStringLiteral("the version you expect to stop"), {}}},
        {QStringLiteral("segctl experiments stop 9a8b7c6d-0000-4000-8000-000000000017")},
        &ExperimentsCommands::stop});
    return out;
}

int ExperimentsCommands::create(CommandContext& context, const ParsedArgs& args)
{
    for (const char* required : {"segment", "name", "key", "arms"}) {
        if (!args.isSet(QLatin1String(required)) || args.value(QLatin1String(required)).isEmpty())
            return context.usageError(
                QStringLiteral("`segctl experiments create` needs --%1 — run `segctl experiments create --help`")
                    .arg(QLatin1String(required)));
    }
    core::Experiment draft;
    draft.segmentId = args.value(QStringLiteral("segment")).trimmed();
    draft.name = args.value(QStringLiteral("name"));
    draft.key = args.value(QStringLiteral("key"));
    draft.seed = args.value(QStringLiteral("seed"));
    auto arms = parseArms(args.value(QStringLiteral("arms")));
    if (!arms)
        return context.usageError(arms.error().userMessage);
    draft.arms = arms.value();
    int exitCode = 0;
    if (!numberOption(context, args, QStringLiteral("holdout"), false, &draft.holdoutPercent, &exitCode))
        return exitCode;
    if (!dateOption(context, args, QStringLiteral("start"), QDateTime::currentDateTimeUtc().date(), &draft.startDate,
                    &exitCode) ||
        !dateOption(context, args, QStringLiteral("end"), QDate(), &draft.endDate, &exitCode))
        return exitCode;
    draft.primaryMetric = core::experimentMetricFromKey(args.value(QStringLiteral("metric"), QStringLiteral("ctr")))
                              .value_or(core::ExperimentMetric::Ctr);
    draft.status = args.isSet(QStringLiteral("draft")) ? core::ExperimentStatus::Draft : core::ExperimentStatus::Running;
    auto store = experimentStore(context, Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    auto created = CommandContext::await(store.value()->create(draft, context.userName()));
    if (!created)
        return context.fail(created.error());
    core::logging::logger("segctl")->info("created experiment {} (key {})", created.value().id.toStdString(),
                                          created.value().key.toStdString());
    context.print(details(created.value(), segmentName(context, created.value().segmentId)) + created.value().id +
                  QLatin1Char('\n'));
    return 0;
}

int ExperimentsCommands::list(CommandContext& context, const ParsedArgs& args)
{
    auto store = experimentStore(context, Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    core::ExperimentQuery query;
    query.advertiserId = args.value(QStringLiteral("advertiser"));
    query.segmentId = args.value(QStringLiteral("segment"));
    auto listed = CommandContext::await(store.value()->list(query));
    if (!listed)
        return context.fail(listed.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray out;
        for (const auto& e : listed.value())
            out.append(core::ExperimentJson::toJson(e));
        context.write(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (listed.value().isEmpty()) {
        context.print(QStringLiteral("No experiments.\n"));
        return 0;
    }
    TextTable table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("KEY"), QStringLiteral("STATUS"),
                     QStringLiteral("SEGMENT"), QStringLiteral("ARMS"), QStringLiteral("HOLDOUT"),
                     QStringLiteral("METRIC"), QStringLiteral("START"), QStringLiteral("END")});
    for (const auto& e : listed.value())
        table.addRow({e.id, e.name, e.key, core::experimentStatusKey(e.status), e.segmentId, armsText(e),
                      QStringLiteral("%1%").arg(e.holdoutPercent), core::experimentMetricKey(e.primaryMetric),
                      e.startDate.toString(Qt::ISODate), e.endDate.isValid() ? e.endDate.toString(Qt::ISODate) : QString()});
    context.print(table.render());
    return 0;
}

int ExperimentsCommands::show(CommandContext& context, const ParsedArgs& args)
{
    auto store = experimentStore(context, Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    auto e = CommandContext::await(store.value()->get(args.positional(0)));
    if (!e)
        return context.fail(e.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json"))
        context.write(QJsonDocument(core::ExperimentJson::toJson(e.value())).toJson(QJsonDocument::Indented));
    else
        context.print(details(e.value(), segmentName(context, e.value().segmentId)));
    return 0;
}

int ExperimentsCommands::assignments(CommandContext& context, const ParsedArgs& args)
{
    auto store = experimentStore(context, Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    const QString id = args.positional(0);
    auto e = CommandContext::await(store.value()->get(id));
    if (!e)
        return context.fail(e.error());
    auto rows = CommandContext::await(store.value()->assignments(id));
    if (!rows)
        return context.fail(rows.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray out;
        for (const auto& r : rows.value())
            out.append(QJsonObject{{QStringLiteral("user_id"), r.userId}, {QStringLiteral("arm"), e.value().armName(r.arm)}});
        context.write(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    core::CsvWriter csv; // user ids are the warehouse's text: guarded against formulas
    csv.writeRow({QStringLiteral("user_id"), QStringLiteral("arm")});
    for (const auto& r : rows.value())
        csv.writeRow({r.userId, e.value().armName(r.arm)});
    context.write(csv.takeData());
    return 0;
}

int ExperimentsCommands::results(CommandContext& context, const ParsedArgs& args)
{
    auto store = experimentStore(context, Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    const QString id = args.positional(0);
    auto e = CommandContext::await(store.value()->get(id));
    if (!e)
        return context.fail(e.error());
    auto data = CommandContext::await(store.value()->data(id));
    if (!data)
        return context.fail(data.error());
    auto currency = context.advertiserCurrency(e.value().advertiserId);
    if (!currency)
        return context.fail(currency.error());
    const core::ExperimentReadout readout = core::ExperimentResults::read(e.value(), data.value(), {}, currency.value());
    if (args.value(QStringLiteral("format")) == QLatin1String("json"))
        context.write(QJsonDocument(readoutJson(e.value(), data.value(), readout)).toJson(QJsonDocument::Indented));
    else
        context.print(readoutText(e.value(), segmentName(context, e.value().segmentId), data.value(), readout,
                                  currency.value()));
    return 0;
}

int ExperimentsCommands::size(CommandContext& context, const ParsedArgs& args)
{
    for (const char* required : {"baseline", "mde"}) {
        if (!args.isSet(QLatin1String(required)))
            return context.usageError(
                QStringLiteral("`segctl experiments size` needs --%1 — run `segctl experiments size --help`")
                    .arg(QLatin1String(required)));
    }
    core::SampleSizeRequest request;
    int exitCode = 0;
    double arms = 2;
    if (!numberOption(context, args, QStringLiteral("baseline"), true, &request.baselineRate, &exitCode) ||
        !numberOption(context, args, QStringLiteral("mde"), !args.isSet(QStringLiteral("relative")),
                      &request.minimumDetectableEffect, &exitCode) ||
        !numberOption(context, args, QStringLiteral("alpha"), false, &request.alpha, &exitCode) ||
        !numberOption(context, args, QStringLiteral("power"), false, &request.power, &exitCode) ||
        !numberOption(context, args, QStringLiteral("arms"), false, &arms, &exitCode))
        return exitCode;
    if (arms != std::floor(arms) || arms < 2 || arms > core::Experiment::kMaxArms)
        return context.fail(core::Error::validation(
            QStringLiteral("sample_size_arms"),
            QStringLiteral("--arms needs a whole number from 2 to %1 (the control included), not %2")
                .arg(core::Experiment::kMaxArms)
                .arg(args.value(QStringLiteral("arms")))));
    request.arms = static_cast<int>(arms);
    request.relativeEffect = args.isSet(QStringLiteral("relative"));
    auto n = core::SampleSizePlanner::perArm(request);
    if (!n)
        return context.fail(n.error());
    const double p2 = request.relativeEffect ? request.baselineRate * (1 + request.minimumDetectableEffect)
                                             : request.baselineRate + request.minimumDetectableEffect;
    context.print(QStringLiteral("%1 people per arm (%2 for the %3 arms) to detect %4 → %5 with α = %6 (two-sided) and "
                                 "%7 power.\n")
                      .arg(thousands(n.value()), thousands(n.value() * request.arms))
                      .arg(request.arms)
                      .arg(core::ExperimentResults::formatValue(core::ExperimentMetric::Ctr, request.baselineRate),
                           core::ExperimentResults::formatValue(core::ExperimentMetric::Ctr, p2))
                      .arg(request.alpha)
                      .arg(QStringLiteral("%1%").arg(request.power * 100)));
    return 0;
}

int ExperimentsCommands::stop(CommandContext& context, const ParsedArgs& args)
{
    int baseVersion = -1;
    if (args.isSet(QStringLiteral("version"))) {
        bool ok = false;
        baseVersion = args.value(QStringLiteral("version")).toInt(&ok);
        if (!ok || baseVersion < 1)
            return context.usageError(QStringLiteral("--version needs a whole number of 1 or more, not “%1”")
                                          .arg(args.value(QStringLiteral("version"))));
    }
    auto store = experimentStore(context, Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    const QString id = args.positional(0);
    if (baseVersion < 0) {
        auto current = CommandContext::await(store.value()->get(id));
        if (!current)
            return context.fail(current.error());
        baseVersion = current.value().version;
    }
    auto stopped = CommandContext::await(store.value()->stop(id, baseVersion, context.userName()));
    if (!stopped)
        return context.fail(stopped.error());
    context.print(QStringLiteral("Stopped “%1” (%2) on %3; it is now version %4.\n")
                      .arg(stopped.value().name, stopped.value().id, stopped.value().endDate.toString(Qt::ISODate))
                      .arg(stopped.value().version));
    return 0;
}

} // namespace segctl
