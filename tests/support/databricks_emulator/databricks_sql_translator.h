#pragma once

// Databricks SQL → PostgreSQL 15, for the emulator's warehouse. Not a full SQL parser: a tokenizer
// plus targeted rewrites of the Databricks-only syntax the app and its tools use. The rules are
// listed in databricks_sql_translator.cpp (top of file) and pinned by
// tests/integration/databricks_emulator_test.cpp.

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace emulator {

enum class StatementKind
{
    Query, // SELECT / WITH / VALUES / SHOW / DESCRIBE (anything answering rows)
    Insert,
    Update,
    Delete,
    Merge,
    CreateTable,
    CreateView,
    CreateSchema,
    CreateCatalog,
    CreateVolume, // nothing to run; the emulator registers volumeName
    CreateFunction, // a SQL UDF (row filter functions)
    Drop,
    Alter,
    Comment,
    Truncate,
    Grant,
    Revoke,
    NoOp,  // USE, SET, OPTIMIZE, VACUUM, ANALYZE, REFRESH, table properties: nothing to run
    Other, // passed through unchanged apart from the generic rewrites
};

// A table (or schema, for Create) a statement touches, with the privilege it needs.
struct TableReference
{
    enum class Access
    {
        Read,
        Write,
        Create
    };
    QString catalog;
    QString schema;
    QString table; // empty for a schema reference
    Access access = Access::Read;
};

struct SqlTranslation
{
    StatementKind kind = StatementKind::Other;
    QStringList statements;             // PostgreSQL statements to run in order, in one transaction
    QList<TableReference> tables;       // information_schema references are not listed
    QStringList parameterNames;         // distinct :name markers, in order of first use
    QHash<QString, QString> aliases;    // lower-case column alias → spelling in the statement
    QString targetTable;                // INSERT/UPDATE/DELETE/MERGE target as PostgreSQL name
    bool requiresExistingTable = false; // DESCRIBE / SHOW COLUMNS: fail when tables[0] is missing

    // GRANT / REVOKE: privileges (upper case, e.g. "MODIFY", "USE SCHEMA"), securable and grantee.
    QStringList privileges;
    QString securableType;
    QString securable;
    QString grantee;
    QString catalogName; // CREATE CATALOG
    QString volumeName;  // CREATE VOLUME: "catalog.schema.volume", lower case

    // Set when the statement cannot be translated: the Databricks error to report.
    QString errorClass;
    QString errorMessage; // full message, "[CLASS] ... SQLSTATE: xxxxx"
    QString sqlState;
    bool ok() const { return errorClass.isEmpty(); }
};

struct SqlTranslationContext
{
    QString catalog = QStringLiteral("main");
    QString schema = QStringLiteral("default");
    QSet<QString> knownCatalogs; // lower case; names whose first part is one of these lose it
    // Bound parameters: name → Databricks type (upper case; empty = STRING). A typed marker
    // becomes CAST(:name AS <postgres type>); values are only needed for IDENTIFIER(:name).
    QHash<QString, QString> parameterTypes;
    QHash<QString, QString> parameterValues;
};

SqlTranslation translateDatabricksSql(const QString& sql, const SqlTranslationContext& context);

// "BIGINT" → "bigint", "DECIMAL(10,2)" → "numeric(10,2)", "TIMESTAMP" → "timestamptz" ...;
// empty when the type is not a scalar Databricks type (ARRAY/MAP/STRUCT or unknown).
QString postgresTypeForParameterType(const QString& databricksType);

// Name of the PostgreSQL schema holding the Databricks-shaped information_schema views.
QString informationSchemaViewsSchema();

} // namespace emulator
