#include "sql/principal_sql.h"

namespace core {

QString PrincipalSql::actor(SqlDialect dialect, SqlParams& params, const QString& localUser)
{
    switch (dialect) {
    case SqlDialect::Databricks: return QStringLiteral("current_user()");
    case SqlDialect::Postgres: return QStringLiteral("CURRENT_USER");
    case SqlDialect::Sqlite: break;
    }
    return params.addString(localUser);
}

BoundSql PrincipalSql::currentPrincipal(SqlDialect dialect)
{
    if (dialect == SqlDialect::Databricks)
        return {QStringLiteral("SELECT current_user() AS principal"), {}};
    return {QStringLiteral("SELECT CAST(CURRENT_USER AS TEXT) AS principal"), {}};
}

} // namespace core
