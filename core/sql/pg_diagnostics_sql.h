#pragma once

#include <QStringList>

#include "sql/sql_params.h"

namespace core {

// The read-only statements the PostgreSQL/Lakebase doctor runs (PgDoctor), every value bound,
// and the GRANT that fixes a missing privilege. Golden file: tests/unit/golden/pg_diagnostics_postgres.sql.
class PgDiagnosticsSql
{
public:
    // Who we are signed in as, on which database and server version: columns user_name,
    // database_name, server_version.
    static BoundSql identity();
    // Per table: table_name, present, can_select, can_insert, can_update, can_delete.
    static BoundSql tablePrivileges(const QStringList& tables);
    // "GRANT SELECT, INSERT ON TABLE gold_segments, advertisers TO "sam@example.com"" — names as
    // PostgreSQL identifiers, quoted when they need it.
    static QString grant(const QStringList& privileges, const QStringList& tables, const QString& role);
    // An identifier as PostgreSQL reads it: plain when it is lower-case letters, digits and _,
    // else in double quotes with inner quotes doubled.
    static QString quoteIdentifier(const QString& name);
};

} // namespace core
