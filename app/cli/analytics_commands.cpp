#include "analytics_commands.h"

#include <cmath>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "command_context.h"
#include "export/csv_writer.h"
#include "parsed_args.h"
#include "backends/impressions_pipeline.h"
#include "backends/metrics_store.h"
#include "text_table.h"

namespace segctl {

namespace {

using Open = CommandContext::Open;

constexpr int kDefaultQuarantineLimit = 50;

QString spendText(qint64 micros)
{
    return QString::number(static_cast<double>(micros) / 1e6, 'f', 2);
}

double spendNumber(qint64 micros)
{
    return std::round(static_cast<double>(micros) / 1e4) / 100.0;
}

// A date option; an empty value for an option not given. False (after a usage error) when malformed.
bool dateOption(CommandContext& context, const ParsedArgs& args, const QString& name, QDate* out,
                int* exitCode)
{
    if (!args.isSet(name))
        return true;
    *out = QDate::fromString(args.value(name), Qt::ISODate);
    if (out->isValid())
        return true;
    *exitCode = context.usageError(
        QStringLiteral("--%1 needs a date such as 2026-03-01, not “%2”").arg(name, args.value(name)));
    return false;
}

// The ISO 4217 code of the segment's advertiser (its spend is in it).
core::Result<QString> segmentCurrency(CommandContext& context, const QString& segmentId)
{
    auto store = context.store(Open::ExistingOnly);
    if (!store)
        return store.error();
    auto segment = CommandContext::await(store.value()->getSegment(segmentId));
    if (!segment)
        return segment.error();
    return context.advertiserCurrency(segment.value().advertiserId);
}

QByteArray metricsCsv(const QList<core::DailyMetrics>& days, const QString& currency)
{
    core::CsvWriter::Options options;
    options.formulaGuard = false; // dates and numbers only
    core::CsvWriter csv(options);
    csv.writeRow({QStringLiteral("date"), QStringLiteral("impressions"), QStringLiteral("clicks"),
                  QStringLiteral("conversions"), QStringLiteral("unique_users"), QStringLiteral("spend"),
                  QStringLiteral("currency")});
    for (const auto& d : days) {
        csv.addField(d.day.toString(Qt::ISODate));
        csv.addNumber(d.impressions);
        csv.addNumber(d.clicks);
        csv.addNumber(d.conversions);
        csv.addNumber(d.uniqueUsers);
        csv.addField(spendText(d.spendMicros));
        csv.addField(currency);
        csv.endRow();
    }
    return csv.takeData();
}

QByteArray metricsJson(const QList<core::DailyMetrics>& days, const QString& currency)
{
    QJsonArray out;
    for (const auto& d : days)
        out.append(QJsonObject{{QStringLiteral("date"), d.day.toString(Qt::ISODate)},
                               {QStringLiteral("impressions"), d.impressions},
                               {QStringLiteral("clicks"), d.clicks},
                               {QStringLiteral("conversions"), d.conversions},
                               {QStringLiteral("unique_users"), d.uniqueUsers},
                               {QStringLiteral("spend"), spendNumber(d.spendMicros)},
                               {QStringLiteral("currency"), currency}});
    return QJsonDocument(out).toJson(QJsonDocument::Indented);
}

} // namespace

QList<CommandSpec> AnalyticsCommands::specs()
{
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("events"), QStringLiteral("import")},
        QStringLiteral("Load an impressions CSV file into bronze"),
        QStringLiteral(
            "Loads the events of a CSV file (UTF-8) into bronze_impressions as one batch, as written: "
            "cleaning happens at `metrics refresh`, which quarantines bad values with a reason.\n"
            "The first line names the columns, in any order: event_id, event_time (ISO 8601, e.g. "
            "2026-03-01T14:05:00Z; no offset means UTC), advertiser_id, campaign_id, user_id, age, gender, "
            "country, region, device, interests (a|b|c), event_type (impression, click, conversion), "
            "cost_micros.\n"
            "A record with more or fewer fields than the header is rejected and reported with its line "
            "number; the others load (with --strict, nothing loads then, exit code 2). An unreadable file, a "
            "wrong header or broken CSV (an unclosed quote) loads nothing (exit code 2).\n"
            "Importing the same file again adds a batch; refresh counts every event_id once.\n"
            "Databricks: small files go in as parameterised INSERTs, larger ones are uploaded to the "
            "schema's `landing` volume and loaded with COPY INTO."),
        {{QStringLiteral("FILE.csv"), QStringLiteral("the events file")}},
        {{QStringLiteral("strict"), {}, QStringLiteral("load nothing if any line is rejected"), {}}},
        {QStringLiteral("segctl events import impressions-2026-03.csv"),
         QStringLiteral("segctl --profile prod events import impressions-2026-03.csv --strict")},
        &AnalyticsCommands::importEvents});
    out.append(CommandSpec{
        {QStringLiteral("events"), QStringLiteral("quarantine")},
        QStringLiteral("List the events cleaning set aside, with file, line and reason"),
        QStringLiteral("Lists the most recently quarantined bronze rows: the file and line they came from, "
                       "their event_id and why cleaning refused them."),
        {},
        {{QStringLiteral("limit"),
          QStringLiteral("N"),
          QStringLiteral("at most N rows (default: %1)").arg(kDefaultQuarantineLimit),
          {}},
         {QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: table)"),
          {QStringLiteral("table"), QStringLiteral("csv")}}},
        {QStringLiteral("segctl events quarantine --limit 20")},
        &AnalyticsCommands::quarantine});
    out.append(CommandSpec{
        {QStringLiteral("metrics"), QStringLiteral("refresh")},
        QStringLiteral("Clean new events (silver) and recompute the daily metrics (gold)"),
        QStringLiteral(
            "Cleans the bronze batches not cleaned yet: deduplicates by event_id, validates and normalises "
            "the values, and quarantines rows that fail with the reason. Then rebuilds the audience and "
            "recomputes every segment's daily metrics. Running it again with nothing new changes nothing; "
            "importing a file twice counts its events once."),
        {},
        {},
        {QStringLiteral("segctl metrics refresh")},
        &AnalyticsCommands::refresh});
    out.append(CommandSpec{
        {QStringLiteral("metrics"), QStringLiteral("show")},
        QStringLiteral("Print a segment's daily metrics"),
        QStringLiteral(
            "Prints one row per day with events (UTC days): date, impressions, clicks, conversions, "
            "unique_users and spend (in the currency of the segment's advertiser, named in the last column; from cost_micros), as of the last refresh."),
        {},
        {{QStringLiteral("segment"), QStringLiteral("ID"), QStringLiteral("the segment's id (required)"), {}},
         {QStringLiteral("from"), QStringLiteral("DATE"), QStringLiteral("first day (YYYY-MM-DD)"), {}},
         {QStringLiteral("to"), QStringLiteral("DATE"), QStringLiteral("last day (YYYY-MM-DD)"), {}},
         {QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: csv)"),
          {QStringLiteral("csv"), QStringLiteral("json")}}},
        {QStringLiteral(
             "segctl metrics show --segment 6f1c2d3e-0000-4000-8000-000000000001 --from 2026-03-01 "
             "--to 2026-03-31"),
         QStringLiteral("segctl metrics show --segment 6f1c2d3e-0000-4000-8000-000000000001 --format json")},
        &AnalyticsCommands::show});
    return out;
}

int AnalyticsCommands::importEvents(CommandContext& context, const ParsedArgs& args)
{
    const QString path = args.positional(0);
    auto pipeline = context.pipeline(Open::CreateIfMissing);
    if (!pipeline)
        return context.fail(pipeline.error());
    core::ImportOptions options;
    options.strict = args.isSet(QStringLiteral("strict"));
    auto imported = CommandContext::await(pipeline.value()->importEvents(path, options));
    if (!imported)
        return context.fail(imported.error());
    const core::ImportReport& r = imported.value();
    QString text = QStringLiteral("%1 → bronze (batch %2, %3)\n")
                       .arg(QDir::toNativeSeparators(path), r.batchId, r.method);
    text += QStringLiteral("  rows read:     %1\n  rows loaded:   %2\n  rows rejected: %3\n")
                .arg(r.rowsRead)
                .arg(r.rowsLoaded)
                .arg(r.rejected.size());
    for (const auto& line : r.rejected)
        text += QStringLiteral("    line %1: %2\n").arg(line.line).arg(line.reason);
    text += QStringLiteral(
        "Next: `segctl metrics refresh` cleans them into silver and updates the daily metrics.\n");
    context.print(text);
    return 0;
}

int AnalyticsCommands::quarantine(CommandContext& context, const ParsedArgs& args)
{
    int limit = kDefaultQuarantineLimit;
    if (args.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        limit = args.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1)
            return context.usageError(QStringLiteral("--limit needs a whole number of 1 or more, not “%1”")
                                          .arg(args.value(QStringLiteral("limit"))));
    }
    auto pipeline = context.pipeline(Open::ExistingOnly);
    if (!pipeline)
        return context.fail(pipeline.error());
    auto rows = CommandContext::await(pipeline.value()->quarantined(limit));
    if (!rows)
        return context.fail(rows.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("csv")) {
        core::CsvWriter csv;
        csv.writeRow({QStringLiteral("source_file"), QStringLiteral("line"), QStringLiteral("event_id"),
                      QStringLiteral("reason")});
        for (const auto& r : rows.value())
            csv.writeRow({r.sourceFile, QString::number(r.line), r.eventId, r.reason});
        context.write(csv.takeData());
        return 0;
    }
    if (rows.value().isEmpty()) {
        context.print(QStringLiteral("No quarantined events.\n"));
        return 0;
    }
    TextTable table({QStringLiteral("FILE"), QStringLiteral("LINE"), QStringLiteral("EVENT_ID"),
                     QStringLiteral("REASON")});
    table.setAlign(1, TextTable::Align::Right);
    for (const auto& r : rows.value())
        table.addRow({r.sourceFile, QString::number(r.line), r.eventId, r.reason});
    context.print(table.render());
    return 0;
}

int AnalyticsCommands::refresh(CommandContext& context, const ParsedArgs&)
{
    auto pipeline = context.pipeline(Open::ExistingOnly);
    if (!pipeline)
        return context.fail(pipeline.error());
    auto refreshed = CommandContext::await(pipeline.value()->refresh());
    if (!refreshed)
        return context.fail(refreshed.error());
    const core::PipelineReport& r = refreshed.value();
    QString text = QStringLiteral("Refreshed silver and the daily metrics:\n");
    text += QStringLiteral(
                "  bronze rows cleaned:    %1\n  added to silver:        %2\n  duplicates skipped:     %3\n"
                "  quarantined:            %4\n")
                .arg(r.bronzeRowsProcessed)
                .arg(r.silverRowsAdded)
                .arg(r.duplicatesSkipped)
                .arg(r.quarantined);
    for (const auto& [reason, count] : r.quarantineReasons)
        text += QStringLiteral("    %1 × %2\n").arg(count).arg(reason);
    text += QStringLiteral("  people in the audience: %1\n  segments refreshed:     %2\n")
                .arg(r.audienceUsers)
                .arg(r.segmentsRefreshed);
    if (r.incremental)
        text +=
            QStringLiteral("  incremental:            only the people with new events were computed again; "
                           "%1 segments recomputed whole\n")
                .arg(r.segmentsRecomputed);
    if (r.segmentsSkipped > 0)
        text += QStringLiteral(
                    "  segments skipped:       %1 (their criteria could not be evaluated; see the log)\n")
                    .arg(r.segmentsSkipped);
    if (r.quarantined > 0)
        text += QStringLiteral(
            "`segctl events quarantine` lists the quarantined events with their file and line.\n");
    context.print(text);
    return 0;
}

int AnalyticsCommands::show(CommandContext& context, const ParsedArgs& args)
{
    const QString segment = args.value(QStringLiteral("segment"));
    if (segment.trimmed().isEmpty())
        return context.usageError(QStringLiteral("`segctl metrics show` needs --segment ID"));
    QDate from;
    QDate to;
    int exitCode = 0;
    if (!dateOption(context, args, QStringLiteral("from"), &from, &exitCode) ||
        !dateOption(context, args, QStringLiteral("to"), &to, &exitCode))
        return exitCode;
    auto metrics = context.metrics();
    if (!metrics)
        return context.fail(metrics.error());
    auto days = CommandContext::await(metrics.value()->dailyMetrics(segment, from, to));
    if (!days)
        return context.fail(days.error());
    auto currency = segmentCurrency(context, segment);
    if (!currency)
        return context.fail(currency.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json"))
        context.write(metricsJson(days.value(), currency.value()));
    else
        context.write(metricsCsv(days.value(), currency.value()));
    return 0;
}

} // namespace segctl
