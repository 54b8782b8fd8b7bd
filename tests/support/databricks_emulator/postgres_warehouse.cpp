#include "postgres_warehouse.h"

#include <cmath>

#include <QDate>
#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

Q_LOGGING_CATEGORY(lcWarehouse, "sb.emulator.warehouse", QtInfoMsg)

namespace emulator {

namespace {

// PostgreSQL type OIDs (pg_type.h).
enum Oid
{
    BoolOid = 16,
    ByteaOid = 17,
    CharOid = 18,
    NameOid = 19,
    Int8Oid = 20,
    Int2Oid = 21,
    Int4Oid = 23,
    TextOid = 25,
    OidOid = 26,
    JsonOid = 114,
    Float4Oid = 700,
    Float8Oid = 701,
    BpcharOid = 1042,
    VarcharOid = 1043,
    DateOid = 1082,
    TimestampOid = 1114,
    TimestamptzOid = 1184,
    IntervalOid = 1186,
    NumericOid = 1700,
    UuidOid = 2950,
    JsonbOid = 3802,
    BoolArrayOid = 1000,
    Int2ArrayOid = 1005,
    Int4ArrayOid = 1007,
    TextArrayOid = 1009,
    VarcharArrayOid = 1015,
    Int8ArrayOid = 1016,
    Float4ArrayOid = 1021,
    Float8ArrayOid = 1022,
    TimestampArrayOid = 1115,
    DateArrayOid = 1182,
    TimestamptzArrayOid = 1185,
    NumericArrayOid = 1231,
};

struct TypeInfo
{
    QString name;
    QString text;
};

TypeInfo scalarType(int oid)
{
    switch (oid) {
    case BoolOid:
        return {QStringLiteral("BOOLEAN"), QStringLiteral("BOOLEAN")};
    case Int2Oid:
        return {QStringLiteral("SHORT"), QStringLiteral("SMALLINT")};
    case Int4Oid:
        return {QStringLiteral("INT"), QStringLiteral("INT")};
    case Int8Oid:
    case OidOid:
        return {QStringLiteral("LONG"), QStringLiteral("BIGINT")};
    case Float4Oid:
        return {QStringLiteral("FLOAT"), QStringLiteral("FLOAT")};
    case Float8Oid:
        return {QStringLiteral("DOUBLE"), QStringLiteral("DOUBLE")};
    case NumericOid:
        return {QStringLiteral("DECIMAL"), QStringLiteral("DECIMAL")};
    case DateOid:
        return {QStringLiteral("DATE"), QStringLiteral("DATE")};
    case TimestamptzOid:
        return {QStringLiteral("TIMESTAMP"), QStringLiteral("TIMESTAMP")};
    case TimestampOid:
        return {QStringLiteral("TIMESTAMP_NTZ"), QStringLiteral("TIMESTAMP_NTZ")};
    case ByteaOid:
        return {QStringLiteral("BINARY"), QStringLiteral("BINARY")};
    default:
        return {QStringLiteral("STRING"), QStringLiteral("STRING")};
    }
}

int arrayElementOid(int oid)
{
    switch (oid) {
    case BoolArrayOid:
        return BoolOid;
    case Int2ArrayOid:
        return Int2Oid;
    case Int4ArrayOid:
        return Int4Oid;
    case Int8ArrayOid:
        return Int8Oid;
    case TextArrayOid:
    case VarcharArrayOid:
        return TextOid;
    case Float4ArrayOid:
        return Float4Oid;
    case Float8ArrayOid:
        return Float8Oid;
    case NumericArrayOid:
        return NumericOid;
    case DateArrayOid:
        return DateOid;
    case TimestampArrayOid:
        return TimestampOid;
    case TimestamptzArrayOid:
        return TimestamptzOid;
    default:
        return 0;
    }
}

QString formatDouble(double d)
{
    if (std::isnan(d))
        return QStringLiteral("NaN");
    if (std::isinf(d))
        return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    if (d == std::floor(d) && std::fabs(d) < 1e7)
        return QString::number(d, 'f', 1); // Java's Double.toString: 3.0
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

QString formatTimestamp(const QDateTime& value, const QTimeZone& zone)
{
    const QDateTime dt = value.toTimeZone(zone);
    const int offset = dt.offsetFromUtc();
    const int abs = std::abs(offset);
    return dt.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz")) +
           QStringLiteral("%1%2:%3")
               .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
               .arg(abs / 3600, 2, 10, QLatin1Char('0'))
               .arg((abs % 3600) / 60, 2, 10, QLatin1Char('0'));
}

// A one-dimensional PostgreSQL array literal ({a,"b,c",NULL}) → JSON text with typed elements.
QString arrayToJson(const QString& literal, int elementOid)
{
    QJsonArray array;
    const bool numeric = elementOid == Int2Oid || elementOid == Int4Oid || elementOid == Int8Oid ||
                         elementOid == Float4Oid || elementOid == Float8Oid || elementOid == NumericOid;
    const bool boolean = elementOid == BoolOid;
    QString s = literal.trimmed();
    if (s.startsWith(QLatin1Char('{')) && s.endsWith(QLatin1Char('}')))
        s = s.mid(1, s.size() - 2);
    int i = 0;
    const int n = s.size();
    while (i < n) {
        QString item;
        bool quoted = false;
        if (s.at(i) == QLatin1Char('"')) {
            quoted = true;
            ++i;
            while (i < n && s.at(i) != QLatin1Char('"')) {
                if (s.at(i) == QLatin1Char('\\') && i + 1 < n)
                    ++i;
                item += s.at(i++);
            }
            ++i; // closing quote
        } else {
            while (i < n && s.at(i) != QLatin1Char(','))
                item += s.at(i++);
        }
        ++i; // comma
        if (!quoted && item == QLatin1String("NULL"))
            array.append(QJsonValue::Null);
        else if (boolean)
            array.append(item == QLatin1String("t") || item == QLatin1String("true"));
        else if (numeric)
            array.append(item.toDouble());
        else
            array.append(item);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QJsonValue toJsonValue(const QVariant& value, int oid, const QTimeZone& zone)
{
    if (value.isNull() || !value.isValid())
        return QJsonValue::Null;
    switch (oid) {
    case BoolOid:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Int2Oid:
    case Int4Oid:
    case Int8Oid:
    case OidOid:
        return QString::number(value.toLongLong());
    case Float4Oid:
    case Float8Oid:
        if (value.typeId() == QMetaType::QString)
            return value.toString();
        return formatDouble(value.toDouble());
    case DateOid:
        return value.toDate().toString(Qt::ISODate);
    case TimestamptzOid:
        return formatTimestamp(value.toDateTime(), zone);
    case TimestampOid:
        return value.toDateTime().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz"));
    case ByteaOid:
        return QString::fromLatin1(value.toByteArray().toBase64());
    default:
        break;
    }
    if (const int element = arrayElementOid(oid))
        return arrayToJson(value.toString(), element);
    return value.toString();
}

QString quoteIdent(const QString& name)
{
    QString n = name;
    n.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + n + QLatin1Char('"');
}

QString backticked(const QStringList& parts)
{
    QStringList out;
    for (const QString& p : parts)
        out << QLatin1Char('`') + p + QLatin1Char('`');
    return out.join(QLatin1Char('.'));
}

QString primaryMessage(const QSqlError& error)
{
    QString text = error.databaseText();
    const int newline = text.indexOf(QLatin1Char('\n'));
    if (newline >= 0)
        text = text.left(newline);
    static const QRegularExpression prefix(QStringLiteral("^(ERROR|FATAL):\\s+"));
    text.remove(prefix);
    if (text.isEmpty())
        text = error.text();
    return text.trimmed();
}

struct Failure
{
    QString errorClass;
    QString message;
    QString sqlState;
};

Failure failure(const QString& errorClass, const QString& text, const QString& sqlState)
{
    return {errorClass, QStringLiteral("[%1] %2 SQLSTATE: %3").arg(errorClass, text, sqlState), sqlState};
}

Failure parseSyntaxError(const QString& sql, const QString& near, int pos)
{
    int line = 1;
    int col = 0;
    for (int k = 0; k < pos && k < sql.size(); ++k) {
        if (sql.at(k) == QLatin1Char('\n')) {
            ++line;
            col = 0;
        } else {
            ++col;
        }
    }
    return {QStringLiteral("PARSE_SYNTAX_ERROR"),
            QStringLiteral("[PARSE_SYNTAX_ERROR] Syntax error at or near %1. SQLSTATE: 42601 (line %2, pos "
                           "%3)\n\n== SQL ==\n%4")
                .arg(near)
                .arg(line)
                .arg(col)
                .arg(sql),
            QStringLiteral("42601")};
}

// PostgreSQL error → Databricks error class, message and SQLSTATE.
Failure mapPostgresError(const QSqlError& error, const ExecutionRequest& request,
                         const SqlTranslation& translation)
{
    const QString state = error.nativeErrorCode();
    const QString primary = primaryMessage(error);
    const QString catalog = request.catalog.isEmpty() ? QStringLiteral("main") : request.catalog.toLower();
    const QString schema = request.schema.isEmpty() ? QStringLiteral("default") : request.schema.toLower();
    auto catalogFor = [&](const QString& s, const QString& t) {
        for (const TableReference& ref : translation.tables)
            if (ref.schema == s && (t.isEmpty() || ref.table == t))
                return ref.catalog;
        return catalog;
    };
    auto quotedName = [&](const QRegularExpression& re) {
        const auto m = re.match(primary);
        return m.hasMatch() ? m.captured(1) : QString();
    };

    if (state == QLatin1String("42601")) {
        static const QRegularExpression nearRe(QStringLiteral("at or near \"([^\"]*)\""));
        const auto m = nearRe.match(primary);
        if (m.hasMatch()) {
            const QString token = m.captured(1);
            const int pos = request.sql.indexOf(token, 0, Qt::CaseInsensitive);
            return parseSyntaxError(request.sql, QLatin1Char('\'') + token + QLatin1Char('\''),
                                    std::max(pos, 0));
        }
        return parseSyntaxError(request.sql, QStringLiteral("end of input"), int(request.sql.size()));
    }
    if (state == QLatin1String("42P01")) {
        static const QRegularExpression re(QStringLiteral("relation \"([^\"]+)\" does not exist"));
        QStringList parts = quotedName(re).split(QLatin1Char('.'));
        if (parts.size() == 1)
            parts.prepend(schema);
        parts.prepend(catalogFor(parts[0], parts[1]));
        return failure(
            QStringLiteral("TABLE_OR_VIEW_NOT_FOUND"),
            QStringLiteral("The table or view %1 cannot be found. Verify the spelling and correctness of the "
                           "schema and catalog.\nIf you did not qualify the name with a schema, verify the "
                           "current_schema() output, or qualify the name with the correct schema and "
                           "catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF "
                           "EXISTS.")
                .arg(backticked(parts)),
            QStringLiteral("42P01"));
    }
    if (state == QLatin1String("3F000")) {
        static const QRegularExpression re(QStringLiteral("schema \"([^\"]+)\" does not exist"));
        const QString s = quotedName(re);
        return failure(
            QStringLiteral("SCHEMA_NOT_FOUND"),
            QStringLiteral("The schema %1 cannot be found. Verify the spelling and correctness of the schema "
                           "and catalog.\nIf you did not qualify the name with a catalog, verify the "
                           "current_schema() output, or qualify the name with the correct catalog.\nTo "
                           "tolerate the error on drop use DROP SCHEMA IF EXISTS.")
                .arg(backticked({catalogFor(s, QString()), s})),
            QStringLiteral("42704"));
    }
    if (state == QLatin1String("42703")) {
        static const QRegularExpression re(
            QStringLiteral("column \"?([^\" ]+)\"? (of relation \"[^\"]+\" )?does not exist"));
        return failure(
            QStringLiteral("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION"),
            QStringLiteral("A column, variable, or function parameter with name `%1` cannot be resolved. ")
                .arg(quotedName(re)),
            QStringLiteral("42703"));
    }
    if (state == QLatin1String("42P07")) {
        static const QRegularExpression re(QStringLiteral("relation \"([^\"]+)\" already exists"));
        const QString t = quotedName(re);
        return failure(
            QStringLiteral("TABLE_OR_VIEW_ALREADY_EXISTS"),
            QStringLiteral("Cannot create table or view %1 because it already exists.\nChoose a different "
                           "name, drop or replace the existing object, or add the IF NOT EXISTS clause to "
                           "tolerate pre-existing objects.")
                .arg(backticked({catalog, schema, t})),
            QStringLiteral("42P07"));
    }
    if (state == QLatin1String("42P06")) {
        static const QRegularExpression re(QStringLiteral("schema \"([^\"]+)\" already exists"));
        return failure(
            QStringLiteral("SCHEMA_ALREADY_EXISTS"),
            QStringLiteral(
                "Cannot create schema %1 because it already exists.\nChoose a different name, drop "
                "the existing schema, or add the IF NOT EXISTS clause to tolerate pre-existing "
                "schema.")
                .arg(backticked({catalog, quotedName(re)})),
            QStringLiteral("42P06"));
    }
    if (state == QLatin1String("42883")) {
        if (primary.startsWith(QLatin1String("function"))) {
            static const QRegularExpression re(QStringLiteral("function ([A-Za-z0-9_.\"]+)\\("));
            return failure(QStringLiteral("UNRESOLVED_ROUTINE"),
                           QStringLiteral("Cannot resolve routine `%1` on search path [`system`.`builtin`, "
                                          "`system`.`session`, `%2`.`%3`].")
                               .arg(quotedName(re).remove(QLatin1Char('"')), catalog, schema),
                           QStringLiteral("42883"));
        }
        return failure(
            QStringLiteral("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES"),
            QStringLiteral("Cannot resolve the expression due to data type mismatch: %1.").arg(primary),
            QStringLiteral("42K09"));
    }
    if (state == QLatin1String("42804") || state == QLatin1String("42846"))
        return failure(
            QStringLiteral("DATATYPE_MISMATCH"),
            QStringLiteral("Cannot resolve the expression due to data type mismatch: %1.").arg(primary),
            QStringLiteral("42K09"));
    if (state == QLatin1String("22P02") || state == QLatin1String("22007") || state == QLatin1String("22008"))
        return failure(
            QStringLiteral("CAST_INVALID_INPUT"),
            QStringLiteral("The value cannot be cast because it is malformed (%1). Correct the value as per "
                           "the syntax, or change its target type. Use `try_cast` to tolerate malformed "
                           "input and return NULL instead.")
                .arg(primary),
            QStringLiteral("22018"));
    if (state == QLatin1String("22003"))
        return failure(QStringLiteral("ARITHMETIC_OVERFLOW"), primary + QLatin1Char('.'),
                       QStringLiteral("22003"));
    if (state == QLatin1String("22012"))
        return failure(
            QStringLiteral("DIVIDE_BY_ZERO"),
            QStringLiteral("Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL "
                           "instead."),
            QStringLiteral("22012"));
    if (state == QLatin1String("22001"))
        return failure(QStringLiteral("EXCEED_LIMIT_LENGTH"), primary + QLatin1Char('.'),
                       QStringLiteral("54006"));
    if (state == QLatin1String("23502")) {
        static const QRegularExpression re(QStringLiteral("column \"([^\"]+)\""));
        return failure(QStringLiteral("DELTA_NOT_NULL_CONSTRAINT_VIOLATED"),
                       QStringLiteral("NOT NULL constraint violated for column: %1.").arg(quotedName(re)),
                       QStringLiteral("23502"));
    }
    if (state == QLatin1String("23514"))
        return failure(QStringLiteral("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES"),
                       QStringLiteral("CHECK constraint violated: %1.").arg(primary),
                       QStringLiteral("23001"));
    if (state == QLatin1String("21000"))
        return failure(
            QStringLiteral("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE"),
            QStringLiteral("Cannot perform Merge as multiple source rows matched and attempted to modify the "
                           "same\ntarget row in the Delta table in possibly conflicting ways. By SQL "
                           "semantics of Merge,\nwhen multiple source rows match on the same target row, "
                           "the result may be ambiguous\nas it is unclear which source row should be used "
                           "to update or delete the matching\ntarget row."),
            QStringLiteral("21506"));
    if (state == QLatin1String("42501"))
        return failure(QStringLiteral("INSUFFICIENT_PERMISSIONS"),
                       QStringLiteral("Insufficient privileges: %1.").arg(primary), QStringLiteral("42501"));
    if (state == QLatin1String("40001") || state == QLatin1String("40P01"))
        return failure(
            QStringLiteral("DELTA_CONCURRENT_TRANSACTION"),
            QStringLiteral("Transaction conflict detected (%1). Retry the operation.").arg(primary),
            QStringLiteral("2D521"));
    const QString code = state.isEmpty() ? QStringLiteral("XX000") : state;
    return failure(QStringLiteral("EMULATOR_POSTGRES_ERROR"),
                   QStringLiteral("PostgreSQL rejected the translated statement: %1.").arg(primary), code);
}

QString privilegeMessage(const QString& privilege, const QString& objectType, const QString& objectName)
{
    return QStringLiteral(
               "[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have %1 on %2 '%3'. "
               "SQLSTATE: 42501")
        .arg(privilege, objectType, objectName);
}

const char* const kSetupSql[] = {
    R"sql(CREATE SCHEMA IF NOT EXISTS "default")sql",
    R"sql(CREATE SCHEMA IF NOT EXISTS databricks_information_schema)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.element_text(udt text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
SELECT CASE udt WHEN 'text' THEN 'string' WHEN 'varchar' THEN 'string' WHEN 'bpchar' THEN 'string'
  WHEN 'int8' THEN 'bigint' WHEN 'int4' THEN 'int' WHEN 'int2' THEN 'smallint' WHEN 'float8' THEN 'double'
  WHEN 'float4' THEN 'float' WHEN 'bool' THEN 'boolean' WHEN 'date' THEN 'date' WHEN 'timestamptz' THEN 'timestamp'
  WHEN 'timestamp' THEN 'timestamp_ntz' WHEN 'numeric' THEN 'decimal' WHEN 'bytea' THEN 'binary'
  WHEN 'jsonb' THEN 'string' WHEN 'json' THEN 'string' ELSE udt END
$$)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.type_text(udt text, p integer, s integer)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN udt = 'numeric' THEN 'decimal(' || coalesce(p, 38) || ',' || coalesce(s, 18) || ')'
  WHEN left(udt, 1) = '_' THEN 'array<' || databricks_information_schema.element_text(substr(udt, 2)) || '>'
  ELSE databricks_information_schema.element_text(udt) END
$$)sql",
    // try_cast: NULL instead of an error for a value that does not convert (Databricks semantics).
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.try_timestamptz(v text) RETURNS timestamptz
LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN CAST(v AS timestamptz); EXCEPTION WHEN others THEN RETURN NULL; END $$)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.try_timestamp(v text) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(v AS timestamp); EXCEPTION WHEN others THEN RETURN NULL; END $$)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.try_date(v text) RETURNS date
LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN CAST(v AS date); EXCEPTION WHEN others THEN RETURN NULL; END $$)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.try_bigint(v text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(v AS bigint); EXCEPTION WHEN others THEN RETURN NULL; END $$)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.try_integer(v text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(v AS integer); EXCEPTION WHEN others THEN RETURN NULL; END $$)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.try_smallint(v text) RETURNS smallint
LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(v AS smallint); EXCEPTION WHEN others THEN RETURN NULL; END $$)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.try_double(v text) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(v AS double precision); EXCEPTION WHEN others THEN RETURN NULL; END $$)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.try_real(v text) RETURNS real
LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(v AS real); EXCEPTION WHEN others THEN RETURN NULL; END $$)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.try_boolean(v text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(v AS boolean); EXCEPTION WHEN others THEN RETURN NULL; END $$)sql",
    R"sql(CREATE OR REPLACE VIEW databricks_information_schema.catalogs AS
SELECT c AS catalog_name, CAST(NULL AS text) AS comment
FROM unnest(string_to_array(current_setting('databricks.catalogs', true), ',')) AS c)sql",
    R"sql(CREATE OR REPLACE VIEW databricks_information_schema.schemata AS
SELECT current_setting('databricks.current_catalog', true) AS catalog_name,
       CAST(n.nspname AS text) AS schema_name, CAST(pg_get_userbyid(n.nspowner) AS text) AS schema_owner,
       obj_description(n.oid, 'pg_namespace') AS comment
FROM pg_namespace n
WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('public', 'databricks_information_schema'))sql",
    R"sql(CREATE OR REPLACE VIEW databricks_information_schema.tables AS
SELECT current_setting('databricks.current_catalog', true) AS table_catalog,
       CAST(n.nspname AS text) AS table_schema, CAST(c.relname AS text) AS table_name,
       CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'MANAGED' END AS table_type,
       CAST(pg_get_userbyid(c.relowner) AS text) AS table_owner,
       obj_description(c.oid, 'pg_class') AS comment,
       CASE c.relkind WHEN 'v' THEN NULL ELSE 'DELTA' END AS data_source_format
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v') AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname NOT IN ('information_schema', 'public', 'databricks_information_schema'))sql",
    // Unity Catalog row filters as PostgreSQL row-level security. UC applies a filter whenever rows
    // are fetched: SELECT sees, and UPDATE/DELETE/MERGE touch, only the rows the function keeps;
    // INSERT is not filtered. Statements on a filtered table run as databricks_row_filtered (a
    // role that reads and writes every table but is no superuser, so the policies apply to it).
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.set_row_filter(target text, filter_call text,
                                                                          filter_name text, target_columns text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'databricks_row_filtered') THEN
    CREATE ROLE databricks_row_filtered NOLOGIN;
    GRANT pg_read_all_data, pg_write_all_data TO databricks_row_filtered;
  END IF;
  PERFORM databricks_information_schema.drop_row_filter(target);
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('CREATE POLICY databricks_row_filter ON %s FOR SELECT USING (%s)', target, filter_call);
  EXECUTE format('CREATE POLICY databricks_row_filter_insert ON %s FOR INSERT WITH CHECK (true)', target);
  EXECUTE format('CREATE POLICY databricks_row_filter_update ON %s FOR UPDATE USING (%s) WITH CHECK (true)', target, filter_call);
  EXECUTE format('CREATE POLICY databricks_row_filter_delete ON %s FOR DELETE USING (%s)', target, filter_call);
  EXECUTE format('COMMENT ON POLICY databricks_row_filter ON %s IS %L', target, filter_name || '|' || target_columns);
END $$)sql",
    R"sql(CREATE OR REPLACE FUNCTION databricks_information_schema.drop_row_filter(target text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP POLICY IF EXISTS databricks_row_filter ON %s', target);
  EXECUTE format('DROP POLICY IF EXISTS databricks_row_filter_insert ON %s', target);
  EXECUTE format('DROP POLICY IF EXISTS databricks_row_filter_update ON %s', target);
  EXECUTE format('DROP POLICY IF EXISTS databricks_row_filter_delete ON %s', target);
  EXECUTE format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', target);
END $$)sql",
    R"sql(CREATE OR REPLACE VIEW databricks_information_schema.row_filters AS
SELECT current_setting('databricks.current_catalog', true) AS table_catalog,
       CAST(n.nspname AS text) AS table_schema, CAST(c.relname AS text) AS table_name,
       split_part(obj_description(p.oid, 'pg_policy'), '|', 1) AS filter_name,
       split_part(obj_description(p.oid, 'pg_policy'), '|', 2) AS target_columns
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE p.polname = 'databricks_row_filter')sql",
    R"sql(CREATE OR REPLACE VIEW databricks_information_schema.columns AS
SELECT current_setting('databricks.current_catalog', true) AS table_catalog,
       CAST(c.table_schema AS text) AS table_schema, CAST(c.table_name AS text) AS table_name,
       CAST(c.column_name AS text) AS column_name,
       CAST(row_number() OVER (PARTITION BY c.table_schema, c.table_name ORDER BY c.ordinal_position) - 1 AS integer)
         AS ordinal_position,
       CAST(c.is_nullable AS text) AS is_nullable,
       CAST(c.column_default AS text) AS column_default,
       CASE c.udt_name WHEN 'text' THEN 'STRING' WHEN 'varchar' THEN 'STRING' WHEN 'bpchar' THEN 'STRING'
         WHEN 'int8' THEN 'LONG' WHEN 'int4' THEN 'INT' WHEN 'int2' THEN 'SHORT' WHEN 'float8' THEN 'DOUBLE'
         WHEN 'float4' THEN 'FLOAT' WHEN 'bool' THEN 'BOOLEAN' WHEN 'date' THEN 'DATE'
         WHEN 'timestamptz' THEN 'TIMESTAMP' WHEN 'timestamp' THEN 'TIMESTAMP_NTZ' WHEN 'numeric' THEN 'DECIMAL'
         WHEN 'bytea' THEN 'BINARY' WHEN 'jsonb' THEN 'STRING' WHEN 'json' THEN 'STRING'
         ELSE CASE WHEN left(CAST(c.udt_name AS text), 1) = '_' THEN 'ARRAY' ELSE upper(CAST(c.udt_name AS text)) END
       END AS data_type,
       databricks_information_schema.type_text(CAST(c.udt_name AS text), CAST(c.numeric_precision AS integer),
                                               CAST(c.numeric_scale AS integer)) AS full_data_type,
       col_description(to_regclass(quote_ident(c.table_schema) || '.' || quote_ident(c.table_name)),
                       CAST(c.ordinal_position AS integer)) AS comment
FROM information_schema.columns c
WHERE c.table_schema NOT LIKE 'pg\_%'
  AND c.table_schema NOT IN ('information_schema', 'public', 'databricks_information_schema'))sql",
};

} // namespace

PostgresWarehouse::PostgresWarehouse(QString connectionName) : m_connectionName(std::move(connectionName)) {}

bool PostgresWarehouse::initialize(QString* error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isValid() || !db.isOpen()) {
        if (error)
            *error = QStringLiteral("the PostgreSQL connection '%1' is not open").arg(m_connectionName);
        return false;
    }
    QSqlQuery q(db);
    for (const char* sql : kSetupSql) {
        if (!q.exec(QString::fromUtf8(sql))) {
            if (error)
                *error = QStringLiteral("emulator setup failed: %1").arg(q.lastError().text());
            return false;
        }
    }
    return true;
}

ExecutionOutcome PostgresWarehouse::execute(const ExecutionRequest& request)
{
    ExecutionOutcome out;
    auto fail = [&](const QString& message, const QString& sqlState,
                    const QString& code = QStringLiteral("BAD_REQUEST")) {
        out.succeeded = false;
        out.errorCode = code;
        out.message = message;
        out.sqlState = sqlState;
        return out;
    };
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isValid() || !db.isOpen())
        return fail(QStringLiteral(
                        "[INTERNAL_ERROR] The emulator's PostgreSQL connection is not open. SQLSTATE: XX000"),
                    QStringLiteral("XX000"), QStringLiteral("INTERNAL_ERROR"));

    SqlTranslationContext ctx;
    ctx.catalog = request.catalog.isEmpty() ? QStringLiteral("main") : request.catalog;
    ctx.schema = request.schema.isEmpty() ? QStringLiteral("default") : request.schema;
    ctx.knownCatalogs = request.catalogs;
    for (const StatementParameter& p : request.parameters) {
        const QString type = p.type.trimmed().toUpper();
        if (!type.isEmpty() && type != QLatin1String("STRING") &&
            postgresTypeForParameterType(type).isEmpty())
            return fail(
                QStringLiteral("[UNSUPPORTED_DATATYPE] Unsupported data type \"%1\" for parameter `%2`. "
                               "SQLSTATE: 0A000")
                    .arg(p.type, p.name),
                QStringLiteral("0A000"));
        ctx.parameterTypes.insert(p.name, type);
        if (!p.isNull)
            ctx.parameterValues.insert(p.name, p.value);
    }
    out.translation = translateDatabricksSql(request.sql, ctx);
    const SqlTranslation& tr = out.translation;
    if (!tr.ok())
        return fail(tr.errorMessage, tr.sqlState);
    for (const QString& name : tr.parameterNames) {
        if (!ctx.parameterTypes.contains(name))
            return fail(QStringLiteral(
                            "[UNBOUND_SQL_PARAMETER] Found the unbound parameter: %1. Please, fix `args` and "
                            "provide a mapping of the parameter to either a SQL literal or collection "
                            "constructor functions such as `map()`, `array()`, `struct()`. SQLSTATE: 42P02")
                            .arg(name),
                        QStringLiteral("42P02"));
    }
    qCDebug(lcWarehouse).noquote() << "Databricks:" << request.sql
                                   << "\n  PostgreSQL:" << tr.statements.join(QStringLiteral("; "));

    // Catalogs must exist.
    QStringList catalogsToCheck;
    if (!request.catalog.isEmpty())
        catalogsToCheck << request.catalog.toLower();
    for (const TableReference& ref : tr.tables)
        catalogsToCheck << ref.catalog;
    for (const QString& c : catalogsToCheck) {
        if (!request.catalogs.contains(c))
            return fail(
                QStringLiteral(
                    "[NO_SUCH_CATALOG_EXCEPTION] Catalog '%1' was not found. Please verify the catalog "
                    "name and then retry the query or command again. SQLSTATE: 42704")
                    .arg(c),
                QStringLiteral("42704"));
    }

    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT set_config('search_path', quote_ident(:schema), false), "
        "set_config('databricks.current_user', :principal, false), "
        "set_config('databricks.current_catalog', :catalog, false), "
        "set_config('databricks.catalogs', :catalogs, false), "
        "set_config('TimeZone', :zone, false), set_config('client_min_messages', 'warning', false)"));
    q.bindValue(QStringLiteral(":schema"), ctx.schema.toLower());
    q.bindValue(QStringLiteral(":principal"), request.principal.name);
    q.bindValue(QStringLiteral(":catalog"), ctx.catalog.toLower());
    QStringList catalogs(request.catalogs.cbegin(), request.catalogs.cend());
    catalogs.sort();
    q.bindValue(QStringLiteral(":catalogs"), catalogs.join(QLatin1Char(',')));
    q.bindValue(QStringLiteral(":zone"), QString::fromUtf8(request.timeZone.id()));
    if (!q.exec())
        return fail(QStringLiteral("[INTERNAL_ERROR] Session setup failed: %1. SQLSTATE: XX000")
                        .arg(q.lastError().text()),
                    QStringLiteral("XX000"), QStringLiteral("INTERNAL_ERROR"));

    auto tableExists = [&](const TableReference& ref) {
        QSqlQuery check(db);
        check.prepare(QStringLiteral("SELECT to_regclass(:name) IS NOT NULL"));
        check.bindValue(QStringLiteral(":name"),
                        quoteIdent(ref.schema) + QLatin1Char('.') + quoteIdent(ref.table));
        return check.exec() && check.next() && check.value(0).toBool();
    };

    // Unity Catalog privileges: USE CATALOG, USE SCHEMA, then CREATE TABLE / MODIFY / SELECT.
    const Principal& who = request.principal;
    for (const TableReference& ref : tr.tables) {
        const bool create = ref.access == TableReference::Access::Create;
        if (!create && !tableExists(ref))
            continue; // not a table (or missing): PostgreSQL reports it
        if (!who.canUseCatalog)
            return fail(
                privilegeMessage(QStringLiteral("USE CATALOG"), QStringLiteral("Catalog"), ref.catalog),
                QStringLiteral("42501"));
        const QString schemaName = ref.catalog + QLatin1Char('.') + ref.schema;
        if (!who.canUseSchema)
            return fail(privilegeMessage(QStringLiteral("USE SCHEMA"), QStringLiteral("Schema"), schemaName),
                        QStringLiteral("42501"));
        const QString tableName = schemaName + QLatin1Char('.') + ref.table;
        if (create && !who.canCreate)
            return fail(
                privilegeMessage(QStringLiteral("CREATE TABLE"), QStringLiteral("Schema"), schemaName),
                QStringLiteral("42501"));
        if (ref.access == TableReference::Access::Write && !who.canModify)
            return fail(privilegeMessage(QStringLiteral("MODIFY"), QStringLiteral("Table"), tableName),
                        QStringLiteral("42501"));
        const bool reads = ref.access == TableReference::Access::Read ||
                           (ref.access == TableReference::Access::Write &&
                            (tr.kind == StatementKind::Merge || tr.kind == StatementKind::Update ||
                             tr.kind == StatementKind::Delete));
        if (reads && !who.canSelect)
            return fail(privilegeMessage(QStringLiteral("SELECT"), QStringLiteral("Table"), tableName),
                        QStringLiteral("42501"));
    }
    if (tr.requiresExistingTable && !tr.tables.isEmpty() && !tableExists(tr.tables.first())) {
        const TableReference& ref = tr.tables.first();
        return fail(QStringLiteral(
                        "[TABLE_OR_VIEW_NOT_FOUND] The table or view %1 cannot be found. Verify the spelling "
                        "and correctness of the schema and catalog. SQLSTATE: 42P01")
                        .arg(backticked({ref.catalog, ref.schema, ref.table})),
                    QStringLiteral("42P01"));
    }

    if (tr.statements.isEmpty()) { // USE, SET, GRANT, CREATE CATALOG, OPTIMIZE ...
        out.succeeded = true;
        return out;
    }

    if (!db.transaction())
        return fail(QStringLiteral("[INTERNAL_ERROR] Cannot start a transaction: %1. SQLSTATE: XX000")
                        .arg(db.lastError().text()),
                    QStringLiteral("XX000"), QStringLiteral("INTERNAL_ERROR"));
    auto rollbackWith = [&](const QSqlError& error) {
        db.rollback();
        const Failure f = mapPostgresError(error, request, tr);
        return fail(f.message, f.sqlState);
    };
    auto scalar = [&](const QString& sql, qint64* value) {
        QSqlQuery s(db);
        if (!s.exec(sql) || !s.next())
            return false;
        *value = s.value(0).toLongLong();
        return true;
    };

    // Row filters (row-level security): rows are read and written as databricks_row_filtered.
    const bool dataStatement = tr.kind == StatementKind::Query || tr.kind == StatementKind::Insert ||
                               tr.kind == StatementKind::Update || tr.kind == StatementKind::Delete ||
                               tr.kind == StatementKind::Merge;
    if (dataStatement) {
        bool filtered = false;
        for (const TableReference& ref : tr.tables) {
            if (ref.table.isEmpty())
                continue;
            QSqlQuery check(db);
            check.prepare(QStringLiteral("SELECT COALESCE((SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass(:name)), false)"));
            check.bindValue(QStringLiteral(":name"), quoteIdent(ref.schema) + QLatin1Char('.') + quoteIdent(ref.table));
            if (check.exec() && check.next() && check.value(0).toBool()) {
                filtered = true;
                break;
            }
        }
        QSqlQuery role(db);
        if (filtered && !role.exec(QStringLiteral("SET LOCAL ROLE databricks_row_filtered")))
            return rollbackWith(role.lastError());
    }

    const bool merge = tr.kind == StatementKind::Merge && !tr.targetTable.isEmpty();
    qint64 before = 0;
    QSqlQuery main(db);
    main.setForwardOnly(true);
    main.setNumericalPrecisionPolicy(QSql::HighPrecision);
    for (int i = 0; i < tr.statements.size(); ++i) {
        const bool last = i == tr.statements.size() - 1;
        const QString& sql = tr.statements[i];
        if (last && merge && !scalar(QStringLiteral("SELECT count(*) FROM %1").arg(tr.targetTable), &before))
            return rollbackWith(db.lastError());
        QSqlQuery& query = main;
        bool ok = false;
        if (last && !tr.parameterNames.isEmpty()) {
            ok = query.prepare(sql);
            if (ok) {
                for (const QString& name : tr.parameterNames) {
                    QVariant value(QMetaType(QMetaType::QString));
                    for (const StatementParameter& p : request.parameters)
                        if (p.name == name && !p.isNull)
                            value = p.value;
                    query.bindValue(QLatin1Char(':') + name, value);
                }
                ok = query.exec();
            }
        } else {
            ok = query.exec(sql);
        }
        if (!ok)
            return rollbackWith(query.lastError());
    }

    if (main.isSelect()) {
        const QSqlRecord record = main.record();
        QList<int> oids;
        for (int c = 0; c < record.count(); ++c) {
            const QSqlField field = record.field(c);
            const int oid = field.typeID();
            oids << oid;
            ResultColumn col;
            col.name = tr.aliases.value(field.name(), field.name());
            if (const int element = arrayElementOid(oid)) {
                col.typeName = QStringLiteral("ARRAY");
                col.typeText = QStringLiteral("ARRAY<%1>").arg(scalarType(element).text);
            } else {
                const TypeInfo info = scalarType(oid);
                col.typeName = info.name;
                col.typeText = info.text;
            }
            if (oid == NumericOid) {
                col.precision = field.length() > 0 ? field.length() : 38;
                col.scale = field.length() > 0 ? std::max(field.precision(), 0) : 18;
                col.typeText = QStringLiteral("DECIMAL(%1,%2)").arg(col.precision).arg(col.scale);
            }
            out.columns << col;
        }
        while (main.next()) {
            if (request.rowLimit >= 0 && out.rows.size() >= request.rowLimit) {
                out.truncated = true;
                break;
            }
            QJsonArray row;
            for (int c = 0; c < oids.size(); ++c)
                row.append(toJsonValue(main.value(c), oids[c], request.timeZone));
            out.rows << row;
        }
        out.hasSchema = true;
    } else {
        const qint64 affected = std::max(main.numRowsAffected(), 0);
        auto counter = [](const QString& name) {
            return ResultColumn{name, QStringLiteral("LONG"), QStringLiteral("BIGINT"), -1, -1};
        };
        switch (tr.kind) {
        case StatementKind::Insert:
            out.columns = {counter(QStringLiteral("num_affected_rows")),
                           counter(QStringLiteral("num_inserted_rows"))};
            out.rows << QJsonArray{QString::number(affected), QString::number(affected)};
            out.hasSchema = true;
            break;
        case StatementKind::Update:
        case StatementKind::Delete:
            out.columns = {counter(QStringLiteral("num_affected_rows"))};
            out.rows << QJsonArray{QString::number(affected)};
            out.hasSchema = true;
            break;
        case StatementKind::Merge: {
            qint64 after = 0;
            qint64 touched = 0;
            qint64 inserted = affected;
            qint64 updated = 0;
            qint64 deleted = 0;
            // Rows inserted or updated by this transaction carry its xid in xmin; deleted rows are
            // gone. affected = inserted + updated + deleted; after - before = inserted - deleted.
            if (merge && scalar(QStringLiteral("SELECT count(*) FROM %1").arg(tr.targetTable), &after) &&
                scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE CAST(CAST(xmin AS text) AS bigint) = "
                                      "txid_current() % 4294967296")
                           .arg(tr.targetTable),
                       &touched)) {
                deleted = std::max<qint64>(affected - touched, 0);
                inserted = std::max<qint64>(after - before + deleted, 0);
                updated = std::max<qint64>(touched - inserted, 0);
            }
            out.columns = {
                counter(QStringLiteral("num_affected_rows")), counter(QStringLiteral("num_updated_rows")),
                counter(QStringLiteral("num_deleted_rows")), counter(QStringLiteral("num_inserted_rows"))};
            out.rows << QJsonArray{QString::number(affected), QString::number(updated),
                                   QString::number(deleted), QString::number(inserted)};
            out.hasSchema = true;
            break;
        }
        default:
            out.hasSchema = false;
        }
    }
    main.finish();
    if (!db.commit())
        return rollbackWith(db.lastError());
    out.succeeded = true;
    return out;
}

} // namespace emulator
