#pragma once

#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// Who a write records, as the SQL spells it. On the shared backends (Databricks, PostgreSQL /
// Lakebase) it is the database's own current_user: the signed-in principal, taken by the backend
// itself, so no value a client sends can forge it. On the local SQLite workspace (one user) it is
// the bound name of the OS user.
class PrincipalSql
{
public:
    // True when the backend itself knows who is signed in (every dialect but SQLite).
    static bool fromBackend(SqlDialect dialect) { return dialect != SqlDialect::Sqlite; }
    // The expression recording the actor: current_user() / CURRENT_USER, or localUser bound.
    static QString actor(SqlDialect dialect, SqlParams& params, const QString& localUser);
    // One row, column principal: who the backend says is signed in (shared dialects only).
    static BoundSql currentPrincipal(SqlDialect dialect);
};

} // namespace core
