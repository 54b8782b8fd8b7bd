#include "sql/pg_diagnostics_sql.h"

#include <QRegularExpression>

namespace core {

BoundSql PgDiagnosticsSql::identity()
{
    return {QStringLiteral("SELECT current_user AS user_name, current_database() AS database_name, "
                           "current_setting('server_version') AS server_version"),
            {}};
}

BoundSql PgDiagnosticsSql::tablePrivileges(const QStringList& tables)
{
    SqlParams p;
    QStringList rows;
    for (int i = 0; i < tables.size(); ++i)
        rows.append(QStringLiteral("(%1, %2)").arg(p.addString(tables.at(i)), p.addInt(i)));
    const QString sql = QStringLiteral(
                            "SELECT t.name AS table_name, to_regclass(t.name) IS NOT NULL AS present, "
                            "COALESCE(has_table_privilege(to_regclass(t.name), 'SELECT'), false) AS can_select, "
                            "COALESCE(has_table_privilege(to_regclass(t.name), 'INSERT'), false) AS can_insert, "
                            "COALESCE(has_table_privilege(to_regclass(t.name), 'UPDATE'), false) AS can_update, "
                            "COALESCE(has_table_privilege(to_regclass(t.name), 'DELETE'), false) AS can_delete "
                            "FROM (VALUES %1) AS t(name, position) ORDER BY t.position")
                            .arg(rows.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

QString PgDiagnosticsSql::quoteIdentifier(const QString& name)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    if (plain.match(name).hasMatch())
        return name;
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString PgDiagnosticsSql::grant(const QStringList& privileges, const QStringList& tables, const QString& role)
{
    QStringList names;
    for (const auto& t : tables)
        names.append(quoteIdentifier(t));
    return QStringLiteral("GRANT %1 ON TABLE %2 TO %3;")
        .arg(privileges.join(QStringLiteral(", ")), names.join(QStringLiteral(", ")), quoteIdentifier(role));
}

} // namespace core
