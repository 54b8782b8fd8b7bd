#include "reach_command.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include "command_context.h"
#include "domain/segment_json.h"
#include "domain/segment_validator.h"
#include "parsed_args.h"
#include "domain/segment_change_rules.h"
#include "text_table.h"

namespace segctl {

namespace {

QString count(qint64 n)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(n);
}

core::Error aboutFile(core::Error error, const QString& path)
{
    error.userMessage = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), error.userMessage);
    if (error.remediation.isEmpty())
        error.remediation = QStringLiteral("Correct the file and try again.");
    return error;
}

} // namespace

CommandSpec ReachCommand::spec()
{
    return CommandSpec{
        {QStringLiteral("reach")},
        QStringLiteral("Estimate the reach of a definition or segment"),
        QStringLiteral(
            "Counts the distinct people active in the last 30 days of data who match the definition, and the "
            "waterfall: how many match each top-level condition alone and together with the ones before it.\n"
            "FILE.json holds a definition ({\"schema_version\": 1, \"root\": {...}}) or a segment object "
            "(its definition is used, and its advertiser unless --advertiser is given)."),
        {{QStringLiteral("FILE.json"), QStringLiteral("a definition or a segment")}},
        {{QStringLiteral("advertiser"),
          QStringLiteral("ID"),
          QStringLiteral("the advertiser to estimate for"),
          {}},
         {QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: table)"),
          {QStringLiteral("table"), QStringLiteral("json")}}},
        {QStringLiteral("segctl reach definition.json"),
         QStringLiteral("segctl reach segment.json --format json")},
        &ReachCommand::run};
}

QString ReachCommand::toTable(const core::ReachEstimate& e, const QString& advertiserId)
{
    const double share =
        e.activeUsers > 0 ? 100.0 * static_cast<double>(e.reach) / static_cast<double>(e.activeUsers) : 0.0;
    QString out = QStringLiteral("Reach:       %1 people (%2% of %3 active)\n")
                      .arg(count(e.reach), QString::number(share, 'f', 1), count(e.activeUsers));
    out += QStringLiteral("Window:      %1 days to %2\n")
               .arg(e.windowDays)
               .arg(e.asOf.isValid() ? e.asOf.toString(Qt::ISODate) : QStringLiteral("(no data yet)"));
    if (!advertiserId.isEmpty())
        out += QStringLiteral("Advertiser:  %1\n").arg(advertiserId);
    if (!e.waterfall.isEmpty()) {
        out +=
            QStringLiteral("\nWaterfall (each step keeps the people who match it and every step above):\n");
        TextTable table({QStringLiteral("#"), QStringLiteral("CONDITION"), QStringLiteral("ALONE"),
                         QStringLiteral("CUMULATIVE")});
        table.setAlign(0, TextTable::Align::Right);
        table.setAlign(2, TextTable::Align::Right);
        table.setAlign(3, TextTable::Align::Right);
        for (const auto& step : e.waterfall)
            table.addRow({QString::number(step.conditionIndex + 1), step.label, count(step.alone),
                          count(step.cumulative)});
        out += table.render();
    }
    return out;
}

QByteArray ReachCommand::toJson(const core::ReachEstimate& e, const QString& advertiserId)
{
    QJsonArray steps;
    for (const auto& step : e.waterfall)
        steps.append(QJsonObject{{QStringLiteral("condition_index"), step.conditionIndex},
                                 {QStringLiteral("label"), step.label},
                                 {QStringLiteral("alone"), step.alone},
                                 {QStringLiteral("cumulative"), step.cumulative}});
    const QJsonObject o{
        {QStringLiteral("reach"), e.reach},
        {QStringLiteral("active_users"), e.activeUsers},
        {QStringLiteral("as_of"), e.asOf.isValid() ? QJsonValue(e.asOf.toString(Qt::ISODate)) : QJsonValue()},
        {QStringLiteral("window_days"), e.windowDays},
        {QStringLiteral("advertiser_id"), advertiserId.isEmpty() ? QJsonValue() : QJsonValue(advertiserId)},
        {QStringLiteral("waterfall"), steps},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

int ReachCommand::run(CommandContext& context, const ParsedArgs& args)
{
    const QString path = args.positional(0);
    auto bytes = CommandContext::readFile(path);
    if (!bytes)
        return context.fail(bytes.error());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return context.fail(
            aboutFile(core::Error::parse(QStringLiteral("the file is not valid JSON (%1 at byte %2).")
                                             .arg(parseError.errorString())
                                             .arg(parseError.offset)),
                      path));
    const QJsonObject object = doc.object();
    if (!doc.isObject() || object.contains(QStringLiteral("segments"))) {
        core::Error e = core::Error::validation(
            QStringLiteral("definition_expected"),
            QStringLiteral("the file must hold one definition or one segment object."));
        e.remediation =
            QStringLiteral("Pass a file such as {\"schema_version\": 1, \"root\": {...}}, or one segment.");
        return context.fail(aboutFile(e, path));
    }

    core::Definition definition;
    QString advertiserId;
    QString selfId;
    if (object.contains(QStringLiteral("definition"))) {
        auto segment = core::SegmentJson::fromJson(object);
        if (!segment)
            return context.fail(aboutFile(segment.error(), path));
        definition = segment.value().definition;
        advertiserId = segment.value().advertiserId;
        selfId = segment.value().id;
    } else {
        auto parsed = core::Definition::fromJson(object);
        if (!parsed)
            return context.fail(aboutFile(parsed.error(), path));
        definition = parsed.value();
    }

    auto store = context.store(CommandContext::Open::ExistingOnly);
    if (!store)
        return context.fail(store.error());
    if (args.isSet(QStringLiteral("advertiser"))) {
        advertiserId = args.value(QStringLiteral("advertiser"));
        if (auto known = context.requireAdvertiser(advertiserId); !known)
            return context.fail(known.error());
    }
    auto catalogue = context.catalogue();
    if (!catalogue)
        return context.fail(catalogue.error());
    core::SegmentStore* segments = store.value();
    const core::SegmentValidator validator(catalogue.value());
    const auto issues = validator.validateDefinition(definition, selfId, [segments](const QString& id) {
        auto found = CommandContext::await(segments->getSegment(id));
        return found ? std::optional<core::Definition>(found.value().definition) : std::nullopt;
    });
    if (!issues.isEmpty())
        return context.fail(aboutFile(core::validationError(issues), path));

    auto estimate = CommandContext::await(segments->estimateReach(definition, advertiserId));
    if (!estimate)
        return context.fail(estimate.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json"))
        context.write(toJson(estimate.value(), advertiserId));
    else
        context.print(toTable(estimate.value(), advertiserId));
    return 0;
}

} // namespace segctl
