#include "access_commands.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "backends/backend.h"
#include "command_context.h"
#include "domain/segment_json.h"
#include "parsed_args.h"
#include "text_table.h"

namespace segctl {

namespace {

using Open = CommandContext::Open;

core::Result<core::AccessStore*> accessStore(CommandContext& context)
{
    auto backend = context.backend(Open::ExistingOnly);
    if (!backend)
        return backend.error();
    return &backend.value()->access();
}

const OptionSpec kAdvertiser{QStringLiteral("advertiser"), QStringLiteral("ID"), QStringLiteral("the advertiser (required)"), {}};
const OptionSpec kPrincipal{QStringLiteral("principal"), QStringLiteral("NAME"),
                            QStringLiteral("user e-mail, service principal or database role (required)"), {}};

} // namespace

QList<CommandSpec> AccessCommands::specs()
{
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("access"), QStringLiteral("grant")},
        QStringLiteral("Give a principal a role on an advertiser"),
        QStringLiteral(
            "Roles: viewer (reads the advertiser's segments, metrics and experiments), editor (also creates, edits, "
            "deletes and activates), owner (also grants). The backend enforces them: Unity Catalog row filters on "
            "Databricks, row-level security on PostgreSQL and Lakebase. Only an owner of the advertiser may grant; "
            "in a workspace without any grant yet everyone owns everything, and the first grant makes you its owner. "
            "A principal has one role per advertiser: granting again replaces it."),
        {},
        {kAdvertiser, kPrincipal,
         {QStringLiteral("role"), QStringLiteral("ROLE"), QStringLiteral("the role (required)"),
          {QStringLiteral("viewer"), QStringLiteral("editor"), QStringLiteral("owner")}}},
        {QStringLiteral("segctl --profile prod access grant --advertiser acme --principal kim@example.com --role editor")},
        &AccessCommands::grant,
        CommandSpec::Backend::Shared});
    out.append(CommandSpec{
        {QStringLiteral("access"), QStringLiteral("revoke")},
        QStringLiteral("Take a principal's role on an advertiser away"),
        QStringLiteral("Only an owner may revoke; the advertiser's last owner cannot be removed."),
        {},
        {kAdvertiser, kPrincipal},
        {QStringLiteral("segctl --profile prod access revoke --advertiser acme --principal kim@example.com")},
        &AccessCommands::revoke,
        CommandSpec::Backend::Shared});
    out.append(CommandSpec{
        {QStringLiteral("access"), QStringLiteral("list")},
        QStringLiteral("List who has which role"),
        QStringLiteral("Lists the roles on one advertiser, or on every advertiser you can see, and says who you are "
                       "signed in as."),
        {},
        {{QStringLiteral("advertiser"), QStringLiteral("ID"), QStringLiteral("only this advertiser"), {}},
         {QStringLiteral("format"), QStringLiteral("FORMAT"), QStringLiteral("output format (default: table)"),
          {QStringLiteral("table"), QStringLiteral("json")}}},
        {QStringLiteral("segctl --postgres 'host=db dbname=segments' access list --advertiser acme")},
        &AccessCommands::list,
        CommandSpec::Backend::Shared});
    return out;
}

int AccessCommands::grant(CommandContext& context, const ParsedArgs& args)
{
    const QString advertiser = args.value(QStringLiteral("advertiser")).trimmed();
    const QString principal = args.value(QStringLiteral("principal")).trimmed();
    const core::AdvertiserRole role = core::advertiserRoleFromKey(args.value(QStringLiteral("role")));
    if (advertiser.isEmpty())
        return context.usageError(QStringLiteral("access grant needs --advertiser ID"));
    if (principal.isEmpty())
        return context.usageError(QStringLiteral("access grant needs --principal NAME"));
    if (role == core::AdvertiserRole::None)
        return context.usageError(QStringLiteral("access grant needs --role viewer, editor or owner"));
    auto store = accessStore(context);
    if (!store)
        return context.fail(store.error());
    if (auto known = context.requireAdvertiser(advertiser); !known)
        return context.fail(known.error());
    auto granted = CommandContext::await(store.value()->grant(advertiser, principal, role));
    if (!granted)
        return context.fail(granted.error());
    context.print(QStringLiteral("%1 is now %2 of %3.\n").arg(principal, core::advertiserRoleKey(role), advertiser));
    return 0;
}

int AccessCommands::revoke(CommandContext& context, const ParsedArgs& args)
{
    const QString advertiser = args.value(QStringLiteral("advertiser")).trimmed();
    const QString principal = args.value(QStringLiteral("principal")).trimmed();
    if (advertiser.isEmpty())
        return context.usageError(QStringLiteral("access revoke needs --advertiser ID"));
    if (principal.isEmpty())
        return context.usageError(QStringLiteral("access revoke needs --principal NAME"));
    auto store = accessStore(context);
    if (!store)
        return context.fail(store.error());
    auto revoked = CommandContext::await(store.value()->revoke(advertiser, principal));
    if (!revoked)
        return context.fail(revoked.error());
    context.print(QStringLiteral("%1 has no role on %2 any more.\n").arg(principal, advertiser));
    return 0;
}

int AccessCommands::list(CommandContext& context, const ParsedArgs& args)
{
    const QString advertiser = args.value(QStringLiteral("advertiser")).trimmed();
    auto store = accessStore(context);
    if (!store)
        return context.fail(store.error());
    auto me = CommandContext::await(store.value()->myRoles());
    if (!me)
        return context.fail(me.error());
    auto grants = CommandContext::await(store.value()->grants(advertiser));
    if (!grants)
        return context.fail(grants.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray rows;
        for (const auto& g : grants.value())
            rows.append(QJsonObject{{QStringLiteral("advertiser_id"), g.advertiserId},
                                    {QStringLiteral("principal"), g.principal},
                                    {QStringLiteral("role"), core::advertiserRoleKey(g.role)},
                                    {QStringLiteral("granted_by"), g.grantedBy},
                                    {QStringLiteral("granted_at"), core::SegmentJson::formatTime(g.grantedAt)}});
        const QJsonObject doc{{QStringLiteral("signed_in_as"), me.value().principal},
                              {QStringLiteral("managed"), me.value().managed},
                              {QStringLiteral("grants"), rows}};
        context.write(QJsonDocument(doc).toJson(QJsonDocument::Indented));
        return 0;
    }
    context.print(QStringLiteral("Signed in as %1.\n").arg(me.value().principal));
    if (!me.value().managed && grants.value().isEmpty()) {
        context.print(QStringLiteral("No roles granted yet: everyone who can connect owns every advertiser. The first "
                                     "`access grant` makes you owner of its advertiser.\n"));
        return 0;
    }
    TextTable table({QStringLiteral("ADVERTISER"), QStringLiteral("PRINCIPAL"), QStringLiteral("ROLE"),
                     QStringLiteral("GRANTED BY"), QStringLiteral("GRANTED AT")});
    for (const auto& g : grants.value())
        table.addRow({g.advertiserId, g.principal, core::advertiserRoleKey(g.role), g.grantedBy,
                      g.grantedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))});
    context.print(table.render());
    return 0;
}

} // namespace segctl
