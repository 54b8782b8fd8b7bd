#include "audit_commands.h"

#include <algorithm>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "activation/sync/audience_sync_state.h"
#include "backends/backend.h"
#include "command_context.h"
#include "domain/segment_json.h"
#include "parsed_args.h"
#include "text_table.h"

namespace segctl {

namespace {

QJsonValue jsonOrNull(const QString& text)
{
    if (text.isEmpty())
        return QJsonValue::Null;
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

QList<CommandSpec> AuditCommands::specs()
{
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("audit"), QStringLiteral("list")},
        QStringLiteral("List the audit trail: who changed which segment or experiment, when"),
        QStringLiteral(
            "Lists the workspace's audit entries, newest first: when (UTC), who, the object (segment or "
            "experiment) and its id, the action (created, updated, deleted, restored, reverted, imported, "
            "stopped) and the object's version after it. Every change is written with the change itself.\n"
            "Sync runs to the ad platforms (`audiences sync`, the Activate tab) are in this computer's "
            "activation "
            "state: they are listed too (kind activation_sync, the segment as the object, the run id as the "
            "version), except with --advertiser.\n"
            "json: one object per entry with the object before and after the change "
            "(null where there is none)."),
        {},
        {{QStringLiteral("advertiser"),
          QStringLiteral("ID"),
          QStringLiteral("only this advertiser's objects"),
          {}},
         {QStringLiteral("object"),
          QStringLiteral("ID"),
          QStringLiteral("only this segment's or experiment's entries"),
          {}},
         {QStringLiteral("limit"),
          QStringLiteral("N"),
          QStringLiteral("at most the N newest entries (default 100)"),
          {}},
         {QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: table)"),
          {QStringLiteral("table"), QStringLiteral("json")}}},
        {QStringLiteral("segctl audit list --advertiser adv-northwind"),
         QStringLiteral("segctl audit list --object 6f1c2d3e-0000-4000-8000-000000000001 --format json")},
        &AuditCommands::list});
    return out;
}

int AuditCommands::list(CommandContext& context, const ParsedArgs& args)
{
    core::AuditQuery query;
    query.advertiserId = args.value(QStringLiteral("advertiser"));
    query.objectId = args.value(QStringLiteral("object"));
    query.limit = 100;
    if (args.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        query.limit = args.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || query.limit < 1)
            return context.usageError(QStringLiteral("--limit needs a whole number of 1 or more, not “%1”")
                                          .arg(args.value(QStringLiteral("limit"))));
    }
    auto backend = context.backend(CommandContext::Open::ExistingOnly);
    if (!backend)
        return context.fail(backend.error());
    if (args.isSet(QStringLiteral("advertiser"))) {
        if (auto known = context.requireAdvertiser(query.advertiserId); !known)
            return context.fail(known.error());
    }
    auto entries = CommandContext::await(backend.value()->audit().list(query));
    if (!entries)
        return context.fail(entries.error());
    if (query.advertiserId.isEmpty() && QFileInfo::exists(core::AudienceSyncState::defaultPath())) {
        auto state = core::AudienceSyncState::open(core::AudienceSyncState::defaultPath());
        if (!state)
            return context.fail(state.error());
        auto syncs = state.value()->auditLog(query);
        if (!syncs)
            return context.fail(syncs.error());
        entries.value().append(syncs.value());
        std::stable_sort(entries.value().begin(), entries.value().end(),
                         [](const core::AuditEntry& a, const core::AuditEntry& b) { return a.at > b.at; });
        if (entries.value().size() > query.limit)
            entries.value().resize(query.limit);
    }
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray array;
        for (const auto& e : entries.value())
            array.append(QJsonObject{{QStringLiteral("audit_id"), e.id},
                                     {QStringLiteral("at"), core::SegmentJson::formatTime(e.at)},
                                     {QStringLiteral("actor"), e.actor},
                                     {QStringLiteral("advertiser_id"), e.advertiserId},
                                     {QStringLiteral("object_kind"), e.objectKind},
                                     {QStringLiteral("object_id"), e.objectId},
                                     {QStringLiteral("action"), e.action},
                                     {QStringLiteral("version"), e.version},
                                     {QStringLiteral("before"), jsonOrNull(e.before)},
                                     {QStringLiteral("after"), jsonOrNull(e.after)}});
        context.write(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (entries.value().isEmpty()) {
        context.print(QStringLiteral("No audit entries.\n"));
        return 0;
    }
    TextTable table({QStringLiteral("When (UTC)"), QStringLiteral("Who"), QStringLiteral("Advertiser"),
                     QStringLiteral("Kind"), QStringLiteral("Object"), QStringLiteral("Action"),
                     QStringLiteral("Version")});
    table.setAlign(6, TextTable::Align::Right);
    for (const auto& e : entries.value())
        table.addRow({e.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), e.actor, e.advertiserId,
                      e.objectKind, e.objectId, e.action, QString::number(e.version)});
    context.print(table.render());
    return 0;
}

} // namespace segctl
