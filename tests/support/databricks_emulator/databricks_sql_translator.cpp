#include "databricks_sql_translator.h"

#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include <QRegularExpression>

#include "databricks_emulator.h"

// Translation rules (Databricks SQL → PostgreSQL 15)
//
// Lexical
//   - `ident` (backticks, `` escapes) → "ident", lower-cased (Databricks names are case-insensitive;
//     PostgreSQL folds unquoted names to lower case, so both spellings meet). A lower-cased alias
//     (`AS \`Total\``, `AS Total`) is reported in SqlTranslation::aliases so result columns keep the
//     statement's spelling.
//   - '...' and "..." are string literals (Spark semantics) with backslash escapes (\' \" \\ \n \t
//     \r \b \0 \uXXXX) and doubled quotes; r'...' is raw. Output: standard '...' with '' doubling.
//   - -- and /* */ comments are removed. One trailing ';' is dropped; a second statement fails
//     with PARSE_SYNTAX_ERROR, as do positional '?' markers and unclosed literals.
//   - Numeric suffixes (10L, 1.5D, 2BD ...) are dropped.
//   - Named markers :name stay :name for Qt's binding; a marker whose parameter has a type other
//     than STRING becomes CAST(:name AS <postgres type>). IDENTIFIER(:p) / IDENTIFIER('a.b') become
//     the quoted name.
// Names
//   - catalog.schema.table in a table position (after FROM, JOIN, INTO, UPDATE, TABLE, VIEW,
//     IF [NOT] EXISTS, MERGE ... USING, TRUNCATE, and the comma list of a FROM) → "schema"."table";
//     schema.table → "schema"."table"; a bare table name stays unqualified (search_path = the
//     request's schema). catalog.schema after SCHEMA/DATABASE → "schema".
//   - Elsewhere a 4-part name loses its first part, a 3-part name loses it when the first part is
//     a known catalog (main, hive_metastore, system, samples, the request's catalog); every part
//     of a multi-part name is double-quoted and lower-cased.
//   - [catalog.]information_schema.X → databricks_information_schema.X: views over PostgreSQL's
//     information_schema with Databricks' columns (table_catalog, table_type MANAGED/VIEW,
//     data_type STRING/LONG/..., 0-based ordinal_position, comment).
// DDL
//   - CREATE TABLE column types: STRING→text, INT→integer, BIGINT/LONG→bigint, SMALLINT/SHORT and
//     TINYINT/BYTE→smallint, DOUBLE→double precision, FLOAT/REAL→real, BOOLEAN→boolean, DATE→date,
//     TIMESTAMP/TIMESTAMP_LTZ→timestamptz, TIMESTAMP_NTZ→timestamp, DECIMAL(p,s)→numeric(p,s),
//     BINARY→bytea, ARRAY<T>→T[], MAP/STRUCT/VARIANT→jsonb. The same mapping applies in
//     CAST(x AS T), x::T and ALTER TABLE ... ADD COLUMN(S).
//   - Removed: column COMMENT '...', COLLATE x, column PRIMARY KEY, PRIMARY/FOREIGN KEY and
//     UNIQUE table constraints (informational in Databricks, not enforced), USING <format>,
//     PARTITIONED BY (...), CLUSTER BY (...)|AUTO|NONE, LOCATION '...', table COMMENT '...',
//     TBLPROPERTIES (...), OPTIONS (...); for schemas COMMENT, [MANAGED] LOCATION,
//     WITH DBPROPERTIES (...), DEFAULT COLLATION. CHECK constraints are kept.
//   - GENERATED ALWAYS AS (expr) gets STORED. CREATE OR REPLACE TABLE → DROP TABLE IF EXISTS +
//     CREATE TABLE. CREATE VIEW IF NOT EXISTS → CREATE OR REPLACE VIEW. DATABASE → SCHEMA.
//     DROP TABLE ... PURGE loses PURGE. COMMENT ON TABLE/SCHEMA/COLUMN is kept.
//   - ALTER TABLE t ALTER|CHANGE [COLUMN] c COMMENT '...' → COMMENT ON COLUMN t.c IS '...';
//     ALTER TABLE t ADD COLUMNS (a T, b U) → ADD COLUMN a T', ADD COLUMN b U'; RENAME TO keeps
//     the new name's last part; SET/UNSET TBLPROPERTIES, SET OWNER, SET TAGS, CLUSTER BY and
//     ADD CONSTRAINT ... PRIMARY/FOREIGN KEY do nothing.
//   - ALTER TABLE t SET ROW FILTER f ON (c, ...) → SELECT databricks_information_schema.set_row_filter(...)
//     (row-level security, postgres_warehouse.cpp); DROP ROW FILTER → drop_row_filter(...).
//   - CREATE [OR REPLACE] FUNCTION f(p T, ...) [RETURNS T] RETURN expr (a SQL UDF) → CREATE OR
//     REPLACE FUNCTION "schema"."f"(p t, ...) RETURNS t LANGUAGE sql STABLE AS $sbfn$ SELECT expr $sbfn$.
// DML
//   - MERGE is kept (PostgreSQL 15 has MERGE): WHEN NOT MATCHED BY TARGET → WHEN NOT MATCHED;
//     qualified targets in UPDATE SET t.c = ... and INSERT (t.c, ...) lose the qualifier.
//     WHEN NOT MATCHED BY SOURCE, UPDATE SET * and INSERT * fail with UNSUPPORTED_FEATURE.
//   - UPDATE t SET t.c = ... loses the qualifier. INSERT INTO TABLE t → INSERT INTO t.
// Functions and operators
//   current_timestamp()/now() → current_timestamp; current_date() → current_date;
//   current_user()/user()/session_user() → current_setting('databricks.current_user') (the
//   principal); current_catalog() → current_setting('databricks.current_catalog');
//   current_schema()/current_database() → current_schema(); uuid() → gen_random_uuid()::text;
//   nvl/ifnull → coalesce; size → cardinality; array(a, b) → ARRAY[a, b];
//   array_contains(a, v) → (v = ANY(a)); if(c, a, b) → CASE; unix_millis/unix_micros/
//   unix_seconds(ts) and unix_timestamp() → EXTRACT(EPOCH ...); date_add/date_sub/datediff →
//   date arithmetic; to_date(x)/to_timestamp(x) → CAST; from_json(x, 'ARRAY<T>') → an array of
//   jsonb_array_elements_text; other from_json → jsonb; to_json(x) → to_json(x)::text;
//   collect_list/collect_set → array_agg([DISTINCT]); approx_count_distinct → count(DISTINCT);
//   count_if(c) → count(*) FILTER (WHERE c); lcase/ucase → lower/upper; instr → strpos;
//   split → string_to_array; array_join → array_to_string; element_at(a, i) → (a)[i];
//   try_divide(a, b) → a / NULLIF(b, 0); getdate() → current_timestamp;
//   try_cast → a helper answering NULL where the cast fails (scalar types; else CAST);
//   array_sort/sort_array → ARRAY(SELECT ... ORDER BY); a <=> b → a IS NOT DISTINCT FROM b; == → =; [NOT] RLIKE/REGEXP → ~ / !~;
//   a ^ b (bitwise XOR) → a # b; sequence(a, b[, step]) → ARRAY(SELECT generate_series(a, b, step)), the
//   step ±1 by default as in Spark (descending when a > b); the higher-order functions with a lambda
//   (x -> e, (x, y) -> e): transform(arr, x -> e) → ARRAY(SELECT e FROM unnest(arr) WITH
//   ORDINALITY AS _lN(x, _lN_o) ORDER BY _lN_o) (the lambda's variable is the column's name);
//   aggregate/reduce(arr, start, (acc, x) -> e[, acc -> f]) → a scalar WITH RECURSIVE subquery that
//   folds the elements in order (element k joins the row of k − 1; NULL for a NULL array), so the
//   start's type is the accumulator's, as in Spark. transform's (x, i) -> e form is not emulated.
//   INTERVAL 3 DAYS → INTERVAL '3 days'; TIMESTAMP_NTZ '...' → timestamp '...'.
// Statements answered without PostgreSQL syntax
//   SHOW TABLES [IN s] [LIKE p], SHOW SCHEMAS|DATABASES, SHOW CATALOGS, SHOW COLUMNS IN t,
//   DESCRIBE [TABLE] [EXTENDED] t → SELECTs over the information schema views (Databricks column
//   names: database/tableName/isTemporary, databaseName, catalog, col_name/data_type/comment).
//   USE, SET, RESET, OPTIMIZE, VACUUM, ANALYZE, REFRESH, CACHE: nothing to run. GRANT/REVOKE
//   are parsed for the emulator's principals. CREATE CATALOG registers a catalog.

namespace emulator {

namespace {

const QString kInfoSchema = QStringLiteral("databricks_information_schema");

struct Tok
{
    enum Kind
    {
        Space,
        Word,
        QIdent,
        Str,
        Num,
        Param,
        Op,
        Raw
    };
    Kind kind = Space;
    QString text; // Word/Num/Op/Raw/Space: as written; QIdent: the name; Str: the value; Param: the name
    int pos = -1;
};

using Toks = std::vector<Tok>;

Tok rawTok(const QString& s)
{
    return Tok{Tok::Raw, s, -1};
}

void erase(Tok& t)
{
    t.kind = Tok::Space;
    t.text.clear();
}

bool isWord(const Tok& t, QLatin1String kw)
{
    return t.kind == Tok::Word && t.text.compare(kw, Qt::CaseInsensitive) == 0;
}

bool isOp(const Tok& t, QLatin1String op)
{
    return t.kind == Tok::Op && t.text == op;
}

bool isName(const Tok& t)
{
    return t.kind == Tok::Word || t.kind == Tok::QIdent;
}

QString up(const Tok& t)
{
    return t.text.toUpper();
}

QString quoteIdent(const QString& name)
{
    QString n = name;
    n.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + n + QLatin1Char('"');
}

QString quoteLiteral(const QString& value)
{
    QString v = value;
    v.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

int nextSig(const Toks& t, int i, int end = -1)
{
    const int n = end < 0 ? int(t.size()) : end;
    for (int k = i + 1; k < n; ++k)
        if (t[k].kind != Tok::Space)
            return k;
    return n;
}

int firstSig(const Toks& t, int from, int end)
{
    for (int k = from; k < end; ++k)
        if (t[k].kind != Tok::Space)
            return k;
    return end;
}

int prevSig(const Toks& t, int i)
{
    for (int k = i - 1; k >= 0; --k)
        if (t[k].kind != Tok::Space)
            return k;
    return -1;
}

int matchParen(const Toks& t, int open, int end = -1)
{
    const int n = end < 0 ? int(t.size()) : end;
    int depth = 0;
    for (int k = open; k < n; ++k) {
        if (isOp(t[k], QLatin1String("(")))
            ++depth;
        else if (isOp(t[k], QLatin1String(")")) && --depth == 0)
            return k;
    }
    return -1;
}

// Comma-separated ranges at depth 0 within [from, to).
std::vector<std::pair<int, int>> splitTopLevel(const Toks& t, int from, int to)
{
    std::vector<std::pair<int, int>> parts;
    int depth = 0;
    int start = from;
    bool any = false;
    for (int k = from; k < to; ++k) {
        if (isOp(t[k], QLatin1String("(")))
            ++depth;
        else if (isOp(t[k], QLatin1String(")")))
            --depth;
        if (depth == 0 && isOp(t[k], QLatin1String(","))) {
            parts.emplace_back(start, k);
            start = k + 1;
            continue;
        }
        if (t[k].kind != Tok::Space)
            any = true;
    }
    if (any || !parts.empty())
        parts.emplace_back(start, to);
    return parts;
}

QString render(const Toks& t, int from = 0, int to = -1)
{
    const int n = to < 0 ? int(t.size()) : to;
    QString out;
    bool lastWasSpace = false;
    for (int k = from; k < n; ++k) {
        const Tok& tok = t[k];
        if (tok.kind == Tok::Space) {
            if (tok.text.isEmpty() || lastWasSpace)
                continue; // erased tokens and runs of blanks collapse into the first blank
            lastWasSpace = true;
            out += tok.text;
            continue;
        }
        lastWasSpace = false;
        switch (tok.kind) {
        case Tok::QIdent:
            out += quoteIdent(tok.text.toLower());
            break;
        case Tok::Str:
            out += quoteLiteral(tok.text);
            break;
        case Tok::Param:
            out += QLatin1Char(':') + tok.text;
            break;
        default:
            out += tok.text;
        }
    }
    return out;
}

void append(Toks& out, const Toks& more)
{
    out.insert(out.end(), more.begin(), more.end());
}

Toks slice(const Toks& t, int from, int to)
{
    return Toks(t.begin() + from, t.begin() + to);
}

struct Failure
{
    QString errorClass;
    QString message;
    QString sqlState;
};

Failure syntaxError(const QString& sql, const QString& near, int pos)
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

Failure unsupported(const QString& what)
{
    return {QStringLiteral("UNSUPPORTED_FEATURE"),
            QStringLiteral(
                "[UNSUPPORTED_FEATURE.EMULATOR] The Databricks emulator does not support %1. SQLSTATE: 0A000")
                .arg(what),
            QStringLiteral("0A000")};
}

// ---------------------------------------------------------------------------------------------
// Lexer

std::optional<Failure> lex(const QString& s, Toks& out)
{
    const int n = s.size();
    auto at = [&](int k) { return k < n ? s.at(k) : QChar(); };
    int i = 0;
    while (i < n) {
        const QChar c = s.at(i);
        const int start = i;
        if (c.isSpace()) {
            while (i < n && s.at(i).isSpace())
                ++i;
            out.push_back({Tok::Space, s.mid(start, i - start), start});
            continue;
        }
        if (c == QLatin1Char('-') && at(i + 1) == QLatin1Char('-')) {
            while (i < n && s.at(i) != QLatin1Char('\n'))
                ++i;
            out.push_back({Tok::Space, QStringLiteral(" "), start});
            continue;
        }
        if (c == QLatin1Char('/') && at(i + 1) == QLatin1Char('*')) {
            const int e = s.indexOf(QLatin1String("*/"), i + 2);
            if (e < 0)
                return Failure{
                    QStringLiteral("UNCLOSED_BRACKETED_COMMENT"),
                    QStringLiteral(
                        "[UNCLOSED_BRACKETED_COMMENT] Found an unclosed bracketed comment. Please, "
                        "append */ at the end of the comment. SQLSTATE: 42601"),
                    QStringLiteral("42601")};
            i = e + 2;
            out.push_back({Tok::Space, QStringLiteral(" "), start});
            continue;
        }
        bool rawString = false;
        if ((c == QLatin1Char('r') || c == QLatin1Char('R')) &&
            (at(i + 1) == QLatin1Char('\'') || at(i + 1) == QLatin1Char('"'))) {
            rawString = true;
            ++i;
        }
        const QChar q = s.at(i);
        if (q == QLatin1Char('\'') || q == QLatin1Char('"')) {
            QString value;
            bool closed = false;
            ++i;
            while (i < n) {
                const QChar ch = s.at(i);
                if (!rawString && ch == QLatin1Char('\\') && i + 1 < n) {
                    const QChar e = s.at(i + 1);
                    i += 2;
                    switch (e.unicode()) {
                    case 'n':
                        value += QLatin1Char('\n');
                        break;
                    case 't':
                        value += QLatin1Char('\t');
                        break;
                    case 'r':
                        value += QLatin1Char('\r');
                        break;
                    case 'b':
                        value += QLatin1Char('\b');
                        break;
                    case '0':
                        value += QChar(0);
                        break;
                    case '%':
                    case '_':
                        value += QLatin1Char('\\');
                        value += e;
                        break;
                    case 'u': {
                        bool ok = false;
                        const uint code = s.mid(i, 4).toUInt(&ok, 16);
                        if (ok) {
                            value += QChar(char16_t(code));
                            i += 4;
                        } else {
                            value += e;
                        }
                        break;
                    }
                    default:
                        value += e;
                    }
                    continue;
                }
                if (ch == q) {
                    if (at(i + 1) == q) {
                        value += q;
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                value += ch;
                ++i;
            }
            if (!closed)
                return syntaxError(s, QStringLiteral("''%1'").arg(s.mid(start, 20)), start);
            out.push_back({Tok::Str, value, start});
            continue;
        }
        if (c == QLatin1Char('`')) {
            QString name;
            bool closed = false;
            ++i;
            while (i < n) {
                if (s.at(i) == QLatin1Char('`')) {
                    if (at(i + 1) == QLatin1Char('`')) {
                        name += QLatin1Char('`');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                name += s.at(i++);
            }
            if (!closed)
                return syntaxError(s, QStringLiteral("'%1'").arg(s.mid(start, 20)), start);
            out.push_back({Tok::QIdent, name, start});
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('.') && at(i + 1).isDigit())) {
            while (i < n && s.at(i).isDigit())
                ++i;
            if (at(i) == QLatin1Char('.')) {
                ++i;
                while (i < n && s.at(i).isDigit())
                    ++i;
            }
            if ((at(i) == QLatin1Char('e') || at(i) == QLatin1Char('E')) &&
                (at(i + 1).isDigit() ||
                 ((at(i + 1) == QLatin1Char('+') || at(i + 1) == QLatin1Char('-')) && at(i + 2).isDigit()))) {
                i += 2;
                while (i < n && s.at(i).isDigit())
                    ++i;
            }
            const QString number = s.mid(start, i - start);
            // Spark's typed numeric suffixes: 10L, 10S, 10Y, 1.5D, 1.5F, 1.5BD.
            if (s.mid(i, 2).compare(QLatin1String("BD"), Qt::CaseInsensitive) == 0 &&
                !at(i + 2).isLetterOrNumber())
                i += 2;
            else if (QStringLiteral("LSYDFlsydf").contains(at(i)) && !at(i).isNull() &&
                     !at(i + 1).isLetterOrNumber() && at(i + 1) != QLatin1Char('_'))
                ++i;
            out.push_back({Tok::Num, number, start});
            continue;
        }
        if (c.isLetter() || c == QLatin1Char('_')) {
            while (i < n && (s.at(i).isLetterOrNumber() || s.at(i) == QLatin1Char('_')))
                ++i;
            out.push_back({Tok::Word, s.mid(start, i - start), start});
            continue;
        }
        if (c == QLatin1Char(':')) {
            if (at(i + 1) == QLatin1Char(':')) {
                out.push_back({Tok::Op, QStringLiteral("::"), start});
                i += 2;
                continue;
            }
            if (at(i + 1).isLetter() || at(i + 1) == QLatin1Char('_')) {
                int j = i + 1;
                while (j < n && (s.at(j).isLetterOrNumber() || s.at(j) == QLatin1Char('_')))
                    ++j;
                out.push_back({Tok::Param, s.mid(i + 1, j - i - 1), start});
                i = j;
                continue;
            }
        }
        if (c == QLatin1Char('?'))
            return syntaxError(s, QStringLiteral("'?'"), start);
        static const char* const multi[] = {"<=>", "<=", ">=", "<>", "!=", "==", "||", "->", "=>"};
        bool matched = false;
        for (const char* op : multi) {
            const QLatin1String l(op);
            if (s.mid(i, l.size()) == l) {
                out.push_back({Tok::Op, s.mid(i, l.size()), start});
                i += int(l.size());
                matched = true;
                break;
            }
        }
        if (matched)
            continue;
        out.push_back({Tok::Op, QString(c), start});
        ++i;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Types

struct ParsedType
{
    QString postgres; // empty when unknown
    bool scalar = true;
    int next = 0; // index after the type
};

ParsedType parseType(const Toks& t, int from, int to)
{
    ParsedType result;
    int i = firstSig(t, from, to);
    result.next = i;
    if (i >= to || t[i].kind != Tok::Word)
        return result;
    const QString w = up(t[i]);
    int k = nextSig(t, i, to);
    result.next = i + 1;
    auto skipAngles = [&](int openAngle) {
        int depth = 0;
        for (int m = openAngle; m < to; ++m) {
            if (isOp(t[m], QLatin1String("<")))
                ++depth;
            else if (isOp(t[m], QLatin1String(">")) && --depth == 0)
                return m + 1;
            else if (isOp(t[m], QLatin1String("<>")))
                continue;
        }
        return to;
    };
    if (w == QLatin1String("ARRAY") && k < to && isOp(t[k], QLatin1String("<"))) {
        const ParsedType inner = parseType(t, k + 1, to);
        const int close = nextSig(t, inner.next - 1, to);
        result.postgres = inner.scalar && !inner.postgres.isEmpty() ? inner.postgres + QStringLiteral("[]")
                                                                    : QStringLiteral("jsonb");
        result.scalar = false;
        result.next = (close < to && isOp(t[close], QLatin1String(">"))) ? close + 1 : skipAngles(k);
        return result;
    }
    if ((w == QLatin1String("MAP") || w == QLatin1String("STRUCT")) && k < to &&
        isOp(t[k], QLatin1String("<"))) {
        result.postgres = QStringLiteral("jsonb");
        result.scalar = false;
        result.next = skipAngles(k);
        return result;
    }
    auto withArguments = [&](const QString& base, const QString& fallback) {
        if (k < to && isOp(t[k], QLatin1String("("))) {
            const int close = matchParen(t, k, to);
            if (close > 0) {
                QString args;
                for (int m = k + 1; m < close; ++m)
                    if (t[m].kind != Tok::Space)
                        args += t[m].text;
                result.next = close + 1;
                return base + QLatin1Char('(') + args + QLatin1Char(')');
            }
        }
        return fallback;
    };
    if (w == QLatin1String("DECIMAL") || w == QLatin1String("DEC") || w == QLatin1String("NUMERIC")) {
        result.postgres = withArguments(QStringLiteral("numeric"), QStringLiteral("numeric(10,0)"));
        return result;
    }
    if (w == QLatin1String("VARCHAR") || w == QLatin1String("CHAR")) {
        result.postgres = withArguments(w.toLower(), QStringLiteral("text"));
        return result;
    }
    if (w == QLatin1String("INTERVAL")) {
        static const QStringList units{
            QStringLiteral("YEAR"),   QStringLiteral("MONTH"),  QStringLiteral("DAY"), QStringLiteral("HOUR"),
            QStringLiteral("MINUTE"), QStringLiteral("SECOND"), QStringLiteral("TO")};
        int m = k;
        while (m < to && t[m].kind == Tok::Word && units.contains(up(t[m]))) {
            result.next = m + 1;
            m = nextSig(t, m, to);
        }
        result.postgres = QStringLiteral("interval");
        return result;
    }
    if (w == QLatin1String("DOUBLE") && k < to && isWord(t[k], QLatin1String("PRECISION")))
        result.next = k + 1;
    static const QHash<QString, QString> scalars{
        {QStringLiteral("STRING"), QStringLiteral("text")},
        {QStringLiteral("INT"), QStringLiteral("integer")},
        {QStringLiteral("INTEGER"), QStringLiteral("integer")},
        {QStringLiteral("BIGINT"), QStringLiteral("bigint")},
        {QStringLiteral("LONG"), QStringLiteral("bigint")},
        {QStringLiteral("SMALLINT"), QStringLiteral("smallint")},
        {QStringLiteral("SHORT"), QStringLiteral("smallint")},
        {QStringLiteral("TINYINT"), QStringLiteral("smallint")},
        {QStringLiteral("BYTE"), QStringLiteral("smallint")},
        {QStringLiteral("DOUBLE"), QStringLiteral("double precision")},
        {QStringLiteral("FLOAT"), QStringLiteral("real")},
        {QStringLiteral("REAL"), QStringLiteral("real")},
        {QStringLiteral("BOOLEAN"), QStringLiteral("boolean")},
        {QStringLiteral("BOOL"), QStringLiteral("boolean")},
        {QStringLiteral("DATE"), QStringLiteral("date")},
        {QStringLiteral("TIMESTAMP"), QStringLiteral("timestamptz")},
        {QStringLiteral("TIMESTAMP_LTZ"), QStringLiteral("timestamptz")},
        {QStringLiteral("TIMESTAMP_NTZ"), QStringLiteral("timestamp")},
        {QStringLiteral("BINARY"), QStringLiteral("bytea")},
        {QStringLiteral("VARIANT"), QStringLiteral("jsonb")},
        {QStringLiteral("VOID"), QStringLiteral("text")},
        {QStringLiteral("TEXT"), QStringLiteral("text")},
    };
    const auto it = scalars.find(w);
    if (it != scalars.end()) {
        result.postgres = it.value();
        result.scalar = w != QLatin1String("VARIANT");
        return result;
    }
    result.postgres = t[i].text; // unknown: leave it for PostgreSQL to judge
    result.scalar = false;
    return result;
}

// ---------------------------------------------------------------------------------------------

class Translator
{
public:
    Translator(const SqlTranslationContext& context, SqlTranslation& out) : m_ctx(context), m_out(out) {}

    void run(const QString& sql);

private:
    void fail(const Failure& f)
    {
        if (!m_out.errorClass.isEmpty())
            return;
        m_out.errorClass = f.errorClass;
        m_out.errorMessage = f.message;
        m_out.sqlState = f.sqlState;
    }

    bool isKnownCatalog(const QString& name) const
    {
        const QString l = name.toLower();
        return m_ctx.knownCatalogs.contains(l) || l == m_ctx.catalog.toLower() ||
               l == QLatin1String("main") || l == QLatin1String("hive_metastore") ||
               l == QLatin1String("system") || l == QLatin1String("samples");
    }

    // Statement passes
    bool applyIdentifierClauses();
    void classify();
    bool handleSpecialStatements();
    void rewriteCreateTable();
    void rewriteCreateView();
    void rewriteCreateSchema();
    void rewriteDrop();
    void rewriteAlter();
    void rewriteCreateFunction();
    void rewriteMerge();
    void rewriteUpdate();
    void rewriteInsert();
    std::optional<Toks> columnDefinition(const Toks& t, int from, int to);
    Toks stripTableClauses(const Toks& t, int from, int to);

    // A lambda argument of a higher-order function: `x -> body` or `(x, y) -> body`.
    struct Lambda
    {
        bool ok = false;
        QStringList parameters;
        int bodyFrom = 0;
        int bodyTo = 0;
    };
    static Lambda lambdaAt(const Toks& t, int from, int to);

    // Generic passes
    Toks rewriteExpressions(const Toks& t, int from, int to);
    std::optional<Toks> rewriteFunction(const Toks& t, int nameIdx, int open, int close);
    void rewriteNames(Toks& t);
    void rewriteParameters(Toks& t);

    // Names
    struct NameParts
    {
        QStringList parts;
        int start = 0;
        int end = 0; // index of the last part
    };
    NameParts nameAt(const Toks& t, int i) const;
    TableReference resolveTable(const QStringList& parts) const;
    QString renderTableName(const QStringList& parts, bool* informationSchema) const;
    enum class Role
    {
        None,
        Table,
        Schema
    };
    Role roleAt(const Toks& t, int i, TableReference::Access* access) const;
    QString clauseKeywordBefore(const Toks& t, int i) const;

    // SHOW / DESCRIBE / GRANT
    void translateShow();
    void translateDescribe();
    void translateGrant(bool revoke);

    const SqlTranslationContext& m_ctx;
    SqlTranslation& m_out;
    QString m_sql;
    Toks m_t;
    QString m_objectType; // TABLE, VIEW, SCHEMA ... for CREATE/DROP/ALTER
    bool m_replaceTable = false;
    QString m_createdTablePg;
    bool m_firstTableSeen = false;
    int m_lambdas = 0; // higher-order functions translated so far: their aliases are _l1, _l2, ...
};

Translator::Lambda Translator::lambdaAt(const Toks& t, int from, int to)
{
    Lambda out;
    int k = firstSig(t, from, to);
    if (k < to && t[k].kind == Tok::Word) {
        out.parameters << t[k].text;
        k = nextSig(t, k, to);
    } else if (k < to && isOp(t[k], QLatin1String("("))) {
        const int close = matchParen(t, k, to);
        if (close < 0)
            return out;
        for (int m = k + 1; m < close; ++m) {
            if (t[m].kind == Tok::Word)
                out.parameters << t[m].text;
            else if (t[m].kind != Tok::Space && !isOp(t[m], QLatin1String(",")))
                return out;
        }
        k = nextSig(t, close, to);
    } else {
        return out;
    }
    if (k >= to || !isOp(t[k], QLatin1String("->")) || out.parameters.isEmpty())
        return out;
    out.bodyFrom = firstSig(t, k + 1, to);
    out.bodyTo = to;
    out.ok = out.bodyFrom < to;
    return out;
}

void Translator::run(const QString& sql)
{
    m_sql = sql;
    if (auto f = lex(sql, m_t)) {
        fail(*f);
        return;
    }
    // One statement: drop trailing semicolons; anything after a semicolon is a second statement.
    while (!m_t.empty() && (m_t.back().kind == Tok::Space || isOp(m_t.back(), QLatin1String(";"))))
        m_t.pop_back();
    for (const Tok& tok : m_t) {
        if (isOp(tok, QLatin1String(";"))) {
            fail(syntaxError(sql, QStringLiteral("';'"), tok.pos));
            return;
        }
    }
    if (firstSig(m_t, 0, int(m_t.size())) >= int(m_t.size())) {
        fail(syntaxError(sql, QStringLiteral("end of input"), sql.size()));
        return;
    }
    if (!applyIdentifierClauses())
        return;
    classify();
    if (!m_out.ok() || handleSpecialStatements())
        return;

    switch (m_out.kind) {
    case StatementKind::CreateTable:
        rewriteCreateTable();
        break;
    case StatementKind::CreateView:
        rewriteCreateView();
        break;
    case StatementKind::CreateSchema:
        rewriteCreateSchema();
        break;
    case StatementKind::Drop:
        rewriteDrop();
        break;
    case StatementKind::Alter:
        rewriteAlter();
        break;
    case StatementKind::CreateFunction:
        rewriteCreateFunction();
        break;
    case StatementKind::Merge:
        rewriteMerge();
        break;
    case StatementKind::Update:
        rewriteUpdate();
        break;
    case StatementKind::Insert:
        rewriteInsert();
        break;
    default:
        break;
    }
    if (!m_out.ok() || m_out.kind == StatementKind::NoOp)
        return;

    Toks t = rewriteExpressions(m_t, 0, int(m_t.size()));
    if (!m_out.ok())
        return;
    rewriteNames(t);
    if (!m_out.ok())
        return;
    rewriteParameters(t);
    const QString statement = render(t).trimmed();
    if (m_replaceTable && !m_createdTablePg.isEmpty())
        m_out.statements << QStringLiteral("DROP TABLE IF EXISTS %1").arg(m_createdTablePg);
    m_out.statements << statement;
}

bool Translator::applyIdentifierClauses()
{
    for (int i = 0; i < int(m_t.size()); ++i) {
        if (!isWord(m_t[i], QLatin1String("IDENTIFIER")))
            continue;
        const int open = nextSig(m_t, i);
        if (open >= int(m_t.size()) || !isOp(m_t[open], QLatin1String("(")))
            continue;
        const int arg = nextSig(m_t, open);
        const int close = nextSig(m_t, arg);
        if (close >= int(m_t.size()) || !isOp(m_t[close], QLatin1String(")")))
            continue;
        QString value;
        if (m_t[arg].kind == Tok::Str) {
            value = m_t[arg].text;
        } else if (m_t[arg].kind == Tok::Param) {
            if (!m_ctx.parameterValues.contains(m_t[arg].text)) {
                fail({QStringLiteral("UNBOUND_SQL_PARAMETER"),
                      QStringLiteral(
                          "[UNBOUND_SQL_PARAMETER] Found the unbound parameter: %1. Please, fix `args` and "
                          "provide a mapping of the parameter to either a SQL literal or collection "
                          "constructor functions such as `map()`, `array()`, `struct()`. SQLSTATE: 42P02")
                          .arg(m_t[arg].text),
                      QStringLiteral("42P02")});
                return false;
            }
            value = m_ctx.parameterValues.value(m_t[arg].text);
        } else {
            continue;
        }
        Toks name;
        const QStringList parts = value.split(QLatin1Char('.'));
        for (int p = 0; p < parts.size(); ++p) {
            if (p > 0)
                name.push_back({Tok::Op, QStringLiteral("."), -1});
            QString part = parts[p].trimmed();
            if (part.startsWith(QLatin1Char('`')) && part.endsWith(QLatin1Char('`')) && part.size() >= 2)
                part = part.mid(1, part.size() - 2);
            name.push_back({Tok::QIdent, part, m_t[i].pos});
        }
        m_t.erase(m_t.begin() + i, m_t.begin() + close + 1);
        m_t.insert(m_t.begin() + i, name.begin(), name.end());
    }
    return true;
}

void Translator::classify()
{
    const int n = int(m_t.size());
    const int first = firstSig(m_t, 0, n);
    const Tok& f = m_t[first];
    if (isOp(f, QLatin1String("("))) {
        m_out.kind = StatementKind::Query;
        return;
    }
    const QString w = up(f);
    auto setKind = [&](StatementKind k) { m_out.kind = k; };
    if (w == QLatin1String("SELECT") || w == QLatin1String("WITH") || w == QLatin1String("VALUES") ||
        w == QLatin1String("FROM") || w == QLatin1String("TABLE") || w == QLatin1String("EXPLAIN")) {
        setKind(StatementKind::Query);
    } else if (w == QLatin1String("INSERT")) {
        setKind(StatementKind::Insert);
    } else if (w == QLatin1String("UPDATE")) {
        setKind(StatementKind::Update);
    } else if (w == QLatin1String("DELETE")) {
        setKind(StatementKind::Delete);
    } else if (w == QLatin1String("MERGE")) {
        setKind(StatementKind::Merge);
    } else if (w == QLatin1String("TRUNCATE")) {
        setKind(StatementKind::Truncate);
    } else if (w == QLatin1String("COMMENT")) {
        setKind(StatementKind::Comment);
        // COMMENT ON DATABASE x → COMMENT ON SCHEMA x; COMMENT ON CATALOG: nothing to run.
        const int on = nextSig(m_t, first);
        const int what = nextSig(m_t, on);
        if (what < n && isWord(m_t[what], QLatin1String("DATABASE")))
            m_t[what].text = QStringLiteral("SCHEMA");
        if (what < n && isWord(m_t[what], QLatin1String("CATALOG")))
            setKind(StatementKind::NoOp);
        if (what < n)
            m_objectType = up(m_t[what]);
    } else if (w == QLatin1String("GRANT")) {
        setKind(StatementKind::Grant);
    } else if (w == QLatin1String("REVOKE")) {
        setKind(StatementKind::Revoke);
    } else if (w == QLatin1String("USE") || w == QLatin1String("SET") || w == QLatin1String("RESET") ||
               w == QLatin1String("OPTIMIZE") || w == QLatin1String("VACUUM") ||
               w == QLatin1String("ANALYZE") || w == QLatin1String("REFRESH") || w == QLatin1String("MSCK") ||
               w == QLatin1String("CACHE") || w == QLatin1String("UNCACHE") || w == QLatin1String("CLEAR") ||
               w == QLatin1String("FSCK")) {
        setKind(StatementKind::NoOp);
    } else if (w == QLatin1String("SHOW") || w == QLatin1String("DESCRIBE") || w == QLatin1String("DESC")) {
        setKind(StatementKind::Query);
    } else if (w == QLatin1String("BEGIN") || w == QLatin1String("COMMIT") ||
               w == QLatin1String("ROLLBACK") || w == QLatin1String("START")) {
        fail(unsupported(QStringLiteral("explicit transactions (%1)").arg(w)));
    } else if (w == QLatin1String("CREATE") || w == QLatin1String("DROP") || w == QLatin1String("ALTER")) {
        int k = nextSig(m_t, first);
        while (k < n && m_t[k].kind == Tok::Word) {
            const QString kw = up(m_t[k]);
            if (w == QLatin1String("CREATE") && kw == QLatin1String("OR")) {
                const int r = nextSig(m_t, k);
                if (r < n && isWord(m_t[r], QLatin1String("REPLACE"))) {
                    m_replaceTable = true;
                    erase(m_t[k]);
                    erase(m_t[r]);
                    k = nextSig(m_t, r);
                    continue;
                }
            }
            if (kw == QLatin1String("TEMPORARY") || kw == QLatin1String("TEMP") ||
                kw == QLatin1String("GLOBAL") || kw == QLatin1String("LOCAL")) {
                k = nextSig(m_t, k);
                continue;
            }
            if (kw == QLatin1String("EXTERNAL")) {
                erase(m_t[k]);
                k = nextSig(m_t, k);
                continue;
            }
            break;
        }
        m_objectType = k < n ? up(m_t[k]) : QString();
        if (m_objectType == QLatin1String("DATABASE")) {
            m_t[k].text = QStringLiteral("SCHEMA");
            m_objectType = QStringLiteral("SCHEMA");
        }
        if (w == QLatin1String("CREATE")) {
            if (m_objectType == QLatin1String("TABLE")) {
                setKind(StatementKind::CreateTable);
            } else if (m_objectType == QLatin1String("VIEW")) {
                setKind(StatementKind::CreateView);
                if (m_replaceTable) { // views keep OR REPLACE
                    m_replaceTable = false;
                    m_t[first].text = QStringLiteral("CREATE OR REPLACE");
                }
            } else if (m_objectType == QLatin1String("SCHEMA")) {
                setKind(StatementKind::CreateSchema);
            } else if (m_objectType == QLatin1String("CATALOG")) {
                setKind(StatementKind::CreateCatalog);
            } else if (m_objectType == QLatin1String("VOLUME")) {
                setKind(StatementKind::CreateVolume);
            } else if (m_objectType == QLatin1String("FUNCTION")) {
                setKind(StatementKind::CreateFunction);
            } else {
                fail(unsupported(QStringLiteral("CREATE %1").arg(m_objectType)));
            }
        } else if (w == QLatin1String("DROP")) {
            setKind(m_objectType == QLatin1String("CATALOG") || m_objectType == QLatin1String("VOLUME")
                        ? StatementKind::NoOp
                        : StatementKind::Drop);
        } else {
            setKind(StatementKind::Alter);
        }
    } else {
        setKind(StatementKind::Other);
    }
}

bool Translator::handleSpecialStatements()
{
    const int n = int(m_t.size());
    const int first = firstSig(m_t, 0, n);
    const QString w = up(m_t[first]);
    if (m_out.kind == StatementKind::NoOp)
        return true;
    if (m_out.kind == StatementKind::Grant || m_out.kind == StatementKind::Revoke) {
        translateGrant(m_out.kind == StatementKind::Revoke);
        return true;
    }
    if (m_out.kind == StatementKind::CreateCatalog) {
        int k = nextSig(m_t, first);
        while (k < n && (isWord(m_t[k], QLatin1String("CATALOG")) || isWord(m_t[k], QLatin1String("IF")) ||
                         isWord(m_t[k], QLatin1String("NOT")) || isWord(m_t[k], QLatin1String("EXISTS"))))
            k = nextSig(m_t, k);
        if (k < n && isName(m_t[k]))
            m_out.catalogName = m_t[k].text.toLower();
        return true;
    }
    if (m_out.kind == StatementKind::CreateVolume) {
        int k = nextSig(m_t, first);
        while (k < n && (isWord(m_t[k], QLatin1String("VOLUME")) || isWord(m_t[k], QLatin1String("MANAGED")) ||
                         isWord(m_t[k], QLatin1String("IF")) || isWord(m_t[k], QLatin1String("NOT")) ||
                         isWord(m_t[k], QLatin1String("EXISTS"))))
            k = nextSig(m_t, k);
        const NameParts np = nameAt(m_t, k);
        if (np.parts.isEmpty())
            return true;
        TableReference ref = resolveTable(np.parts);
        m_out.volumeName = QStringList{ref.catalog, ref.schema, ref.table}.join(QLatin1Char('.'));
        ref.table.clear(); // the privilege is on the schema
        ref.access = TableReference::Access::Create;
        m_out.tables.append(ref);
        return true;
    }
    if (w == QLatin1String("SHOW")) {
        translateShow();
        return true;
    }
    if (w == QLatin1String("DESCRIBE") || w == QLatin1String("DESC")) {
        translateDescribe();
        return true;
    }
    return false;
}

// Spark LIKE patterns for SHOW: '*' any characters, '|' alternatives.
QString showPatternCondition(const QString& column, const QString& pattern)
{
    QStringList alternatives;
    for (QString alt : pattern.split(QLatin1Char('|'))) {
        alt = alt.trimmed();
        alt.replace(QLatin1Char('*'), QLatin1Char('%'));
        alternatives << QStringLiteral("%1 ILIKE %2").arg(column, quoteLiteral(alt));
    }
    return QLatin1Char('(') + alternatives.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

void Translator::translateShow()
{
    const int n = int(m_t.size());
    const int first = firstSig(m_t, 0, n);
    int k = nextSig(m_t, first);
    const QString what = k < n ? up(m_t[k]) : QString();
    k = nextSig(m_t, k);
    QStringList container; // FROM/IN name
    QString pattern;
    QStringList secondContainer;
    while (k < n) {
        if (isWord(m_t[k], QLatin1String("FROM")) || isWord(m_t[k], QLatin1String("IN"))) {
            const NameParts np = nameAt(m_t, nextSig(m_t, k));
            if (container.isEmpty())
                container = np.parts;
            else
                secondContainer = np.parts;
            k = nextSig(m_t, np.end);
            continue;
        }
        if (isWord(m_t[k], QLatin1String("LIKE"))) {
            const int p = nextSig(m_t, k);
            if (p < n && m_t[p].kind == Tok::Str)
                pattern = m_t[p].text;
            k = nextSig(m_t, p);
            continue;
        }
        if (m_t[k].kind == Tok::Str) { // SHOW TABLES 'pattern'
            pattern = m_t[k].text;
            k = nextSig(m_t, k);
            continue;
        }
        break;
    }
    m_out.kind = StatementKind::Query;
    if (what == QLatin1String("TABLES")) {
        const QString schema = container.isEmpty() ? m_ctx.schema : container.last();
        QString sql =
            QStringLiteral("SELECT CAST(table_schema AS text) AS \"database\", CAST(table_name AS text) AS "
                           "\"tableName\", false AS \"isTemporary\" FROM information_schema.tables WHERE "
                           "table_schema = %1")
                .arg(quoteLiteral(schema.toLower()));
        if (!pattern.isEmpty())
            sql += QStringLiteral(" AND ") + showPatternCondition(QStringLiteral("table_name"), pattern);
        m_out.statements << sql + QStringLiteral(" ORDER BY 2");
        m_out.aliases.insert(QStringLiteral("tablename"), QStringLiteral("tableName"));
        return;
    }
    if (what == QLatin1String("SCHEMAS") || what == QLatin1String("DATABASES")) {
        QString sql =
            QStringLiteral(
                "SELECT CAST(schema_name AS text) AS \"databaseName\" FROM information_schema.schemata "
                "WHERE schema_name NOT LIKE 'pg\\_%' AND schema_name NOT IN ('public', %1)")
                .arg(quoteLiteral(kInfoSchema));
        if (!pattern.isEmpty())
            sql += QStringLiteral(" AND ") + showPatternCondition(QStringLiteral("schema_name"), pattern);
        m_out.statements << sql + QStringLiteral(" ORDER BY 1");
        return;
    }
    if (what == QLatin1String("CATALOGS")) {
        QString sql = QStringLiteral("SELECT c AS \"catalog\" FROM unnest(string_to_array(current_setting("
                                     "'databricks.catalogs'), ',')) AS c");
        if (!pattern.isEmpty())
            sql += QStringLiteral(" WHERE ") + showPatternCondition(QStringLiteral("c"), pattern);
        m_out.statements << sql + QStringLiteral(" ORDER BY 1");
        return;
    }
    if (what == QLatin1String("COLUMNS")) {
        QStringList parts = container;
        if (!secondContainer.isEmpty())
            parts = QStringList{secondContainer.last(), container.last()};
        if (parts.isEmpty()) {
            fail(syntaxError(m_sql, QStringLiteral("end of input"), m_sql.size()));
            return;
        }
        TableReference ref = resolveTable(parts);
        m_out.tables << ref;
        m_out.requiresExistingTable = true;
        m_out.statements
            << QStringLiteral("SELECT CAST(column_name AS text) AS col_name FROM information_schema.columns "
                              "WHERE table_schema = %1 AND table_name = %2 ORDER BY ordinal_position")
                   .arg(quoteLiteral(ref.schema), quoteLiteral(ref.table));
        return;
    }
    fail(unsupported(QStringLiteral("SHOW %1").arg(what)));
}

void Translator::translateDescribe()
{
    const int n = int(m_t.size());
    int k = nextSig(m_t, firstSig(m_t, 0, n));
    while (k < n && (isWord(m_t[k], QLatin1String("TABLE")) || isWord(m_t[k], QLatin1String("EXTENDED")) ||
                     isWord(m_t[k], QLatin1String("FORMATTED")))) {
        k = nextSig(m_t, k);
    }
    if (k < n && (isWord(m_t[k], QLatin1String("SCHEMA")) || isWord(m_t[k], QLatin1String("DATABASE")) ||
                  isWord(m_t[k], QLatin1String("CATALOG")) || isWord(m_t[k], QLatin1String("FUNCTION")) ||
                  isWord(m_t[k], QLatin1String("QUERY")) || isWord(m_t[k], QLatin1String("HISTORY")) ||
                  isWord(m_t[k], QLatin1String("DETAIL")))) {
        fail(unsupported(QStringLiteral("DESCRIBE %1").arg(up(m_t[k]))));
        return;
    }
    if (k >= n || !isName(m_t[k])) {
        fail(syntaxError(m_sql, QStringLiteral("end of input"), m_sql.size()));
        return;
    }
    const NameParts np = nameAt(m_t, k);
    const TableReference ref = resolveTable(np.parts);
    m_out.kind = StatementKind::Query;
    m_out.tables << ref;
    m_out.requiresExistingTable = true;
    m_out.statements
        << QStringLiteral(
               "SELECT column_name AS col_name, full_data_type AS data_type, comment FROM %1.columns "
               "WHERE table_schema = %2 AND table_name = %3 ORDER BY ordinal_position")
               .arg(kInfoSchema, quoteLiteral(ref.schema), quoteLiteral(ref.table));
}

void Translator::translateGrant(bool revoke)
{
    const int n = int(m_t.size());
    int k = nextSig(m_t, firstSig(m_t, 0, n));
    QStringList current;
    while (k < n && !isWord(m_t[k], QLatin1String("ON"))) {
        if (isOp(m_t[k], QLatin1String(","))) {
            if (!current.isEmpty())
                m_out.privileges << current.join(QLatin1Char(' '));
            current.clear();
        } else {
            current << up(m_t[k]);
        }
        k = nextSig(m_t, k);
    }
    if (!current.isEmpty())
        m_out.privileges << current.join(QLatin1Char(' '));
    k = nextSig(m_t, k);
    static const QStringList types{QStringLiteral("CATALOG"), QStringLiteral("SCHEMA"),
                                   QStringLiteral("DATABASE"), QStringLiteral("TABLE"),
                                   QStringLiteral("VIEW")};
    if (k < n && m_t[k].kind == Tok::Word && types.contains(up(m_t[k]))) {
        m_out.securableType = up(m_t[k]) == QLatin1String("DATABASE") ? QStringLiteral("SCHEMA") : up(m_t[k]);
        k = nextSig(m_t, k);
    } else {
        m_out.securableType = QStringLiteral("TABLE");
    }
    if (k < n && isName(m_t[k])) {
        const NameParts np = nameAt(m_t, k);
        m_out.securable = np.parts.join(QLatin1Char('.')).toLower();
        k = nextSig(m_t, np.end);
    }
    const QLatin1String preposition = revoke ? QLatin1String("FROM") : QLatin1String("TO");
    if (k < n && isWord(m_t[k], preposition))
        k = nextSig(m_t, k);
    if (k < n && (isName(m_t[k]) || m_t[k].kind == Tok::Str))
        m_out.grantee = m_t[k].text;
    if (m_out.privileges.isEmpty() || m_out.grantee.isEmpty())
        fail(syntaxError(m_sql, QStringLiteral("end of input"), m_sql.size()));
}

// ---------------------------------------------------------------------------------------------
// DDL

std::optional<Toks> Translator::columnDefinition(const Toks& t, int from, int to)
{
    const int first = firstSig(t, from, to);
    if (first >= to)
        return std::nullopt;
    const QString w = t[first].kind == Tok::Word ? up(t[first]) : QString();
    if (w == QLatin1String("CONSTRAINT")) {
        const int kind = nextSig(t, nextSig(t, first, to), to);
        if (kind < to &&
            (isWord(t[kind], QLatin1String("PRIMARY")) || isWord(t[kind], QLatin1String("FOREIGN")) ||
             isWord(t[kind], QLatin1String("UNIQUE"))))
            return std::nullopt;
        return slice(t, from, to);
    }
    if (w == QLatin1String("PRIMARY") || w == QLatin1String("FOREIGN") || w == QLatin1String("UNIQUE"))
        return std::nullopt;
    if (w == QLatin1String("CHECK"))
        return slice(t, from, to);

    Toks out = slice(t, from, first);
    out.push_back(t[first]);
    out.push_back(rawTok(QStringLiteral(" ")));
    const ParsedType type = parseType(t, first + 1, to);
    if (type.postgres.isEmpty()) {
        append(out, slice(t, first + 1, to));
        return out;
    }
    out.push_back(rawTok(type.postgres));
    for (int k = type.next; k < to; ++k) {
        const Tok& tok = t[k];
        if (isWord(tok, QLatin1String("COMMENT"))) {
            const int v = nextSig(t, k, to);
            if (v < to && t[v].kind == Tok::Str) {
                k = v;
                continue;
            }
        }
        if (isWord(tok, QLatin1String("COLLATE"))) {
            k = nextSig(t, k, to);
            continue;
        }
        if (isWord(tok, QLatin1String("PRIMARY"))) {
            const int key = nextSig(t, k, to);
            if (key < to && isWord(t[key], QLatin1String("KEY"))) {
                k = key;
                continue;
            }
        }
        if (isWord(tok, QLatin1String("MASK"))) {
            fail(unsupported(QStringLiteral("column masks")));
            return std::nullopt;
        }
        if (isWord(tok, QLatin1String("GENERATED"))) {
            // GENERATED ALWAYS AS (expr) → ... STORED; identity columns pass unchanged.
            int m = nextSig(t, k, to);
            int as = m < to && isWord(t[m], QLatin1String("ALWAYS")) ? nextSig(t, m, to) : -1;
            if (as > 0 && as < to && isWord(t[as], QLatin1String("AS"))) {
                const int open = nextSig(t, as, to);
                if (open < to && isOp(t[open], QLatin1String("("))) {
                    const int close = matchParen(t, open, to);
                    if (close > 0) {
                        append(out, slice(t, k, close + 1));
                        out.push_back(rawTok(QStringLiteral(" STORED")));
                        k = close;
                        continue;
                    }
                }
            }
        }
        out.push_back(tok);
    }
    while (!out.empty() && out.back().kind == Tok::Space)
        out.pop_back();
    return out;
}

// Drops Delta-only table clauses at depth 0 in [from, to) up to a CTAS "AS".
Toks Translator::stripTableClauses(const Toks& t, int from, int to)
{
    Toks out;
    for (int k = from; k < to; ++k) {
        const Tok& tok = t[k];
        const int nx = nextSig(t, k, to);
        if (isWord(tok, QLatin1String("AS"))) {
            append(out, slice(t, k, to));
            break;
        }
        if (isWord(tok, QLatin1String("USING")) && nx < to && t[nx].kind == Tok::Word) {
            k = nx;
            continue;
        }
        if ((isWord(tok, QLatin1String("PARTITIONED")) || isWord(tok, QLatin1String("CLUSTER"))) && nx < to &&
            isWord(t[nx], QLatin1String("BY"))) {
            const int what = nextSig(t, nx, to);
            if (what < to && isOp(t[what], QLatin1String("("))) {
                const int close = matchParen(t, what, to);
                k = close > 0 ? close : to;
            } else {
                k = what;
            }
            continue;
        }
        if ((isWord(tok, QLatin1String("LOCATION")) || isWord(tok, QLatin1String("COMMENT"))) && nx < to &&
            t[nx].kind == Tok::Str) {
            k = nx;
            continue;
        }
        if ((isWord(tok, QLatin1String("TBLPROPERTIES")) || isWord(tok, QLatin1String("OPTIONS"))) &&
            nx < to && isOp(t[nx], QLatin1String("("))) {
            const int close = matchParen(t, nx, to);
            k = close > 0 ? close : to;
            continue;
        }
        if ((isWord(tok, QLatin1String("ROW")) && nx < to && isWord(t[nx], QLatin1String("FORMAT"))) ||
            (isWord(tok, QLatin1String("STORED")) && nx < to && isWord(t[nx], QLatin1String("AS")))) {
            fail(unsupported(QStringLiteral("Hive table formats (%1 %2)").arg(tok.text, t[nx].text)));
            return out;
        }
        out.push_back(tok);
    }
    return out;
}

void Translator::rewriteCreateTable()
{
    const int n = int(m_t.size());
    int k = 0;
    while (k < n && !isWord(m_t[k], QLatin1String("TABLE")))
        ++k;
    int nameStart = nextSig(m_t, k);
    if (nameStart < n && isWord(m_t[nameStart], QLatin1String("IF"))) {
        nameStart = nextSig(m_t, nextSig(m_t, nextSig(m_t, nameStart))); // IF NOT EXISTS
    }
    if (nameStart >= n || !isName(m_t[nameStart])) {
        fail(syntaxError(m_sql, QStringLiteral("end of input"), m_sql.size()));
        return;
    }
    const NameParts np = nameAt(m_t, nameStart);
    Toks out = slice(m_t, 0, np.end + 1);
    int rest = np.end + 1;
    const int open = nextSig(m_t, np.end);
    if (open < n && isOp(m_t[open], QLatin1String("("))) {
        const int close = matchParen(m_t, open);
        if (close < 0) {
            fail(syntaxError(m_sql, QStringLiteral("end of input"), m_sql.size()));
            return;
        }
        append(out, slice(m_t, np.end + 1, open + 1)); // blanks and "("
        bool firstColumn = true;
        for (const auto& [a, b] : splitTopLevel(m_t, open + 1, close)) {
            std::optional<Toks> column = columnDefinition(m_t, a, b);
            if (!m_out.ok())
                return;
            if (!column)
                continue;
            if (!firstColumn)
                out.push_back(rawTok(QStringLiteral(",")));
            append(out, *column);
            firstColumn = false;
        }
        out.push_back(m_t[close]);
        rest = close + 1;
    }
    append(out, stripTableClauses(m_t, rest, n));
    m_t = out;
}

void Translator::rewriteCreateView()
{
    const int n = int(m_t.size());
    Toks out;
    bool ifNotExists = false;
    int depth = 0;
    int k = 0;
    for (; k < n; ++k) {
        const Tok& tok = m_t[k];
        if (isOp(tok, QLatin1String("(")))
            ++depth;
        else if (isOp(tok, QLatin1String(")")))
            --depth;
        if (depth == 0 && isWord(tok, QLatin1String("AS")))
            break;
        const int nx = nextSig(m_t, k);
        if (depth == 0 && isWord(tok, QLatin1String("IF"))) {
            ifNotExists = true;
            k = nextSig(m_t, nextSig(m_t, k)); // NOT EXISTS
            continue;
        }
        if (isWord(tok, QLatin1String("COMMENT")) && nx < n && m_t[nx].kind == Tok::Str) {
            k = nx;
            continue;
        }
        if (depth == 0 && isWord(tok, QLatin1String("TBLPROPERTIES")) && nx < n &&
            isOp(m_t[nx], QLatin1String("("))) {
            k = matchParen(m_t, nx);
            if (k < 0)
                k = n;
            continue;
        }
        out.push_back(tok);
    }
    append(out, slice(m_t, std::min(k, n), n));
    if (ifNotExists) {
        const int first = firstSig(out, 0, int(out.size()));
        if (!out[first].text.contains(QLatin1String("REPLACE")))
            out[first].text = QStringLiteral("CREATE OR REPLACE");
    }
    m_t = out;
}

void Translator::rewriteCreateSchema()
{
    const int n = int(m_t.size());
    Toks out;
    for (int k = 0; k < n; ++k) {
        const Tok& tok = m_t[k];
        const int nx = nextSig(m_t, k);
        if ((isWord(tok, QLatin1String("COMMENT")) || isWord(tok, QLatin1String("LOCATION"))) && nx < n &&
            m_t[nx].kind == Tok::Str) {
            k = nx;
            continue;
        }
        if (isWord(tok, QLatin1String("MANAGED")) && nx < n && isWord(m_t[nx], QLatin1String("LOCATION"))) {
            k = nextSig(m_t, nx);
            continue;
        }
        if (isWord(tok, QLatin1String("WITH")) && nx < n &&
            (isWord(m_t[nx], QLatin1String("DBPROPERTIES")) ||
             isWord(m_t[nx], QLatin1String("PROPERTIES")))) {
            const int open = nextSig(m_t, nx);
            k = open < n ? matchParen(m_t, open) : n;
            if (k < 0)
                k = n;
            continue;
        }
        if (isWord(tok, QLatin1String("DEFAULT")) && nx < n && isWord(m_t[nx], QLatin1String("COLLATION"))) {
            k = nextSig(m_t, nx);
            continue;
        }
        out.push_back(tok);
    }
    m_t = out;
}

void Translator::rewriteDrop()
{
    for (Tok& tok : m_t)
        if (isWord(tok, QLatin1String("PURGE")))
            erase(tok);
}

// CREATE [OR REPLACE] FUNCTION f(p T, ...) [RETURNS T] RETURN expr (a SQL UDF) → a PostgreSQL SQL
// function answering SELECT expr; the body's names, functions and current_user() are translated
// like any expression.
void Translator::rewriteCreateFunction()
{
    const int n = int(m_t.size());
    int k = 0;
    while (k < n && !isWord(m_t[k], QLatin1String("FUNCTION")))
        ++k;
    int nameStart = nextSig(m_t, k);
    if (nameStart < n && isWord(m_t[nameStart], QLatin1String("IF")))
        nameStart = nextSig(m_t, nextSig(m_t, nextSig(m_t, nameStart)));
    const NameParts np = nameStart < n ? nameAt(m_t, nameStart) : NameParts{};
    const int open = np.parts.isEmpty() ? n : nextSig(m_t, np.end);
    if (open >= n || !isOp(m_t[open], QLatin1String("("))) {
        fail(syntaxError(m_sql, QStringLiteral("end of input"), m_sql.size()));
        return;
    }
    const int close = matchParen(m_t, open);
    QStringList params;
    for (const auto& [x, y] : splitTopLevel(m_t, open + 1, close)) {
        const int pname = firstSig(m_t, x, y);
        const int ptype = nextSig(m_t, pname);
        if (pname >= y || ptype >= y)
            continue;
        const QString pg = postgresTypeForParameterType(up(m_t[ptype]));
        params << m_t[pname].text.toLower() + QLatin1Char(' ') + (pg.isEmpty() ? QStringLiteral("text") : pg);
    }
    QString returns = QStringLiteral("boolean");
    int body = nextSig(m_t, close);
    if (body < n && isWord(m_t[body], QLatin1String("RETURNS"))) {
        const int type = nextSig(m_t, body);
        const QString pg = type < n ? postgresTypeForParameterType(up(m_t[type])) : QString();
        if (!pg.isEmpty())
            returns = pg;
        body = nextSig(m_t, type);
    }
    if (body >= n || !isWord(m_t[body], QLatin1String("RETURN"))) {
        fail(unsupported(QStringLiteral("CREATE FUNCTION without a RETURN expression")));
        return;
    }
    const TableReference function = resolveTable(np.parts);
    Toks out;
    out.push_back(rawTok(QStringLiteral("CREATE OR REPLACE FUNCTION %1.%2(%3) RETURNS %4 LANGUAGE sql STABLE AS $sbfn$ SELECT ")
                             .arg(quoteIdent(function.schema), quoteIdent(function.table),
                                  params.join(QStringLiteral(", ")), returns)));
    append(out, slice(m_t, nextSig(m_t, body), n));
    out.push_back(rawTok(QStringLiteral(" $sbfn$")));
    m_t = out;
    m_replaceTable = false;
}

void Translator::rewriteAlter()
{
    const int n = int(m_t.size());
    int k = 0;
    while (k < n && !(m_t[k].kind == Tok::Word && up(m_t[k]) == m_objectType))
        ++k;
    int nameStart = nextSig(m_t, k);
    if (nameStart < n && isWord(m_t[nameStart], QLatin1String("IF")))
        nameStart = nextSig(m_t, nextSig(m_t, nameStart));
    if (nameStart >= n || !isName(m_t[nameStart])) {
        fail(syntaxError(m_sql, QStringLiteral("end of input"), m_sql.size()));
        return;
    }
    if (m_objectType != QLatin1String("TABLE"))
        return; // ALTER SCHEMA/VIEW: passed through
    const NameParts np = nameAt(m_t, nameStart);
    const int action = nextSig(m_t, np.end);
    if (action >= n)
        return;
    const QString a = up(m_t[action]);
    const int second = nextSig(m_t, action);
    const QString b = second < n ? up(m_t[second]) : QString();

    // SET ROW FILTER f ON (c, ...) / DROP ROW FILTER → row-level security (postgres_warehouse.cpp).
    if ((a == QLatin1String("SET") || a == QLatin1String("DROP")) && b == QLatin1String("ROW")) {
        TableReference ref = resolveTable(np.parts);
        ref.access = TableReference::Access::Write;
        m_out.tables << ref;
        m_firstTableSeen = true;
        const QString target = quoteIdent(ref.schema) + QLatin1Char('.') + quoteIdent(ref.table);
        if (a == QLatin1String("DROP")) {
            m_t = Toks{rawTok(QStringLiteral("SELECT databricks_information_schema.drop_row_filter(%1)").arg(quoteLiteral(target)))};
            return;
        }
        const int filter = nextSig(m_t, nextSig(m_t, second)); // after FILTER
        const NameParts fn = filter < n ? nameAt(m_t, filter) : NameParts{};
        const int on = nextSig(m_t, fn.end);
        const int open = on < n ? nextSig(m_t, on) : n;
        if (fn.parts.isEmpty() || on >= n || !isWord(m_t[on], QLatin1String("ON")) || open >= n ||
            !isOp(m_t[open], QLatin1String("("))) {
            fail(syntaxError(m_sql, QStringLiteral("end of input"), m_sql.size()));
            return;
        }
        const int close = matchParen(m_t, open);
        QStringList columns;
        for (int c = open + 1; c < close; ++c)
            if (isName(m_t[c]))
                columns << quoteIdent(m_t[c].text.toLower());
        const TableReference function = resolveTable(fn.parts);
        const QString call = quoteIdent(function.schema) + QLatin1Char('.') + quoteIdent(function.table) +
                             QLatin1Char('(') + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
        QStringList plainColumns;
        for (QString c : columns)
            plainColumns << c.mid(1, c.size() - 2);
        m_t = Toks{rawTok(QStringLiteral("SELECT databricks_information_schema.set_row_filter(%1, %2, %3, %4)")
                              .arg(quoteLiteral(target), quoteLiteral(call),
                                   quoteLiteral(function.catalog + QLatin1Char('.') + function.schema + QLatin1Char('.') +
                                                function.table),
                                   quoteLiteral(plainColumns.join(QStringLiteral(", ")))))};
        return;
    }
    if ((a == QLatin1String("SET") || a == QLatin1String("UNSET")) &&
        (b == QLatin1String("TBLPROPERTIES") || b == QLatin1String("OWNER") || b == QLatin1String("TAGS")))
        m_out.kind = StatementKind::NoOp;
    if (a == QLatin1String("OWNER") || a == QLatin1String("CLUSTER"))
        m_out.kind = StatementKind::NoOp;
    if (a == QLatin1String("ADD") && b == QLatin1String("CONSTRAINT")) {
        const int kind = nextSig(m_t, nextSig(m_t, second));
        if (kind < n &&
            (isWord(m_t[kind], QLatin1String("PRIMARY")) || isWord(m_t[kind], QLatin1String("FOREIGN"))))
            m_out.kind = StatementKind::NoOp;
    }
    if (m_out.kind == StatementKind::NoOp)
        return;

    if (a == QLatin1String("ADD") && (b == QLatin1String("COLUMN") || b == QLatin1String("COLUMNS"))) {
        int from = nextSig(m_t, second);
        int to = n;
        if (from < n && isOp(m_t[from], QLatin1String("("))) {
            const int close = matchParen(m_t, from);
            to = close > 0 ? close : n;
            ++from;
        }
        Toks out = slice(m_t, 0, np.end + 1);
        bool firstColumn = true;
        for (const auto& [x, y] : splitTopLevel(m_t, from, to)) {
            std::optional<Toks> column = columnDefinition(m_t, x, y);
            if (!m_out.ok())
                return;
            if (!column)
                continue;
            out.push_back(
                rawTok(firstColumn ? QStringLiteral(" ADD COLUMN ") : QStringLiteral(", ADD COLUMN ")));
            const int start = firstSig(*column, 0, int(column->size()));
            append(out, slice(*column, start, int(column->size())));
            firstColumn = false;
        }
        m_t = out;
        return;
    }
    if ((a == QLatin1String("ALTER") || a == QLatin1String("CHANGE"))) {
        int column = second;
        if (b == QLatin1String("COLUMN"))
            column = nextSig(m_t, second);
        const int what = nextSig(m_t, column);
        if (column < n && isName(m_t[column]) && what < n && isWord(m_t[what], QLatin1String("COMMENT"))) {
            const int text = nextSig(m_t, what);
            if (text < n && m_t[text].kind == Tok::Str) {
                TableReference ref = resolveTable(np.parts);
                ref.access = TableReference::Access::Write;
                m_out.tables << ref;
                m_firstTableSeen = true;
                Toks out;
                out.push_back(rawTok(QStringLiteral("COMMENT ON COLUMN ")));
                append(out, slice(m_t, np.start, np.end + 1));
                out.push_back({Tok::Op, QStringLiteral("."), -1});
                out.push_back(m_t[column]);
                out.push_back(rawTok(QStringLiteral(" IS ")));
                out.push_back(m_t[text]);
                m_t = out;
                m_out.kind = StatementKind::Comment;
                return;
            }
        }
        // ALTER COLUMN c TYPE t / SET DATA TYPE t
        for (int m = column; m < n; ++m) {
            if (isWord(m_t[m], QLatin1String("TYPE"))) {
                const ParsedType type = parseType(m_t, m + 1, n);
                if (!type.postgres.isEmpty()) {
                    Toks out = slice(m_t, 0, m + 1);
                    out.push_back(rawTok(QLatin1Char(' ') + type.postgres));
                    append(out, slice(m_t, type.next, n));
                    m_t = out;
                }
                break;
            }
        }
        return;
    }
    if (a == QLatin1String("RENAME") && b == QLatin1String("TO")) {
        const int target = nextSig(m_t, second);
        if (target < n && isName(m_t[target])) {
            const NameParts newName = nameAt(m_t, target);
            Toks out = slice(m_t, 0, target);
            out.push_back({Tok::QIdent, newName.parts.last(), -1});
            append(out, slice(m_t, newName.end + 1, n));
            m_t = out;
        }
    }
}

// Removes qualifiers from assignment targets: SET t.a = ..., t.b = ... (up to a stop word).
void stripAssignmentQualifiers(Toks& t, int from, int to, const QStringList& stopWords)
{
    int depth = 0;
    bool atStart = true;
    for (int k = from; k < to; ++k) {
        Tok& tok = t[k];
        if (tok.kind == Tok::Space)
            continue;
        if (depth == 0 && tok.kind == Tok::Word && stopWords.contains(up(tok)))
            return;
        if (isOp(tok, QLatin1String("(")))
            ++depth;
        if (isOp(tok, QLatin1String(")")))
            --depth;
        if (depth == 0 && isOp(tok, QLatin1String(","))) {
            atStart = true;
            continue;
        }
        if (atStart && isName(tok)) {
            int last = k;
            while (last + 2 < to && isOp(t[last + 1], QLatin1String(".")) && isName(t[last + 2]))
                last += 2;
            for (int m = k; m < last; ++m)
                erase(t[m]);
            k = last;
        }
        atStart = false;
    }
}

void Translator::rewriteMerge()
{
    const int n = int(m_t.size());
    for (int k = 0; k < n; ++k) {
        if (isWord(m_t[k], QLatin1String("MATCHED"))) {
            const int by = nextSig(m_t, k);
            if (by < n && isWord(m_t[by], QLatin1String("BY"))) {
                const int which = nextSig(m_t, by);
                if (which < n && isWord(m_t[which], QLatin1String("SOURCE"))) {
                    fail(unsupported(
                        QStringLiteral("WHEN NOT MATCHED BY SOURCE (PostgreSQL 15 has no equivalent)")));
                    return;
                }
                if (which < n && isWord(m_t[which], QLatin1String("TARGET"))) {
                    erase(m_t[by]);
                    erase(m_t[which]);
                }
            }
        }
        if (isWord(m_t[k], QLatin1String("UPDATE"))) {
            const int set = nextSig(m_t, k);
            if (set < n && isWord(m_t[set], QLatin1String("SET"))) {
                const int star = nextSig(m_t, set);
                if (star < n && isOp(m_t[star], QLatin1String("*"))) {
                    fail(unsupported(QStringLiteral("UPDATE SET * in MERGE")));
                    return;
                }
                stripAssignmentQualifiers(m_t, set + 1, n, {QStringLiteral("WHEN")});
            }
        }
        if (isWord(m_t[k], QLatin1String("INSERT"))) {
            const int next = nextSig(m_t, k);
            if (next < n && isOp(m_t[next], QLatin1String("*"))) {
                fail(unsupported(QStringLiteral("INSERT * in MERGE")));
                return;
            }
            if (next < n && isOp(m_t[next], QLatin1String("("))) {
                const int close = matchParen(m_t, next);
                if (close > 0)
                    stripAssignmentQualifiers(m_t, next + 1, close, {});
            }
        }
    }
}

void Translator::rewriteUpdate()
{
    const int n = int(m_t.size());
    for (int k = 0; k < n; ++k) {
        if (isWord(m_t[k], QLatin1String("SET"))) {
            stripAssignmentQualifiers(m_t, k + 1, n, {QStringLiteral("WHERE"), QStringLiteral("FROM")});
            return;
        }
    }
}

void Translator::rewriteInsert()
{
    const int n = int(m_t.size());
    const int first = firstSig(m_t, 0, n);
    const int second = nextSig(m_t, first);
    if (second < n && isWord(m_t[second], QLatin1String("OVERWRITE"))) {
        fail(unsupported(QStringLiteral("INSERT OVERWRITE")));
        return;
    }
    const int third = nextSig(m_t, second);
    if (second < n && isWord(m_t[second], QLatin1String("INTO")) && third < n &&
        isWord(m_t[third], QLatin1String("TABLE")))
        erase(m_t[third]);
}

// ---------------------------------------------------------------------------------------------
// Expressions

Toks Translator::rewriteExpressions(const Toks& t, int from, int to)
{
    Toks out;
    int i = from;
    while (i < to) {
        const Tok& tok = t[i];
        const int nx = nextSig(t, i, to);
        if (tok.kind == Tok::Word) {
            const bool qualified = i > 0 && isOp(t[i - 1], QLatin1String("."));
            if (!qualified && nx < to && isOp(t[nx], QLatin1String("("))) {
                const int close = matchParen(t, nx, to);
                if (close > 0) {
                    std::optional<Toks> replaced = rewriteFunction(t, i, nx, close);
                    if (!m_out.ok())
                        return out;
                    if (replaced) {
                        append(out, *replaced);
                        i = close + 1;
                        continue;
                    }
                }
            }
            const bool calledOrQualified = qualified || (nx < to && isOp(t[nx], QLatin1String("(")));
            if (!calledOrQualified &&
                (isWord(tok, QLatin1String("CURRENT_USER")) || isWord(tok, QLatin1String("SESSION_USER")))) {
                out.push_back(rawTok(QStringLiteral("current_setting('databricks.current_user')")));
                ++i;
                continue;
            }
            if (!calledOrQualified && isWord(tok, QLatin1String("CURRENT_CATALOG"))) {
                out.push_back(rawTok(QStringLiteral("current_setting('databricks.current_catalog')")));
                ++i;
                continue;
            }
            if ((isWord(tok, QLatin1String("RLIKE")) || isWord(tok, QLatin1String("REGEXP"))) &&
                !(nx < to && isOp(t[nx], QLatin1String("(")))) {
                int p = int(out.size()) - 1;
                while (p >= 0 && out[p].kind == Tok::Space)
                    --p;
                if (p >= 0 && isWord(out[p], QLatin1String("NOT"))) {
                    out.resize(p);
                    out.push_back(rawTok(QStringLiteral("!~")));
                } else {
                    out.push_back(rawTok(QStringLiteral("~")));
                }
                ++i;
                continue;
            }
            if (isWord(tok, QLatin1String("INTERVAL")) && nx < to && t[nx].kind == Tok::Num) {
                const int unit = nextSig(t, nx, to);
                if (unit < to && t[unit].kind == Tok::Word) {
                    out.push_back(
                        rawTok(QStringLiteral("INTERVAL '%1 %2'").arg(t[nx].text, t[unit].text.toLower())));
                    i = unit + 1;
                    continue;
                }
            }
            if (nx < to && t[nx].kind == Tok::Str &&
                (isWord(tok, QLatin1String("TIMESTAMP_NTZ")) || isWord(tok, QLatin1String("TIMESTAMP_LTZ")) ||
                 isWord(tok, QLatin1String("TIMESTAMP")))) {
                out.push_back(rawTok(isWord(tok, QLatin1String("TIMESTAMP_NTZ"))
                                         ? QStringLiteral("timestamp")
                                         : QStringLiteral("timestamptz")));
                ++i;
                continue;
            }
        }
        if (isOp(tok, QLatin1String("::"))) {
            const ParsedType type = parseType(t, i + 1, to);
            if (!type.postgres.isEmpty()) {
                out.push_back(rawTok(QStringLiteral("::") + type.postgres));
                i = type.next;
                continue;
            }
        }
        if (isOp(tok, QLatin1String("<=>"))) {
            const bool spaceBefore = !out.empty() && out.back().kind == Tok::Space;
            const bool spaceAfter = i + 1 < to && t[i + 1].kind == Tok::Space;
            out.push_back(rawTok((spaceBefore ? QString() : QStringLiteral(" ")) +
                                 QStringLiteral("IS NOT DISTINCT FROM") +
                                 (spaceAfter ? QString() : QStringLiteral(" "))));
            ++i;
            continue;
        }
        if (isOp(tok, QLatin1String("=="))) {
            out.push_back({Tok::Op, QStringLiteral("="), tok.pos});
            ++i;
            continue;
        }
        if (isOp(tok, QLatin1String("^"))) { // Spark's bitwise XOR; PostgreSQL's ^ is a power
            out.push_back({Tok::Op, QStringLiteral("#"), tok.pos});
            ++i;
            continue;
        }
        out.push_back(tok);
        ++i;
    }
    return out;
}

std::optional<Toks> Translator::rewriteFunction(const Toks& t, int nameIdx, int open, int close)
{
    const QString name = up(t[nameIdx]);
    auto ranges = splitTopLevel(t, open + 1, close);
    for (auto& [a, b] : ranges) { // arguments without their surrounding blanks
        while (a < b && t[a].kind == Tok::Space)
            ++a;
        while (b > a && t[b - 1].kind == Tok::Space)
            --b;
    }
    const int argc = int(ranges.size());
    auto arg = [&](int k) { return rewriteExpressions(t, ranges[k].first, ranges[k].second); };
    auto build = [&](std::initializer_list<std::variant<QString, int>> pieces) {
        Toks out;
        for (const auto& p : pieces) {
            if (std::holds_alternative<QString>(p))
                out.push_back(rawTok(std::get<QString>(p)));
            else
                append(out, arg(std::get<int>(p)));
        }
        return out;
    };
    auto allArgs = [&]() {
        Toks out;
        for (int k = 0; k < argc; ++k) {
            if (k > 0)
                out.push_back(rawTok(QStringLiteral(", ")));
            append(out, arg(k));
        }
        return out;
    };
    auto call = [&](const QString& fn) {
        Toks out{rawTok(fn + QLatin1Char('('))};
        append(out, allArgs());
        out.push_back(rawTok(QStringLiteral(")")));
        return out;
    };

    if (argc == 0) {
        if (name == QLatin1String("CURRENT_TIMESTAMP") || name == QLatin1String("NOW"))
            return Toks{rawTok(QStringLiteral("current_timestamp"))};
        if (name == QLatin1String("CURRENT_DATE"))
            return Toks{rawTok(QStringLiteral("current_date"))};
        if (name == QLatin1String("CURRENT_USER") || name == QLatin1String("USER") ||
            name == QLatin1String("SESSION_USER"))
            return Toks{rawTok(QStringLiteral("current_setting('databricks.current_user')"))};
        if (name == QLatin1String("CURRENT_CATALOG"))
            return Toks{rawTok(QStringLiteral("current_setting('databricks.current_catalog')"))};
        if (name == QLatin1String("CURRENT_SCHEMA") || name == QLatin1String("CURRENT_DATABASE"))
            return Toks{rawTok(QStringLiteral("current_schema()"))};
        if (name == QLatin1String("UUID"))
            return Toks{rawTok(QStringLiteral("CAST(gen_random_uuid() AS text)"))};
        if (name == QLatin1String("UNIX_TIMESTAMP"))
            return Toks{rawTok(QStringLiteral("CAST(EXTRACT(EPOCH FROM current_timestamp) AS bigint)"))};
        if (name == QLatin1String("ARRAY"))
            return Toks{rawTok(QStringLiteral("ARRAY[]::text[]"))};
    }
    if (name == QLatin1String("CAST") || name == QLatin1String("TRY_CAST")) {
        int depth = 0;
        int as = -1;
        for (int k = open + 1; k < close; ++k) {
            if (isOp(t[k], QLatin1String("(")))
                ++depth;
            else if (isOp(t[k], QLatin1String(")")))
                --depth;
            else if (depth == 0 && isWord(t[k], QLatin1String("AS")))
                as = k;
        }
        if (as < 0)
            return std::nullopt;
        const ParsedType type = parseType(t, as + 1, close);
        int exprEnd = as;
        while (exprEnd > open + 1 && t[exprEnd - 1].kind == Tok::Space)
            --exprEnd;
        // try_cast: a helper that answers NULL where the conversion fails (see postgres_warehouse.cpp).
        static const QHash<QString, QString> tryHelpers{
            {QStringLiteral("timestamptz"), QStringLiteral("timestamptz")}, {QStringLiteral("timestamp"), QStringLiteral("timestamp")},
            {QStringLiteral("date"), QStringLiteral("date")},             {QStringLiteral("bigint"), QStringLiteral("bigint")},
            {QStringLiteral("integer"), QStringLiteral("integer")},       {QStringLiteral("smallint"), QStringLiteral("smallint")},
            {QStringLiteral("double precision"), QStringLiteral("double")}, {QStringLiteral("real"), QStringLiteral("real")},
            {QStringLiteral("boolean"), QStringLiteral("boolean")}};
        if (name == QLatin1String("TRY_CAST") && tryHelpers.contains(type.postgres)) {
            Toks out{rawTok(QStringLiteral("%1.try_%2(CAST(").arg(kInfoSchema, tryHelpers.value(type.postgres)))};
            append(out, rewriteExpressions(t, firstSig(t, open + 1, exprEnd), exprEnd));
            out.push_back(rawTok(QStringLiteral(" AS text))")));
            return out;
        }
        Toks out{rawTok(QStringLiteral("CAST("))};
        append(out, rewriteExpressions(t, firstSig(t, open + 1, exprEnd), exprEnd));
        out.push_back(rawTok(QStringLiteral(" AS ") +
                             (type.postgres.isEmpty() ? render(t, as + 1, close).trimmed() : type.postgres) +
                             QLatin1Char(')')));
        return out;
    }
    if (name == QLatin1String("NVL") || name == QLatin1String("IFNULL"))
        return call(QStringLiteral("coalesce"));
    if ((name == QLatin1String("SIZE") || name == QLatin1String("CARDINALITY")) && argc == 1)
        return call(QStringLiteral("cardinality"));
    if (name == QLatin1String("ARRAY") && argc > 0) {
        Toks out{rawTok(QStringLiteral("ARRAY["))};
        append(out, allArgs());
        out.push_back(rawTok(QStringLiteral("]")));
        return out;
    }
    if (name == QLatin1String("ARRAY_CONTAINS") && argc == 2)
        return build({QStringLiteral("("), 1, QStringLiteral(" = ANY("), 0, QStringLiteral("))")});
    if ((name == QLatin1String("IF") || name == QLatin1String("IFF")) && argc == 3)
        return build({QStringLiteral("(CASE WHEN "), 0, QStringLiteral(" THEN "), 1, QStringLiteral(" ELSE "),
                      2, QStringLiteral(" END)")});
    if (name == QLatin1String("UNIX_MILLIS") && argc == 1)
        return build(
            {QStringLiteral("CAST(EXTRACT(EPOCH FROM ("), 0, QStringLiteral(")) * 1000 AS bigint)")});
    if (name == QLatin1String("UNIX_MICROS") && argc == 1)
        return build(
            {QStringLiteral("CAST(EXTRACT(EPOCH FROM ("), 0, QStringLiteral(")) * 1000000 AS bigint)")});
    if ((name == QLatin1String("UNIX_SECONDS") || name == QLatin1String("UNIX_TIMESTAMP")) && argc == 1)
        return build({QStringLiteral("CAST(EXTRACT(EPOCH FROM CAST("), 0,
                      QStringLiteral(" AS timestamptz)) AS bigint)")});
    if (name == QLatin1String("DATE_ADD") && argc == 2)
        return build({QStringLiteral("(CAST("), 0, QStringLiteral(" AS date) + CAST("), 1,
                      QStringLiteral(" AS integer))")});
    if (name == QLatin1String("DATE_SUB") && argc == 2)
        return build({QStringLiteral("(CAST("), 0, QStringLiteral(" AS date) - CAST("), 1,
                      QStringLiteral(" AS integer))")});
    if (name == QLatin1String("DATEDIFF") && argc == 2)
        return build({QStringLiteral("(CAST("), 0, QStringLiteral(" AS date) - CAST("), 1,
                      QStringLiteral(" AS date))")});
    if (name == QLatin1String("TO_DATE") && argc == 1)
        return build({QStringLiteral("CAST("), 0, QStringLiteral(" AS date)")});
    if (name == QLatin1String("TO_TIMESTAMP") && argc == 1)
        return build({QStringLiteral("CAST("), 0, QStringLiteral(" AS timestamptz)")});
    if (name == QLatin1String("FROM_JSON") && argc == 2) {
        const int schema = firstSig(t, ranges[1].first, ranges[1].second);
        if (schema < ranges[1].second && t[schema].kind == Tok::Str) {
            static const QRegularExpression arrayOf(
                QStringLiteral("^\\s*ARRAY\\s*<\\s*([A-Za-z_]+)\\s*>\\s*$"),
                QRegularExpression::CaseInsensitiveOption);
            const auto m = arrayOf.match(t[schema].text);
            if (m.hasMatch()) {
                const QString element = postgresTypeForParameterType(m.captured(1));
                if (!element.isEmpty())
                    return build(
                        {QStringLiteral("(CASE WHEN ("), 0,
                         QStringLiteral(
                             ") IS NULL THEN NULL ELSE ARRAY(SELECT CAST(jsonb_array_elements_text(CAST("),
                         0, QStringLiteral(" AS jsonb)) AS ") + element + QStringLiteral(")) END)")});
            }
            return build({QStringLiteral("CAST("), 0, QStringLiteral(" AS jsonb)")});
        }
    }
    if (name == QLatin1String("TO_JSON") && argc == 1)
        return build({QStringLiteral("CAST(to_json("), 0, QStringLiteral(") AS text)")});
    if (name == QLatin1String("COLLECT_LIST") && argc == 1)
        return call(QStringLiteral("array_agg"));
    if (name == QLatin1String("COLLECT_SET") && argc == 1)
        return build({QStringLiteral("array_agg(DISTINCT "), 0, QStringLiteral(")")});
    if (name == QLatin1String("APPROX_COUNT_DISTINCT") && argc >= 1)
        return build({QStringLiteral("count(DISTINCT "), 0, QStringLiteral(")")});
    if (name == QLatin1String("COUNT_IF") && argc == 1)
        return build({QStringLiteral("count(*) FILTER (WHERE "), 0, QStringLiteral(")")});
    if (name == QLatin1String("SPLIT") && argc == 2)
        return call(QStringLiteral("string_to_array"));
    if ((name == QLatin1String("ARRAY_SORT") || name == QLatin1String("SORT_ARRAY")) && argc == 1)
        return build({QStringLiteral("ARRAY(SELECT e FROM unnest("), 0, QStringLiteral(") AS e ORDER BY e)")});
    if (name == QLatin1String("SEQUENCE") && (argc == 2 || argc == 3)) {
        if (argc == 3)
            return build({QStringLiteral("ARRAY(SELECT generate_series("), 0, QStringLiteral(", "), 1,
                          QStringLiteral(", "), 2, QStringLiteral("))")});
        return build({QStringLiteral("ARRAY(SELECT generate_series("), 0, QStringLiteral(", "), 1,
                      QStringLiteral(", CASE WHEN ("), 0, QStringLiteral(") <= ("), 1,
                      QStringLiteral(") THEN 1 ELSE -1 END))")});
    }
    if (name == QLatin1String("TRANSFORM") && argc == 2) {
        const Lambda f = lambdaAt(t, ranges[1].first, ranges[1].second);
        if (!f.ok)
            return std::nullopt;
        if (f.parameters.size() != 1) {
            fail(unsupported(QStringLiteral("transform with an index, (x, i) -> ...")));
            return std::nullopt;
        }
        const QString alias = QStringLiteral("_l%1").arg(++m_lambdas);
        Toks out{rawTok(QStringLiteral("ARRAY(SELECT ("))};
        append(out, rewriteExpressions(t, f.bodyFrom, f.bodyTo));
        out.push_back(rawTok(QStringLiteral(") FROM unnest(")));
        append(out, arg(0));
        out.push_back(rawTok(QStringLiteral(") WITH ORDINALITY AS %1(%2, %1_o) ORDER BY %1_o)")
                                 .arg(alias, f.parameters.first())));
        return out;
    }
    if ((name == QLatin1String("AGGREGATE") || name == QLatin1String("REDUCE")) && (argc == 3 || argc == 4)) {
        const Lambda merge = lambdaAt(t, ranges[2].first, ranges[2].second);
        if (!merge.ok || merge.parameters.size() != 2)
            return std::nullopt;
        Lambda finish;
        if (argc == 4) {
            finish = lambdaAt(t, ranges[3].first, ranges[3].second);
            if (!finish.ok || finish.parameters.size() != 1)
                return std::nullopt;
        }
        const QString alias = QStringLiteral("_l%1").arg(++m_lambdas);
        const QString& acc = merge.parameters.at(0);
        const QString& element = merge.parameters.at(1);
        // Elements with their position; the fold's row k holds the accumulator after element k.
        Toks out{rawTok(QStringLiteral("(CASE WHEN ("))};
        append(out, arg(0));
        out.push_back(rawTok(QStringLiteral(") IS NULL THEN NULL ELSE (WITH RECURSIVE %1_e(%2, %1_o) AS (SELECT * FROM "
                                            "unnest(")
                                 .arg(alias, element)));
        append(out, arg(0));
        out.push_back(rawTok(QStringLiteral(") WITH ORDINALITY), %1_f(%1_o, %2) AS (SELECT CAST(0 AS bigint), (")
                                 .arg(alias, acc)));
        append(out, arg(1));
        out.push_back(rawTok(QStringLiteral(") UNION ALL SELECT %1_e.%1_o, (").arg(alias)));
        append(out, rewriteExpressions(t, merge.bodyFrom, merge.bodyTo));
        out.push_back(rawTok(QStringLiteral(") FROM %1_f JOIN %1_e ON %1_e.%1_o = %1_f.%1_o + 1) SELECT ").arg(alias)));
        if (argc == 4) {
            out.push_back(rawTok(QStringLiteral("(SELECT (")));
            append(out, rewriteExpressions(t, finish.bodyFrom, finish.bodyTo));
            out.push_back(rawTok(QStringLiteral(") FROM (SELECT %1_f.%2 AS %3) %1_r)").arg(alias, acc, finish.parameters.first())));
        } else {
            out.push_back(rawTok(acc));
        }
        out.push_back(rawTok(QStringLiteral(" FROM %1_f ORDER BY %1_o DESC LIMIT 1) END)").arg(alias)));
        return out;
    }
    if (name == QLatin1String("ARRAY_JOIN") && argc >= 2)
        return call(QStringLiteral("array_to_string"));
    if (name == QLatin1String("ELEMENT_AT") && argc == 2)
        return build({QStringLiteral("("), 0, QStringLiteral(")["), 1, QStringLiteral("]")});
    if (name == QLatin1String("TRY_DIVIDE") && argc == 2)
        return build({QStringLiteral("("), 0, QStringLiteral(" / NULLIF("), 1, QStringLiteral(", 0))")});
    if (name == QLatin1String("GETDATE") && argc == 0)
        return Toks{rawTok(QStringLiteral("current_timestamp"))};
    if (name == QLatin1String("LCASE"))
        return call(QStringLiteral("lower"));
    if (name == QLatin1String("UCASE"))
        return call(QStringLiteral("upper"));
    if (name == QLatin1String("INSTR") && argc == 2)
        return call(QStringLiteral("strpos"));
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Names

Translator::NameParts Translator::nameAt(const Toks& t, int i) const
{
    NameParts np;
    np.start = i;
    np.end = i;
    if (i >= int(t.size()) || !isName(t[i]))
        return np;
    np.parts << t[i].text;
    int j = i;
    while (j + 2 < int(t.size()) && isOp(t[j + 1], QLatin1String(".")) &&
           (isName(t[j + 2]) || isOp(t[j + 2], QLatin1String("*")))) {
        j += 2;
        np.parts << t[j].text;
    }
    np.end = j;
    return np;
}

TableReference Translator::resolveTable(const QStringList& parts) const
{
    TableReference ref;
    ref.catalog = m_ctx.catalog.toLower();
    ref.schema = m_ctx.schema.toLower();
    if (parts.size() == 1) {
        ref.table = parts[0].toLower();
    } else if (parts.size() == 2) {
        ref.schema = parts[0].toLower();
        ref.table = parts[1].toLower();
    } else if (parts.size() >= 3) {
        ref.catalog = parts[parts.size() - 3].toLower();
        ref.schema = parts[parts.size() - 2].toLower();
        ref.table = parts.last().toLower();
    }
    return ref;
}

QString Translator::renderTableName(const QStringList& parts, bool* informationSchema) const
{
    *informationSchema = false;
    QStringList p = parts;
    while (p.size() > 2)
        p.removeFirst();
    if (p.size() == 2 && p[0].compare(QLatin1String("information_schema"), Qt::CaseInsensitive) == 0) {
        *informationSchema = true;
        return kInfoSchema + QLatin1Char('.') + quoteIdent(p[1].toLower());
    }
    QStringList quoted;
    for (const QString& part : p)
        quoted << quoteIdent(part.toLower());
    return quoted.join(QLatin1Char('.'));
}

QString Translator::clauseKeywordBefore(const Toks& t, int i) const
{
    static const QStringList clauses{
        QStringLiteral("FROM"),   QStringLiteral("SELECT"), QStringLiteral("WHERE"),
        QStringLiteral("GROUP"),  QStringLiteral("ORDER"),  QStringLiteral("HAVING"),
        QStringLiteral("LIMIT"),  QStringLiteral("ON"),     QStringLiteral("SET"),
        QStringLiteral("VALUES"), QStringLiteral("JOIN"),   QStringLiteral("USING"),
        QStringLiteral("INTO"),   QStringLiteral("WITH"),   QStringLiteral("WHEN"),
        QStringLiteral("THEN"),   QStringLiteral("UNION"),  QStringLiteral("BY"),
        QStringLiteral("WINDOW"), QStringLiteral("QUALIFY")};
    int depth = 0;
    for (int k = i - 1; k >= 0; --k) {
        if (isOp(t[k], QLatin1String(")"))) {
            ++depth;
        } else if (isOp(t[k], QLatin1String("("))) {
            if (depth == 0)
                return QString();
            --depth;
        } else if (depth == 0 && t[k].kind == Tok::Word && clauses.contains(up(t[k]))) {
            return up(t[k]);
        }
    }
    return QString();
}

Translator::Role Translator::roleAt(const Toks& t, int i, TableReference::Access* access) const
{
    *access = TableReference::Access::Read;
    const int p = prevSig(t, i);
    if (p < 0)
        return Role::None;
    const Tok& prev = t[p];
    const StatementKind kind = m_out.kind;
    const bool first = !m_firstTableSeen;
    auto writeIf = [&](bool condition) {
        if (condition)
            *access = TableReference::Access::Write;
    };
    if (prev.kind == Tok::Word) {
        const QString w = up(prev);
        if (w == QLatin1String("FROM")) {
            const int pp = prevSig(t, p);
            writeIf(kind == StatementKind::Delete && pp >= 0 && isWord(t[pp], QLatin1String("DELETE")));
            return Role::Table;
        }
        if (w == QLatin1String("JOIN"))
            return Role::Table;
        if (w == QLatin1String("INTO")) {
            writeIf(kind == StatementKind::Insert || kind == StatementKind::Merge);
            return Role::Table;
        }
        if (w == QLatin1String("UPDATE")) {
            if (kind != StatementKind::Update || prevSig(t, p) >= 0)
                return Role::None;
            writeIf(true);
            return Role::Table;
        }
        if (w == QLatin1String("TRUNCATE")) {
            writeIf(true);
            return Role::Table;
        }
        if (w == QLatin1String("USING"))
            return kind == StatementKind::Merge ? Role::Table : Role::None;
        if (w == QLatin1String("TABLE") || w == QLatin1String("VIEW") || w == QLatin1String("EXISTS")) {
            if (w == QLatin1String("EXISTS")) {
                const int pp = prevSig(t, p);
                if (pp < 0 || !(isWord(t[pp], QLatin1String("NOT")) || isWord(t[pp], QLatin1String("IF"))))
                    return Role::None;
                const int ppp = prevSig(t, pp);
                if (isWord(t[pp], QLatin1String("NOT")) && !(ppp >= 0 && isWord(t[ppp], QLatin1String("IF"))))
                    return Role::None;
                if (m_objectType == QLatin1String("SCHEMA"))
                    return Role::Schema;
            }
            if (kind == StatementKind::CreateTable || kind == StatementKind::CreateView) {
                if (first)
                    *access = TableReference::Access::Create;
            } else if (kind == StatementKind::Drop || kind == StatementKind::Alter ||
                       kind == StatementKind::Comment || kind == StatementKind::Truncate) {
                writeIf(first);
            }
            return Role::Table;
        }
        if (w == QLatin1String("SCHEMA") || w == QLatin1String("DATABASE"))
            return Role::Schema;
    }
    if (isOp(prev, QLatin1String(","))) {
        // FROM a, b / FROM a JOIN b ON x = y, c: a comma in a FROM clause separates tables.
        const QString clause = clauseKeywordBefore(t, i);
        if (clause == QLatin1String("FROM") || clause == QLatin1String("JOIN") ||
            clause == QLatin1String("ON"))
            return Role::Table;
    }
    return Role::None;
}

void Translator::rewriteNames(Toks& t)
{
    static const QStringList notTables{
        QStringLiteral("SET"),     QStringLiteral("SELECT"), QStringLiteral("VALUES"),
        QStringLiteral("LATERAL"), QStringLiteral("ONLY"),   QStringLiteral("WITH"),
        QStringLiteral("TABLE"),   QStringLiteral("UNNEST"), QStringLiteral("IF")};
    // Names defined by WITH: not tables.
    QSet<QString> ctes;
    for (int k = 0; k < int(t.size()); ++k) {
        if (!isName(t[k]))
            continue;
        const int as = nextSig(t, k);
        const int open = nextSig(t, as);
        const int before = prevSig(t, k);
        if (as < int(t.size()) && isWord(t[as], QLatin1String("AS")) && open < int(t.size()) &&
            isOp(t[open], QLatin1String("(")) && before >= 0 &&
            (isWord(t[before], QLatin1String("WITH")) || isWord(t[before], QLatin1String("RECURSIVE")) ||
             isOp(t[before], QLatin1String(","))))
            ctes.insert(t[k].text.toLower());
    }

    for (int i = 0; i < int(t.size()); ++i) {
        if (!isName(t[i]) || (i > 0 && isOp(t[i - 1], QLatin1String("."))))
            continue;
        const NameParts np = nameAt(t, i);
        TableReference::Access access;
        Role role = roleAt(t, i, &access);
        if (role == Role::Schema && np.parts.size() == 1 && t[i].kind == Tok::Word &&
            (isWord(t[i], QLatin1String("IF")) || isWord(t[i], QLatin1String("IN"))))
            role = Role::None; // CREATE SCHEMA IF NOT EXISTS ...
        const int next = nextSig(t, np.end);
        const bool single = np.parts.size() == 1;
        if (role == Role::Table) {
            const Tok& prev = t[prevSig(t, i)];
            if (single && t[i].kind == Tok::Word && notTables.contains(up(t[i])))
                role = Role::None;
            else if ((isWord(prev, QLatin1String("FROM")) || isWord(prev, QLatin1String("JOIN")) ||
                      isOp(prev, QLatin1String(","))) &&
                     next < int(t.size()) && isOp(t[next], QLatin1String("(")))
                role = Role::None; // table function
            else if (single && next < int(t.size()) && t[next].kind == Tok::Str)
                role = Role::None; // typed literal
            else if (single && ctes.contains(np.parts[0].toLower()))
                role = Role::None;
        }
        QString rendered;
        if (role == Role::Table) {
            if (np.parts.size() > 3) {
                fail(unsupported(QStringLiteral("names with more than three parts (%1)")
                                     .arg(np.parts.join(QLatin1Char('.')))));
                return;
            }
            bool info = false;
            rendered = renderTableName(np.parts, &info);
            if (!info) {
                TableReference ref = resolveTable(np.parts);
                ref.access = access;
                m_out.tables << ref;
                const QString qualified = quoteIdent(ref.schema) + QLatin1Char('.') + quoteIdent(ref.table);
                if (!m_firstTableSeen) {
                    if (m_out.kind == StatementKind::CreateTable)
                        m_createdTablePg = np.parts.size() == 1 ? quoteIdent(ref.table) : rendered;
                    if (access == TableReference::Access::Write &&
                        (m_out.kind == StatementKind::Insert || m_out.kind == StatementKind::Update ||
                         m_out.kind == StatementKind::Delete || m_out.kind == StatementKind::Merge))
                        m_out.targetTable = qualified;
                }
                m_firstTableSeen = true;
            }
        } else if (role == Role::Schema) {
            rendered = quoteIdent(np.parts.last().toLower());
        } else if (single) {
            const int before = prevSig(t, i);
            const bool alias = before >= 0 && isWord(t[before], QLatin1String("AS"));
            if (alias && np.parts[0] != np.parts[0].toLower())
                m_out.aliases.insert(np.parts[0].toLower(), np.parts[0]);
            if (t[i].kind == Tok::Word)
                continue; // keywords, functions, plain column names: unchanged
            rendered = quoteIdent(np.parts[0].toLower());
        } else {
            QStringList parts = np.parts;
            if (parts.size() >= 4 || (parts.size() == 3 && isKnownCatalog(parts[0])))
                parts.removeFirst();
            if (parts.size() >= 2 &&
                parts[0].compare(QLatin1String("information_schema"), Qt::CaseInsensitive) == 0)
                parts[0] = kInfoSchema;
            QStringList quoted;
            for (const QString& part : parts)
                quoted << (part == QLatin1String("*") ? part : quoteIdent(part.toLower()));
            rendered = quoted.join(QLatin1Char('.'));
        }
        t.erase(t.begin() + i, t.begin() + np.end + 1);
        t.insert(t.begin() + i, rawTok(rendered));
    }
}

void Translator::rewriteParameters(Toks& t)
{
    for (Tok& tok : t) {
        if (tok.kind != Tok::Param)
            continue;
        if (!m_out.parameterNames.contains(tok.text))
            m_out.parameterNames << tok.text;
        const QString type = m_ctx.parameterTypes.value(tok.text).toUpper();
        if (type.isEmpty() || type == QLatin1String("STRING"))
            continue;
        const QString pgType = postgresTypeForParameterType(type);
        if (!pgType.isEmpty())
            tok = rawTok(QStringLiteral("CAST(:%1 AS %2)").arg(tok.text, pgType));
    }
}

} // namespace

SqlTranslation translateDatabricksSql(const QString& sql, const SqlTranslationContext& context)
{
    SqlTranslation out;
    Translator translator(context, out);
    translator.run(sql);
    if (!out.ok())
        out.statements.clear();
    return out;
}

QString postgresTypeForParameterType(const QString& databricksType)
{
    Toks t;
    if (lex(databricksType, t))
        return QString();
    const ParsedType type = parseType(t, 0, int(t.size()));
    if (!type.scalar || firstSig(t, type.next, int(t.size())) < int(t.size()))
        return QString();
    return type.postgres;
}

QString informationSchemaViewsSchema()
{
    return kInfoSchema;
}

QString translateDatabricksSqlToPostgres(const QString& databricksSql, const QString& catalog,
                                         const QString& schema)
{
    SqlTranslationContext context;
    if (!catalog.isEmpty())
        context.catalog = catalog;
    if (!schema.isEmpty())
        context.schema = schema;
    context.knownCatalogs.insert(context.catalog.toLower());
    const SqlTranslation t = translateDatabricksSql(databricksSql, context);
    return t.statements.join(QStringLiteral(";\n"));
}

} // namespace emulator
