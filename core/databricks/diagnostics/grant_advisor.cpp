#include "databricks/diagnostics/grant_advisor.h"

#include <QRegularExpression>

namespace core {

namespace {

// Securable names as messages spell them → as GRANT spells them.
QString securableKeyword(const QString& type)
{
    const QString t = type.trimmed().toUpper();
    if (t == QLatin1String("DATABASE"))
        return QStringLiteral("SCHEMA");
    return t;
}

QStringList splitName(QString name)
{
    name = name.trimmed();
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    QStringList parts;
    if (name.contains(QLatin1Char('`'))) {
        // `a`.`b``c`.`d`
        static const QRegularExpression part(QStringLiteral("`((?:[^`]|``)*)`|([^.`]+)"));
        auto it = part.globalMatch(name);
        while (it.hasNext()) {
            const auto m = it.next();
            parts.append(m.captured(1).isNull()
                             ? m.captured(2).trimmed()
                             : m.captured(1).replace(QStringLiteral("``"), QStringLiteral("`")));
        }
    } else {
        parts = name.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    }
    return parts;
}

} // namespace

QString GrantAdvisor::quoteIdentifier(const QString& name)
{
    QString escaped = name;
    escaped.replace(QLatin1Char('`'), QStringLiteral("``"));
    return QLatin1Char('`') + escaped + QLatin1Char('`');
}

QString GrantAdvisor::quoteName(const QStringList& parts)
{
    QStringList quoted;
    for (const QString& p : parts)
        quoted.append(quoteIdentifier(p));
    return quoted.join(QLatin1Char('.'));
}

QString GrantAdvisor::grant(const QString& privilege, const QString& securableType, const QStringList& name,
                            const QString& principal)
{
    return QStringLiteral("GRANT %1 ON %2 %3 TO %4")
        .arg(privilege.toUpper(), securableKeyword(securableType), quoteName(name),
             quoteIdentifier(principal));
}

QString GrantAdvisor::grant(const MissingPrivilege& missing, const QString& principal)
{
    return grant(missing.privilege, missing.securableType, missing.name, principal);
}

std::optional<MissingPrivilege> GrantAdvisor::parse(const QString& message)
{
    // "User does not have MODIFY on Table 'main.ad_segments.gold_segments'."
    // "does not have USE SCHEMA on Schema 'main.ad_segments'", "does not have privilege SELECT on table
    // `a`.`b`.`c`"
    static const QRegularExpression pattern(
        QStringLiteral(
            "does not have (?:the )?(?:privileges? )?([A-Z][A-Z_]*(?: [A-Z][A-Z_]*)?)(?: privileges?)? on "
            "(catalog|schema|database|table|view|volume|function|materialized view|external location) "
            "(?:'([^']+)'|(`[^\\s]+`(?:\\.`[^\\s]+`)*)|([A-Za-z0-9_.]+))"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = pattern.match(message);
    if (!m.hasMatch())
        return std::nullopt;
    MissingPrivilege missing;
    missing.privilege = m.captured(1).toUpper();
    if (missing.privilege == QLatin1String("PERMISSION")) // "does not have permission to use warehouse"
        return std::nullopt;
    missing.securableType = securableKeyword(m.captured(2));
    QString name = m.captured(3);
    if (name.isEmpty())
        name = m.captured(4);
    if (name.isEmpty())
        name = m.captured(5);
    missing.name = splitName(name);
    if (missing.name.isEmpty())
        return std::nullopt;
    return missing;
}

std::optional<MissingPrivilege> GrantAdvisor::parse(const Error& error)
{
    if (auto m = parse(error.userMessage))
        return m;
    return parse(error.detail);
}

bool GrantAdvisor::isWarehouseRefusal(const Error& error)
{
    static const QRegularExpression pattern(
        QStringLiteral("permission to use (?:the )?(?:sql )?(?:warehouse|endpoint)"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(error.userMessage).hasMatch() || pattern.match(error.detail).hasMatch();
}

QString GrantAdvisor::warehouseCanUseFix(const QString& warehouseId, const QString& warehouseName,
                                         const QString& principal, bool servicePrincipal)
{
    const QString label =
        warehouseName.isEmpty() ? warehouseId : QStringLiteral("%1 (%2)").arg(warehouseName, warehouseId);
    return QStringLiteral(
               "CAN USE on a SQL warehouse is a workspace permission, not a SQL GRANT: a workspace admin or "
               "the "
               "warehouse owner opens SQL Warehouses ▸ %1 ▸ Permissions and gives %2 “Can use” "
               "(or: PATCH /api/2.0/permissions/warehouses/%3 with {\"access_control_list\": [{\"%4\": "
               "\"%5\", "
               "\"permission_level\": \"CAN_USE\"}]}). The principal also needs the workspace entitlement "
               "“Databricks SQL access”.")
        .arg(label, quoteIdentifier(principal), warehouseId,
             servicePrincipal ? QStringLiteral("service_principal_name") : QStringLiteral("user_name"),
             principal);
}

QString GrantAdvisor::fixFor(const Error& error, const QString& principal, const QString& fallback)
{
    if (principal.isEmpty())
        return fallback;
    if (const auto missing = parse(error))
        return grant(*missing, principal);
    return fallback;
}

} // namespace core
