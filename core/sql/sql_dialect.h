#pragma once

#include <QString>

namespace core {

enum class SqlDialect { Sqlite, Databricks, Postgres };

// Where the tables live and how the dialect spells things. SQL text is built only by the
// builders in core/sql from this and bound parameters: no value is ever spliced into SQL.
struct SqlTarget
{
    SqlDialect dialect = SqlDialect::Sqlite;
    // Prefix put before every table name: "" for SQLite, "`main`.`ad_segments`." for Databricks.
    QString tablePrefix;

    QString table(const QString& name) const { return tablePrefix + name; }
};

} // namespace core
