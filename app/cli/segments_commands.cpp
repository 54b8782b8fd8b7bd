#include "segments_commands.h"

#include <functional>

#include <spdlog/spdlog.h>

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "analytics/segment_version_diff.h"
#include "command_context.h"
#include "domain/segment_json.h"
#include "backends/backend.h"
#include "export/atomic_file.h"
#include "export/csv_writer.h"
#include "export/segment_exporter.h"
#include "logging/logging.h"
#include "parsed_args.h"
#include "segment_printer.h"
#include "text_table.h"
#include "common/plural.h"
#include "domain/segment_change_rules.h"
#include "export/segment_import_file.h"
#include "workspace/segment_import_run.h"

namespace segctl {

namespace {

using Open = CommandContext::Open;

OptionSpec advertiserOption(const QString& what)
{
    return {QStringLiteral("advertiser"), QStringLiteral("ID"), what, {}};
}

OptionSpec deletedOption(const QString& what)
{
    return {QStringLiteral("deleted"), {}, what, {}};
}

// The file name in front of a parse or validation message, so the user knows which input is wrong.
core::Error aboutFile(core::Error error, const QString& path)
{
    error.userMessage = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), error.userMessage);
    if (error.remediation.isEmpty())
        error.remediation = QStringLiteral("Correct the file and try again.");
    return error;
}

core::Result<QList<core::Segment>> readSegmentsFile(const QString& path)
{
    auto bytes = CommandContext::readFile(path);
    if (!bytes)
        return bytes.error();
    auto parsed = core::SegmentJson::fromDocument(bytes.value());
    if (!parsed)
        return aboutFile(parsed.error(), path);
    return parsed;
}

core::Result<QList<core::Segment>> listSegments(CommandContext& context, const ParsedArgs& args)
{
    auto store = context.store(Open::ExistingOnly);
    if (!store)
        return store.error();
    const QString advertiser = args.value(QStringLiteral("advertiser"));
    if (args.isSet(QStringLiteral("advertiser"))) {
        if (auto known = context.requireAdvertiser(advertiser); !known)
            return known.error();
    }
    core::SegmentQuery query;
    query.advertiserId = advertiser;
    query.deleted = args.isSet(QStringLiteral("deleted")) ? core::SegmentQuery::Deleted::Include
                                                          : core::SegmentQuery::Deleted::Exclude;
    auto segments = CommandContext::await(store.value()->listSegments(query));
    if (!segments)
        return segments.error();
    return core::SegmentExporter::sorted(segments.value());
}

QString segmentLabel(const core::Segment& s)
{
    return QStringLiteral("“%1” (%2)").arg(s.name, s.id);
}

} // namespace

QList<CommandSpec> SegmentsCommands::specs()
{
    const OptionSpec format{QStringLiteral("format"),
                            QStringLiteral("FORMAT"),
                            QStringLiteral("output format (default: table)"),
                            {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")}};
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("segments"), QStringLiteral("list")},
        QStringLiteral("List the segments, by advertiser and name"),
        QStringLiteral("Lists the workspace's segments, ordered by advertiser, name and id.\n"
                       "json gives the same file form as `segments export`; csv has no byte order mark, "
                       "so it can be piped."),
        {},
        {advertiserOption(QStringLiteral("only this advertiser's segments")), format,
         deletedOption(QStringLiteral("include deleted segments"))},
        {QStringLiteral("segctl segments list"),
         QStringLiteral("segctl segments list --advertiser adv-northwind --format csv > segments.csv")},
        &SegmentsCommands::list});
    out.append(CommandSpec{
        {QStringLiteral("segments"), QStringLiteral("show")},
        QStringLiteral("Show one segment and its criteria"),
        QStringLiteral("Shows one segment (deleted ones too): its fields and its criteria in plain language, "
                       "or its JSON form."),
        {{QStringLiteral("ID"), QStringLiteral("the segment's id (a UUID)")}},
        {{QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: text)"),
          {QStringLiteral("text"), QStringLiteral("json")}}},
        {QStringLiteral("segctl segments show 6f1c2d3e-0000-4000-8000-000000000001 --format json")},
        &SegmentsCommands::show});
    out.append(CommandSpec{
        {QStringLiteral("segments"), QStringLiteral("save")},
        QStringLiteral("Create or update a segment from a JSON file"),
        QStringLiteral("Saves one segment object in the JSON form of `segments show --format json`.\n"
                       "Without a segment_id, or with version 0, the segment is created (as version 1).\n"
                       "Otherwise it updates that segment, with its version as the version the edit started "
                       "from: if the "
                       "saved segment has moved on since, the save is refused as a conflict (exit code 4).\n"
                       "Prints the segment's id."),
        {{QStringLiteral("FILE.json"), QStringLiteral("the segment")}},
        {},
        {QStringLiteral("segctl segments save new-segment.json")},
        &SegmentsCommands::save});
    out.append(CommandSpec{
        {QStringLiteral("segments"), QStringLiteral("delete")},
        QStringLiteral("Delete a segment (it can be restored)"),
        QStringLiteral(
            "Marks the segment deleted; `segments restore` brings it back. With --version the delete "
            "is refused (exit code 4) if the segment has changed since that version."),
        {{QStringLiteral("ID"), QStringLiteral("the segment's id")}},
        {{QStringLiteral("version"),
          QStringLiteral("N"),
          QStringLiteral("the version you expect to delete"),
          {}}},
        {QStringLiteral("segctl segments delete 6f1c2d3e-0000-4000-8000-000000000001")},
        &SegmentsCommands::remove});
    out.append(CommandSpec{
        {QStringLiteral("segments"), QStringLiteral("restore")},
        QStringLiteral("Restore a deleted segment"),
        QStringLiteral(
            "Brings a deleted segment back. Refused (exit code 4) when another live segment of the "
            "advertiser has taken its name meanwhile."),
        {{QStringLiteral("ID"), QStringLiteral("the segment's id")}},
        {},
        {QStringLiteral("segctl segments restore 6f1c2d3e-0000-4000-8000-000000000001")},
        &SegmentsCommands::restore});
    out.append(CommandSpec{
        {QStringLiteral("segments"), QStringLiteral("export")},
        QStringLiteral("Export segments to a CSV or JSON file"),
        QStringLiteral(
            "Writes the segments to a file, atomically (an existing file is replaced only once the new one "
            "is "
            "complete).\n"
            "json: the file form `segments import` reads, with the segments' advertisers (name and currency); "
            "exporting, importing into another workspace and exporting again gives the same bytes.\n"
            "csv: RFC 4180, UTF-8 with a byte order mark for Excel, one row per segment with the criteria as "
            "JSON "
            "and in words; cells a spreadsheet would run as a formula (= + - @ ...) start with '.\n"
            "--format defaults to the output file's extension; --output - writes to standard output."),
        {},
        {{QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("file format"),
          {QStringLiteral("json"), QStringLiteral("csv")}},
         {QStringLiteral("output"),
          QStringLiteral("FILE"),
          QStringLiteral("the file to write (required)"),
          {}},
         advertiserOption(QStringLiteral("only this advertiser's segments")),
         deletedOption(QStringLiteral("include deleted segments")),
         {QStringLiteral("no-bom"), {}, QStringLiteral("csv: leave out the byte order mark"), {}}},
        {QStringLiteral("segctl segments export --format json --output segments.json"),
         QStringLiteral(
             "segctl segments export --format csv --output northwind.csv --advertiser adv-northwind")},
        &SegmentsCommands::exportSegments});
    out.append(CommandSpec{
        {QStringLiteral("segments"), QStringLiteral("import")},
        QStringLiteral("Import segments from a JSON export"),
        QStringLiteral(
            "Imports the segments of a JSON export as they are: ids, versions and timestamps are kept. "
            "Advertisers the workspace lacks are added with the name and currency the file gives (an older file "
            "without them: named by their id, in USD). A segment already present "
            "unchanged is skipped; a different segment under the same id, or a name already taken, is a "
            "conflict (exit code 4). The whole file is checked before anything is written. Creates the "
            "workspace if it does not exist.\n"
            "Prints how many segments were inserted and how many were already there."),
        {{QStringLiteral("FILE.json"), QStringLiteral("a file written by `segments export --format json`")}},
        {},
        {QStringLiteral("segctl segments import segments.json --workspace copy.sqlite")},
        &SegmentsCommands::importSegments});
    out.append(CommandSpec{
        {QStringLiteral("segments"), QStringLiteral("members")},
        QStringLiteral("Print the user_ids of the people in a segment's reach"),
        QStringLiteral("Prints the user_id of every person the segment's reach counts (active in the last 30 days "
                       "of data and matching its criteria), one per line in byte order: as many as `segctl "
                       "reach` reports for it.\n"
                       "csv: a user_id header, then one id per line (no byte order mark, so it can be piped); "
                       "json: an array of {\"user_id\": ...}, one member per line.\n"
                       "A deleted or unknown segment is an error (exit code 2)."),
        {{QStringLiteral("ID"), QStringLiteral("the segment's id")}},
        {{QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: csv)"),
          {QStringLiteral("csv"), QStringLiteral("json")}}},
        {QStringLiteral("segctl segments members 6f1c2d3e-0000-4000-8000-000000000001 > members.csv"),
         QStringLiteral("segctl --profile prod segments members 6f1c2d3e-0000-4000-8000-000000000001 --format json")},
        &SegmentsCommands::members});
    out.append(CommandSpec{
        {QStringLiteral("segments"), QStringLiteral("history")},
        QStringLiteral("List every version of a segment: who changed it, when and how"),
        QStringLiteral("Lists every stored version of the segment, oldest first: its number, the change "
                       "(created, updated, deleted, restored, reverted — a restored old version —, imported), "
                       "when (UTC), who, the name and the status. Versions are never rewritten; "
                       "`segments diff` compares any two.\n"
                       "json: an array of the versions with their definitions."),
        {{QStringLiteral("ID"), QStringLiteral("the segment's id")}},
        {{QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: table)"),
          {QStringLiteral("table"), QStringLiteral("json")}}},
        {QStringLiteral("segctl segments history 6f1c2d3e-0000-4000-8000-000000000001")},
        &SegmentsCommands::history});
    out.append(CommandSpec{
        {QStringLiteral("segments"), QStringLiteral("diff")},
        QStringLiteral("Compare two versions of a segment field by field"),
        QStringLiteral("Compares version V1 (before) with version V2 (after) of the segment: name, description, "
                       "status and every criterion of the definition, in plain language. The table marks the "
                       "fields that differ with *; --changed leaves out the others. Exit code 0 either way.\n"
                       "json: {\"segment_id\", \"from_version\", \"to_version\", \"identical\", \"fields\": "
                       "[{\"field\", \"label\", \"before\", \"after\", \"differs\"}]}."),
        {{QStringLiteral("ID"), QStringLiteral("the segment's id")},
         {QStringLiteral("V1"), QStringLiteral("the version shown as before")},
         {QStringLiteral("V2"), QStringLiteral("the version shown as after")}},
        {{QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: table)"),
          {QStringLiteral("table"), QStringLiteral("json")}},
         {QStringLiteral("changed"), {}, QStringLiteral("only the fields that differ"), {}}},
        {QStringLiteral("segctl segments diff 6f1c2d3e-0000-4000-8000-000000000001 1 3"),
         QStringLiteral("segctl segments diff 6f1c2d3e-0000-4000-8000-000000000001 2 4 --changed --format json")},
        &SegmentsCommands::diff});
    return out;
}

int SegmentsCommands::list(CommandContext& context, const ParsedArgs& args)
{
    auto segments = listSegments(context, args);
    if (!segments)
        return context.fail(segments.error());
    const QString format = args.value(QStringLiteral("format"), QStringLiteral("table"));
    if (format == QLatin1String("json")) {
        context.write(core::SegmentExporter::toJson(segments.value()));
    } else if (format == QLatin1String("csv")) {
        auto catalogue = context.catalogue();
        if (!catalogue)
            return context.fail(catalogue.error());
        context.write(core::SegmentExporter::toCsv(segments.value(), *catalogue.value(),
                                                   core::SegmentExporter::CsvOptions{false}));
    } else if (segments.value().isEmpty()) {
        context.print(QStringLiteral("No segments.\n"));
    } else {
        context.print(SegmentPrinter::table(segments.value(), args.isSet(QStringLiteral("deleted"))));
    }
    return 0;
}

int SegmentsCommands::show(CommandContext& context, const ParsedArgs& args)
{
    auto store = context.store(Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    auto segment = CommandContext::await(store.value()->getSegment(args.positional(0)));
    if (!segment)
        return context.fail(segment.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        context.write(
            QJsonDocument(core::SegmentJson::toJson(segment.value())).toJson(QJsonDocument::Indented));
        return 0;
    }
    auto describer = context.describer();
    if (!describer)
        return context.fail(describer.error());
    context.print(SegmentPrinter::details(segment.value(), describer.value()));
    return 0;
}

int SegmentsCommands::save(CommandContext& context, const ParsedArgs& args)
{
    const QString path = args.positional(0);
    auto parsed = readSegmentsFile(path);
    if (!parsed)
        return context.fail(parsed.error());
    if (parsed.value().size() != 1) {
        core::Error e =
            core::Error::validation(QStringLiteral("one_segment_expected"),
                                    QStringLiteral("%1 holds %2 segments; `segments save` takes exactly one.")
                                        .arg(QDir::toNativeSeparators(path))
                                        .arg(parsed.value().size()));
        e.remediation = QStringLiteral("Use `segctl segments import` for a file of several segments.");
        return context.fail(e);
    }
    auto store = context.store(Open::CreateIfMissing);
    if (!store)
        return context.fail(store.error());
    const core::Segment& segment = parsed.value().first();
    const bool create = segment.id.isEmpty() || segment.version == 0;
    auto saved = CommandContext::await(create ? store.value()->createSegment(segment, context.userName())
                                              : store.value()->updateSegment(segment, context.userName()));
    if (!saved)
        return context.fail(saved.error());
    core::logging::logger("segctl")->info("{} segment {} (version {})", create ? "created" : "updated",
                                          saved.value().id.toStdString(), saved.value().version);
    context.print(saved.value().id + QLatin1Char('\n'));
    return 0;
}

int SegmentsCommands::remove(CommandContext& context, const ParsedArgs& args)
{
    int baseVersion = -1;
    if (args.isSet(QStringLiteral("version"))) {
        bool ok = false;
        baseVersion = args.value(QStringLiteral("version")).toInt(&ok);
        if (!ok || baseVersion < 1)
            return context.usageError(QStringLiteral("--version needs a whole number of 1 or more, not “%1”")
                                          .arg(args.value(QStringLiteral("version"))));
    }
    auto store = context.store(Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    const QString id = args.positional(0);
    auto current = CommandContext::await(store.value()->getSegment(id));
    if (!current)
        return context.fail(current.error());
    if (baseVersion < 0)
        baseVersion = current.value().version;
    auto deleted = CommandContext::await(store.value()->deleteSegment(id, baseVersion, context.userName()));
    if (!deleted)
        return context.fail(deleted.error());
    context.print(QStringLiteral("Deleted %1; it is now version %2 and can be restored.\n")
                      .arg(segmentLabel(deleted.value()))
                      .arg(deleted.value().version));
    return 0;
}

int SegmentsCommands::restore(CommandContext& context, const ParsedArgs& args)
{
    auto store = context.store(Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    auto restored =
        CommandContext::await(store.value()->restoreSegment(args.positional(0), context.userName()));
    if (!restored)
        return context.fail(restored.error());
    context.print(QStringLiteral("Restored %1; it is now version %2.\n")
                      .arg(segmentLabel(restored.value()))
                      .arg(restored.value().version));
    return 0;
}

int SegmentsCommands::exportSegments(CommandContext& context, const ParsedArgs& args)
{
    const QString output = args.value(QStringLiteral("output"));
    if (output.isEmpty())
        return context.usageError(
            QStringLiteral("`segctl segments export` needs --output FILE (or --output - for "
                           "standard output)"));
    QString format = args.value(QStringLiteral("format"));
    if (format.isEmpty()) {
        const QString suffix = QFileInfo(output).suffix().toLower();
        if (suffix == QLatin1String("csv") || suffix == QLatin1String("json"))
            format = suffix;
        else
            return context.usageError(
                QStringLiteral("`segctl segments export` needs --format json or --format csv"));
    }
    auto segments = listSegments(context, args);
    if (!segments)
        return context.fail(segments.error());

    const bool csv = format == QLatin1String("csv");
    QByteArray bytes;
    if (csv) {
        auto catalogue = context.catalogue();
        if (!catalogue)
            return context.fail(catalogue.error());
        bytes = core::SegmentExporter::toCsv(
            segments.value(), *catalogue.value(),
            core::SegmentExporter::CsvOptions{!args.isSet(QStringLiteral("no-bom"))});
    } else {
        auto advertisers = context.advertisers();
        if (!advertisers)
            return context.fail(advertisers.error());
        bytes = core::SegmentExporter::toJson(segments.value(), advertisers.value());
    }
    if (output == QLatin1String("-")) {
        context.write(bytes);
        return 0;
    }
    if (auto written = core::writeFileAtomically(output, bytes); !written)
        return context.fail(written.error());
    const qsizetype n = segments.value().size();
    context.print(QStringLiteral("Exported %1 %2 to %3.\n")
                      .arg(n)
                      .arg(n == 1 ? QStringLiteral("segment") : QStringLiteral("segments"))
                      .arg(QDir::toNativeSeparators(output)));
    return 0;
}

int SegmentsCommands::importSegments(CommandContext& context, const ParsedArgs& args)
{
    const QString path = args.positional(0);
    auto catalogue = context.catalogue();
    if (!catalogue)
        return context.fail(catalogue.error());
    // The whole file is checked first, so a bad segment late in the file changes nothing.
    auto file = core::SegmentImportFile::read(path, catalogue.value());
    if (!file)
        return context.fail(file.error());
    const qsizetype total = file.value().segments.size();

    auto store = context.store(Open::CreateIfMissing);
    if (!store)
        return context.fail(store.error());
    core::SegmentImportRun run(*store.value(), std::move(file).value());
    auto report = CommandContext::await(run.start());
    if (!report)
        return context.fail(report.error());
    const core::SegmentImportReport& r = report.value();
    if (!r.advertisersAdded.isEmpty())
        context.print(QStringLiteral("Added %1: %2.\n")
                          .arg(core::countOf(r.advertisersAdded.size(), QStringLiteral("advertiser"),
                                             QStringLiteral("advertisers")),
                               r.advertisersAdded.join(QStringLiteral(", "))));
    context.print(QStringLiteral("Imported %1 from %2: %3 inserted, %4 unchanged.\n")
                      .arg(core::countOf(total, QStringLiteral("segment"), QStringLiteral("segments")),
                           QDir::toNativeSeparators(path))
                      .arg(r.inserted)
                      .arg(r.unchanged));
    return 0;
}

int SegmentsCommands::members(CommandContext& context, const ParsedArgs& args)
{
    auto backend = context.backend(Open::ExistingOnly);
    if (!backend)
        return context.fail(backend.error());
    auto members = CommandContext::await(backend.value()->audiences().members(args.positional(0)));
    if (!members)
        return context.fail(members.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QByteArray out = "[";
        for (qsizetype i = 0; i < members.value().size(); ++i) {
            out += i == 0 ? "\n" : ",\n";
            out += QJsonDocument(QJsonObject{{QStringLiteral("user_id"), members.value().at(i)}}).toJson(QJsonDocument::Compact);
        }
        out += members.value().isEmpty() ? "]\n" : "\n]\n";
        context.write(out);
        return 0;
    }
    core::CsvWriter::Options options;
    options.formulaGuard = false; // ids, read back by programs: written as they are
    core::CsvWriter csv(options);
    csv.writeRow({QStringLiteral("user_id")});
    for (const QString& id : members.value())
        csv.writeRow({id});
    context.write(csv.takeData());
    return 0;
}

namespace {

QJsonObject versionJson(const core::SegmentVersion& v)
{
    QJsonObject o;
    o.insert(QStringLiteral("segment_id"), v.segmentId);
    o.insert(QStringLiteral("version"), v.version);
    o.insert(QStringLiteral("change"), v.change);
    o.insert(QStringLiteral("changed_by"), v.changedBy);
    o.insert(QStringLiteral("changed_at"), core::SegmentJson::formatTime(v.changedAt));
    o.insert(QStringLiteral("name"), v.name);
    o.insert(QStringLiteral("description"), v.description);
    o.insert(QStringLiteral("status"), core::segmentStatusKey(v.status));
    o.insert(QStringLiteral("definition"), QJsonDocument::fromJson(v.definition.toCanonicalJson()).object());
    o.insert(QStringLiteral("definition_hash"), v.definitionHash);
    return o;
}

// A version number given on the command line: a whole number of 1 or more.
std::optional<int> versionArgument(const QString& text)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < 1)
        return std::nullopt;
    return v;
}

} // namespace

int SegmentsCommands::history(CommandContext& context, const ParsedArgs& args)
{
    auto store = context.store(Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    auto versions = CommandContext::await(store.value()->segmentHistory(args.positional(0)));
    if (!versions)
        return context.fail(versions.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray array;
        for (const auto& v : versions.value())
            array.append(versionJson(v));
        context.write(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return 0;
    }
    TextTable table({QStringLiteral("Version"), QStringLiteral("Change"), QStringLiteral("When (UTC)"), QStringLiteral("Who"),
                     QStringLiteral("Name"), QStringLiteral("Status")});
    table.setAlign(0, TextTable::Align::Right);
    for (const auto& v : versions.value())
        table.addRow({QString::number(v.version), v.change, v.changedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                      v.changedBy, v.name, core::segmentStatusLabel(v.status)});
    context.print(table.render());
    return 0;
}

int SegmentsCommands::diff(CommandContext& context, const ParsedArgs& args)
{
    const auto from = versionArgument(args.positional(1));
    const auto to = versionArgument(args.positional(2));
    if (!from || !to)
        return context.usageError(QStringLiteral("V1 and V2 are version numbers of 1 or more, not “%1” and “%2”")
                                      .arg(args.positional(1), args.positional(2)));
    auto store = context.store(Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    const QString id = args.positional(0);
    auto versions = CommandContext::await(store.value()->segmentHistory(id));
    if (!versions)
        return context.fail(versions.error());
    const core::SegmentVersion* before = nullptr;
    const core::SegmentVersion* after = nullptr;
    for (const auto& v : versions.value()) {
        if (v.version == *from)
            before = &v;
        if (v.version == *to)
            after = &v;
    }
    const int last = versions.value().isEmpty() ? 0 : versions.value().last().version;
    for (const auto& [found, number] : {std::pair{before, *from}, std::pair{after, *to}}) {
        if (!found)
            return context.fail(core::Error::notFound(
                QStringLiteral("Segment %1 has no version %2 (its versions are 1 to %3).").arg(id).arg(number).arg(last)));
    }
    auto catalogue = context.catalogue();
    if (!catalogue)
        return context.fail(catalogue.error());
    core::SegmentQuery everySegment;
    everySegment.deleted = core::SegmentQuery::Deleted::Include;
    auto known = CommandContext::await(store.value()->listSegments(everySegment));
    if (!known)
        return context.fail(known.error());
    QHash<QString, QString> names;
    for (const auto& s : known.value())
        names.insert(s.id, s.name);
    const core::SegmentVersionDiff diff =
        core::SegmentVersionDiffer(catalogue.value(), [&names](const QString& segmentId) { return names.value(segmentId); })
            .diff(*before, *after);
    const bool changedOnly = args.isSet(QStringLiteral("changed"));
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray fields;
        for (const auto& r : diff.rows) {
            if (changedOnly && !r.differs)
                continue;
            fields.append(QJsonObject{{QStringLiteral("field"), r.field},
                                      {QStringLiteral("label"), r.label},
                                      {QStringLiteral("before"), r.before},
                                      {QStringLiteral("after"), r.after},
                                      {QStringLiteral("differs"), r.differs}});
        }
        const QJsonObject out{{QStringLiteral("segment_id"), id},
                              {QStringLiteral("from_version"), diff.fromVersion},
                              {QStringLiteral("to_version"), diff.toVersion},
                              {QStringLiteral("identical"), diff.identical()},
                              {QStringLiteral("fields"), fields}};
        context.write(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    const qsizetype changes = diff.changes().size();
    context.print(QStringLiteral("Version %1 (%2 by %3) → version %4 (%5 by %6): %7.\n")
                      .arg(diff.fromVersion)
                      .arg(before->change, before->changedBy)
                      .arg(diff.toVersion)
                      .arg(after->change, after->changedBy,
                           changes == 0 ? QStringLiteral("the same content")
                                        : core::countOf(changes, QStringLiteral("field differs"), QStringLiteral("fields differ"))));
    TextTable table({QString(), QStringLiteral("Field"), QStringLiteral("Version %1").arg(diff.fromVersion),
                     QStringLiteral("Version %1").arg(diff.toVersion)});
    for (const auto& r : diff.rows) {
        if (changedOnly && !r.differs)
            continue;
        table.addRow({r.differs ? QStringLiteral("*") : QString(), r.label, r.before, r.after});
    }
    if (table.rowCount() > 0)
        context.print(table.render());
    return 0;
}

} // namespace segctl
