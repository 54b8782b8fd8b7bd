#include "backends/postgres/pg_session.h"

#include "logging/logging.h"

#include <spdlog/spdlog.h>

#include <libpq-fe.h>

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace core {

namespace {

// Type OIDs (src/include/catalog/pg_type.dat); stable across PostgreSQL versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kTextOid = 25;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kDateOid = 1082;
constexpr Oid kTimestampTzOid = 1184;
constexpr Oid kNumericOid = 1700;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::shared_ptr<spdlog::logger> log() { return logging::logger("core.pg"); }

bool isIdentifierChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$'); }

QString field(const PGresult* res, int code)
{
    const char* v = res ? PQresultErrorField(res, code) : nullptr;
    return v ? QString::fromUtf8(v) : QString();
}

QString connectionMessage(const PGconn* conn)
{
    return conn ? QString::fromUtf8(PQerrorMessage(conn)).trimmed() : QStringLiteral("out of memory");
}

QString couldNot(const QString& action)
{
    return QStringLiteral("Could not %1: ").arg(action);
}

Error makeError(ErrorKind kind, const QString& code, const QString& action, const QString& what,
                const QString& detail, const QString& remediation)
{
    Error e;
    e.kind = kind;
    e.code = code;
    e.userMessage = couldNot(action) + what;
    e.detail = detail;
    e.remediation = remediation;
    return e;
}

Error networkError(const QString& code, const QString& action, const QString& detail)
{
    return makeError(ErrorKind::Network, code, action, QStringLiteral("the connection to the database was lost."),
                     detail, QStringLiteral("Check the network connection and that the database server is running, then "
                                            "try again; the app reconnects by itself."));
}

// The Error for a failed statement: by SQLSTATE, or Network when the connection is gone.
Error statementError(PGconn* conn, const PGresult* res, const QString& action, const QString& server)
{
    const QString sqlstate = field(res, PG_DIAG_SQLSTATE);
    QString message = field(res, PG_DIAG_MESSAGE_PRIMARY);
    if (message.isEmpty())
        message = res ? QString::fromUtf8(PQresultErrorMessage(res)).trimmed() : QString();
    if (message.isEmpty())
        message = connectionMessage(conn);
    QString detail = sqlstate.isEmpty() ? message : QStringLiteral("SQLSTATE %1: %2").arg(sqlstate, message);
    if (const QString d = field(res, PG_DIAG_MESSAGE_DETAIL); !d.isEmpty())
        detail += QStringLiteral(" DETAIL: ") + d;
    if (const QString h = field(res, PG_DIAG_MESSAGE_HINT); !h.isEmpty())
        detail += QStringLiteral(" HINT: ") + h;
    detail += QStringLiteral(" [%1]").arg(server);

    Error e;
    if (!res || !conn || PQstatus(conn) != CONNECTION_OK || sqlstate.startsWith(QStringLiteral("08"))) {
        e = networkError(sqlstate.isEmpty() ? QStringLiteral("08006") : sqlstate, action, detail);
    } else if (sqlstate == QStringLiteral("23505")) {
        e = makeError(ErrorKind::Conflict, sqlstate, action, QStringLiteral("an entry with the same name or key already exists."),
                      detail, QStringLiteral("Choose another name, or reload to see the existing entry."));
    } else if (sqlstate == QStringLiteral("40001") || sqlstate == QStringLiteral("40P01")) {
        e = makeError(ErrorKind::Conflict, sqlstate, action,
                      QStringLiteral("another change to the same data happened at the same time."), detail,
                      QStringLiteral("Nothing was changed; try again."));
    } else if (sqlstate == QStringLiteral("42501")) {
        e = makeError(ErrorKind::Permission, sqlstate, action,
                      QStringLiteral("the database account is not allowed to do this."), detail,
                      QStringLiteral("A GRANT is missing: ask the database owner to grant this role access to the "
                                     "Segment Builder tables (segctl provision prints the grants)."));
    } else if (sqlstate == QStringLiteral("28000") || sqlstate == QStringLiteral("28P01")) {
        e = makeError(ErrorKind::Auth, sqlstate, action, QStringLiteral("the database refused the credentials."), detail,
                      QStringLiteral("Check the user name and password, or sign in again to renew the token."));
    } else if (sqlstate == QStringLiteral("57014")) {
        e = makeError(ErrorKind::Timeout, sqlstate, action,
                      QStringLiteral("the database stopped a statement that ran too long."), detail,
                      QStringLiteral("Try again; narrow the date range if it keeps happening."));
    } else if (sqlstate == QStringLiteral("42P01") || sqlstate == QStringLiteral("42703")) {
        e = makeError(ErrorKind::Remote, sqlstate, action,
                      QStringLiteral("the database is missing a table or column Segment Builder needs."), detail,
                      QStringLiteral("Run segctl provision to create or upgrade the tables."));
    } else {
        e = makeError(ErrorKind::Remote, sqlstate, action, QStringLiteral("the database reported an error."), detail,
                      QStringLiteral("This may be a problem in the app rather than in your data; please report it "
                                     "with the log file."));
    }
    return e;
}

// A COPY the statement started cannot be served here: end it so the connection stays usable.
void abandonCopy(PGconn* conn, ExecStatusType status)
{
    if (status == PGRES_COPY_IN || status == PGRES_COPY_BOTH)
        PQputCopyEnd(conn, "COPY is not supported by PgSession");
    while (PGresult* r = PQgetResult(conn)) {
        const ExecStatusType s = PQresultStatus(r);
        PQclear(r);
        if (s == PGRES_COPY_OUT || s == PGRES_COPY_BOTH || s == PGRES_COPY_IN)
            break;
    }
}

bool isNullValue(const QVariant& v)
{
    if (!v.isValid() || v.isNull())
        return true;
    switch (v.metaType().id()) {
    case QMetaType::QString: return v.toString().isNull();
    case QMetaType::QByteArray: return v.toByteArray().isNull();
    case QMetaType::QDate: return v.toDate().isNull();
    case QMetaType::QDateTime: return v.toDateTime().isNull();
    default: return false;
    }
}

QByteArray doubleText(double d)
{
    if (std::isnan(d))
        return QByteArrayLiteral("NaN");
    if (std::isinf(d))
        return d > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
    return QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

QByteArray valueText(const QVariant& v)
{
    switch (v.metaType().id()) {
    case QMetaType::Bool: return v.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QMetaType::QDate: return v.toDate().toString(Qt::ISODate).toUtf8();
    case QMetaType::QDateTime: return v.toDateTime().toUTC().toString(Qt::ISODateWithMs).toUtf8();
    case QMetaType::Double:
    case QMetaType::Float: return doubleText(v.toDouble());
    case QMetaType::QByteArray: return v.toByteArray();
    default: return v.toString().toUtf8();
    }
}

Oid parameterType(const SqlParam& p)
{
    switch (p.type) {
    case SqlParam::Type::Int: return kInt8Oid;
    case SqlParam::Type::Date: return kDateOid;
    case SqlParam::Type::String: break;
    }
    switch (p.value.metaType().id()) {
    case QMetaType::Bool: return kBoolOid;
    case QMetaType::Double:
    case QMetaType::Float: return kFloat8Oid;
    case QMetaType::QDateTime: return kTimestampTzOid;
    default: return kTextOid;
    }
}

double parseDouble(const QByteArray& text, bool* ok)
{
    *ok = true;
    if (text == "NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (text == "Infinity")
        return std::numeric_limits<double>::infinity();
    if (text == "-Infinity")
        return -std::numeric_limits<double>::infinity();
    return text.toDouble(ok);
}

QVariant cellValue(const PGresult* res, int row, int column)
{
    if (PQgetisnull(res, row, column))
        return QVariant();
    const char* data = PQgetvalue(res, row, column);
    const int length = PQgetlength(res, row, column);
    const QByteArray raw = QByteArray::fromRawData(data, length);
    bool ok = false;
    switch (PQftype(res, column)) {
    case kBoolOid: return QVariant(length > 0 && data[0] == 't');
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
        const qlonglong v = raw.toLongLong(&ok);
        if (ok)
            return QVariant(v);
        break;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
        const double v = parseDouble(raw, &ok);
        if (ok)
            return QVariant(v);
        break;
    }
    case kDateOid: {
        const QDate d = QDate::fromString(QString::fromLatin1(raw), Qt::ISODate);
        if (d.isValid())
            return QVariant(d);
        break; // infinity, BC dates: their text
    }
    default: break;
    }
    return QVariant(QString::fromUtf8(data, length));
}

SqlRows rowsOf(const PGresult* res)
{
    SqlRows out;
    const int columns = PQnfields(res);
    const int rows = PQntuples(res);
    for (int c = 0; c < columns; ++c)
        out.columns.append(QString::fromUtf8(PQfname(res, c)));
    out.rows.reserve(rows);
    for (int r = 0; r < rows; ++r) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(cellValue(res, r, c));
        out.rows.append(std::move(row));
    }
    return out;
}

// What a failed connection attempt was, from libpq's message (the server's SQLSTATE is not
// exposed for connection failures). The server's messages here are in English: the C locale of
// a freshly started backend before lc_messages applies.
Error connectError(const QString& message, const QString& printable, const QString& action)
{
    const QString detail = QStringLiteral("%1 [%2]").arg(message, printable);
    const QString m = message.toLower();
    if (m.contains(QStringLiteral("password authentication failed")) || m.contains(QStringLiteral("no password supplied")) ||
        m.contains(QStringLiteral("password is required")))
        return makeError(ErrorKind::Auth, QStringLiteral("28P01"), action, QStringLiteral("the database refused the credentials."),
                         detail, QStringLiteral("Check the user name and password, or sign in again to renew the token."));
    if ((m.contains(QStringLiteral("role \"")) && m.contains(QStringLiteral("does not exist"))) ||
        m.contains(QStringLiteral("pg_hba.conf")) || m.contains(QStringLiteral("not permitted to log in")) ||
        m.contains(QStringLiteral("authentication failed")))
        return makeError(ErrorKind::Auth, QStringLiteral("28000"), action,
                         QStringLiteral("the database does not accept this user."), detail,
                         QStringLiteral("Check the user name in the connection settings, and that the role exists and "
                                        "may log in from this machine."));
    if (m.contains(QStringLiteral("database \"")) && m.contains(QStringLiteral("does not exist")))
        return makeError(ErrorKind::Remote, QStringLiteral("3D000"), action, QStringLiteral("the database does not exist."),
                         detail, QStringLiteral("Check the database name in the connection settings."));
    Error e = makeError(ErrorKind::Network, QStringLiteral("08001"), action,
                        QStringLiteral("the database server could not be reached."), detail,
                        QStringLiteral("Check the host, port and network connection, and that the server is running."));
    return e;
}

QString scrubbed(QString text, const QString& secret)
{
    if (secret.size() >= 4)
        text.replace(secret, QStringLiteral("[REDACTED]"));
    return text;
}

} // namespace

PgSession::PgSession(pg_conn* connection, QString printableConnInfo)
    : m_conn(connection), m_printableConnInfo(std::move(printableConnInfo))
{
    if (m_conn)
        PQsetNoticeReceiver(m_conn, &PgSession::receiveNotice, this);
}

void PgSession::receiveNotice(void* self, const pg_result* notice)
{
    // An error that arrives while no statement runs is passed here as a notice: FATAL (or PANIC)
    // means the server is closing the connection (terminated, shutting down, idle timeout).
    const QString severity = field(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (severity == QStringLiteral("FATAL") || severity == QStringLiteral("PANIC")) {
        static_cast<PgSession*>(self)->m_serverClosing = true;
        log()->info("the server is closing the connection: {} {}", field(notice, PG_DIAG_SQLSTATE).toStdString(),
                    field(notice, PG_DIAG_MESSAGE_PRIMARY).toStdString());
        return;
    }
    // Other notices may quote values (RAISE NOTICE): debug level only.
    log()->debug("server notice: {}", QString::fromUtf8(PQresultErrorMessage(notice)).trimmed().toStdString());
}

PgSession::~PgSession()
{
    if (m_conn)
        PQfinish(m_conn);
}

Result<std::unique_ptr<PgSession>> PgSession::open(const PgConnectionSettings& settings, const QString& action)
{
    const QString printable = printableConnInfo(settings.conninfo);
    QString password;
    if (settings.password) {
        auto p = settings.password();
        if (!p)
            return p.error();
        password = p.value();
    }
    const QByteArray conninfo = settings.conninfo.toUtf8();
    const QByteArray passwordBytes = password.toUtf8();
    const QByteArray timeout = QByteArray::number(static_cast<qlonglong>(std::max<long long>(1, settings.connectTimeout.count())));
    // Later keywords override what the expanded conninfo (dbname, expand_dbname = 1) says.
    QList<const char*> keywords{"dbname", "application_name", "client_encoding", "connect_timeout"};
    QList<const char*> values{conninfo.constData(), "segment-builder", "UTF8", timeout.constData()};
    if (settings.password) {
        keywords.append("password");
        values.append(passwordBytes.constData());
    }
    keywords.append(nullptr);
    values.append(nullptr);
    PGconn* conn = PQconnectdbParams(keywords.constData(), values.constData(), 1);
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        const QString message = scrubbed(connectionMessage(conn), password);
        if (conn)
            PQfinish(conn);
        Error e = connectError(message, printable, action);
        log()->warn("could not connect to {}: {}", printable.toStdString(), message.toStdString());
        return e;
    }
    auto session = std::make_unique<PgSession>(conn, printable);
    // Dates are read as ISO text (cellValue): make sure the server prints them so.
    const char* dateStyle = PQparameterStatus(conn, "DateStyle");
    if (!dateStyle || !QByteArray(dateStyle).startsWith("ISO")) {
        ResultPtr res(PQexec(conn, "SET DateStyle TO ISO"), &PQclear);
        if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK)
            return statementError(conn, res.get(), action, printable);
    }
    log()->info("connected to PostgreSQL {} (server process {})", printable.toStdString(), PQbackendPID(conn));
    return session;
}

QString PgSession::printableConnInfo(const QString& conninfo)
{
    static const QStringList secret{QStringLiteral("password"), QStringLiteral("sslpassword")};
    const QByteArray raw = conninfo.toUtf8();
    char* errmsg = nullptr;
    PQconninfoOption* options = PQconninfoParse(raw.constData(), &errmsg);
    if (errmsg)
        PQfreemem(errmsg);
    if (!options) {
        // Unparseable: drop anything that could be a password rather than print it.
        QString out = conninfo;
        static const QRegularExpression keyValue(QStringLiteral("(ssl)?password\\s*=\\s*('([^'\\\\]|\\\\.)*'|\\S*)"),
                                                 QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression uriPassword(QStringLiteral("(://[^:/@?]*):[^@/?]*@"));
        out.replace(keyValue, QString());
        out.replace(uriPassword, QStringLiteral("\\1@"));
        static const QRegularExpression queryPassword(QStringLiteral("([?&])(ssl)?password=[^&]*&?"),
                                                      QRegularExpression::CaseInsensitiveOption);
        out.replace(queryPassword, QStringLiteral("\\1"));
        return out.simplified();
    }
    QStringList parts;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString key = QString::fromUtf8(o->keyword);
        if (secret.contains(key))
            continue;
        QString value = QString::fromUtf8(o->val);
        if (value.isEmpty() || value.contains(QLatin1Char(' ')) || value.contains(QLatin1Char('\'')) ||
            value.contains(QLatin1Char('\\'))) {
            value.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'"));
            value = QLatin1Char('\'') + value + QLatin1Char('\'');
        }
        parts.append(key + QLatin1Char('=') + value);
    }
    PQconninfoFree(options);
    return parts.join(QLatin1Char(' '));
}

Result<PgSession::Translation> PgSession::translate(const BoundSql& bound)
{
    const QString& s = bound.sql;
    const qsizetype n = s.size();
    QHash<QString, qsizetype> indexOf; // parameter name → index in bound.params (first wins)
    for (qsizetype i = 0; i < bound.params.size(); ++i) {
        if (!indexOf.contains(bound.params.at(i).name))
            indexOf.insert(bound.params.at(i).name, i);
    }
    QHash<QString, int> numberOf; // parameter name → its $k
    Translation out;
    QString text;
    text.reserve(n + 16);
    qsizetype i = 0;
    while (i < n) {
        const QChar c = s.at(i);
        const QChar next = i + 1 < n ? s.at(i + 1) : QChar();
        if (c == QLatin1Char('\'')) {
            // E'...' strings take backslash escapes; others only '' (standard_conforming_strings).
            const bool escapes = i > 0 && (s.at(i - 1) == QLatin1Char('E') || s.at(i - 1) == QLatin1Char('e')) &&
                                 (i < 2 || !isIdentifierChar(s.at(i - 2)));
            qsizetype j = i + 1;
            while (j < n) {
                if (escapes && s.at(j) == QLatin1Char('\\')) {
                    j += 2;
                    continue;
                }
                if (s.at(j) == QLatin1Char('\'')) {
                    if (j + 1 < n && s.at(j + 1) == QLatin1Char('\'')) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            j = std::min(j + 1, n);
            text += QStringView(s).mid(i, j - i);
            i = j;
        } else if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            while (j < n) {
                if (s.at(j) == QLatin1Char('"')) {
                    if (j + 1 < n && s.at(j + 1) == QLatin1Char('"')) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            j = std::min(j + 1, n);
            text += QStringView(s).mid(i, j - i);
            i = j;
        } else if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            qsizetype j = s.indexOf(QLatin1Char('\n'), i);
            j = j < 0 ? n : j;
            text += QStringView(s).mid(i, j - i);
            i = j;
        } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            int depth = 0; // PostgreSQL's block comments nest
            qsizetype j = i;
            while (j < n) {
                if (s.at(j) == QLatin1Char('/') && j + 1 < n && s.at(j + 1) == QLatin1Char('*')) {
                    ++depth;
                    j += 2;
                } else if (s.at(j) == QLatin1Char('*') && j + 1 < n && s.at(j + 1) == QLatin1Char('/')) {
                    j += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++j;
                }
            }
            j = std::min(j, n);
            text += QStringView(s).mid(i, j - i);
            i = j;
        } else if (c == QLatin1Char('$') && (i == 0 || !isIdentifierChar(s.at(i - 1))) && !next.isDigit()) {
            // A dollar-quoted string $tag$...$tag$ (not a $1 positional parameter).
            qsizetype j = i + 1;
            while (j < n && (s.at(j).isLetterOrNumber() || s.at(j) == QLatin1Char('_')))
                ++j;
            if (j < n && s.at(j) == QLatin1Char('$')) {
                const QString tag = s.mid(i, j + 1 - i);
                const qsizetype end = s.indexOf(tag, j + 1);
                const qsizetype stop = end < 0 ? n : end + tag.size();
                text += QStringView(s).mid(i, stop - i);
                i = stop;
            } else {
                text += c;
                ++i;
            }
        } else if (c == QLatin1Char(':') && next == QLatin1Char(':')) {
            text += QStringLiteral("::"); // a cast: the type name after it is copied as it is
            i += 2;
        } else if (c == QLatin1Char(':') && (next.isLetter() || next == QLatin1Char('_'))) {
            qsizetype j = i + 1;
            while (j < n && (s.at(j).isLetterOrNumber() || s.at(j) == QLatin1Char('_')))
                ++j;
            const QString name = s.mid(i + 1, j - i - 1);
            if (const auto found = indexOf.constFind(name); found != indexOf.constEnd()) {
                int number = numberOf.value(name, 0);
                if (number == 0) {
                    out.order.append(found.value());
                    number = static_cast<int>(out.order.size());
                    numberOf.insert(name, number);
                }
                text += QLatin1Char('$') + QString::number(number);
            } else {
                static const QRegularExpression placeholder(QStringLiteral("^p[0-9]+$"));
                if (placeholder.match(name).hasMatch())
                    return Error::internal(QStringLiteral("SQL placeholder :%1 has no bound value").arg(name));
                text += QStringView(s).mid(i, j - i);
            }
            i = j;
        } else {
            text += c;
            ++i;
        }
    }
    out.sql = text.toUtf8();
    return out;
}

QStringList PgSession::splitScript(const QString& script)
{
    QStringList lines;
    for (const auto& line : script.split(QLatin1Char('\n'))) {
        if (!line.trimmed().startsWith(QStringLiteral("--")))
            lines.append(line);
    }
    static const QRegularExpression separator(QStringLiteral(";\\s*(\\n|$)"));
    QStringList out;
    for (const auto& statement : lines.join(QLatin1Char('\n')).split(separator, Qt::SkipEmptyParts)) {
        if (!statement.trimmed().isEmpty())
            out.append(statement.trimmed());
    }
    return out;
}

namespace {

// Runs one statement with its values as text parameters; answers the result or the Error.
Result<ResultPtr> runStatement(PGconn* conn, const BoundSql& sql, const QString& action, const QString& server)
{
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return networkError(QStringLiteral("08003"), action,
                            QStringLiteral("not connected: %1 [%2]").arg(connectionMessage(conn), server));
    auto translation = PgSession::translate(sql);
    if (!translation)
        return translation.error();
    const auto& order = translation.value().order;
    const int count = static_cast<int>(order.size());
    QList<QByteArray> texts(count);
    QList<const char*> values(count, nullptr);
    QList<Oid> types(count, kTextOid);
    for (int k = 0; k < count; ++k) {
        const SqlParam& p = sql.params.at(order.at(k));
        types[k] = parameterType(p);
        if (!isNullValue(p.value)) {
            texts[k] = valueText(p.value);
            values[k] = texts[k].constData();
        }
    }
    ResultPtr res(PQexecParams(conn, translation.value().sql.constData(), count, types.constData(), values.constData(),
                               nullptr, nullptr, 0),
                  &PQclear);
    const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (res && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK))
        return Result<ResultPtr>(std::move(res));
    if (res && (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)) {
        abandonCopy(conn, status);
        return Error::internal(QStringLiteral("COPY statements are not supported by PgSession"));
    }
    Error e = statementError(conn, res.get(), action, server);
    log()->warn("could not {}: {} [{}]", action.toStdString(), e.detail.toStdString(),
                QString::fromUtf8(translation.value().sql).left(200).toStdString());
    return e;
}

} // namespace

Result<SqlRows> PgSession::query(const BoundSql& sql, const QString& action)
{
    auto res = runStatement(m_conn, sql, action, m_printableConnInfo);
    if (!res)
        return res.error();
    return rowsOf(res.value().get());
}

Result<qint64> PgSession::execute(const BoundSql& sql, const QString& action)
{
    auto res = runStatement(m_conn, sql, action, m_printableConnInfo);
    if (!res)
        return res.error();
    return QByteArray(PQcmdTuples(res.value().get())).toLongLong();
}

Status PgSession::begin(const QString& action)
{
    if (inTransaction())
        return Error::internal(QStringLiteral("begin(): a transaction is already open"));
    auto res = runStatement(m_conn, BoundSql{QStringLiteral("BEGIN"), {}}, action, m_printableConnInfo);
    if (!res)
        return res.error();
    return success();
}

Status PgSession::commit(const QString& action)
{
    auto res = runStatement(m_conn, BoundSql{QStringLiteral("COMMIT"), {}}, action, m_printableConnInfo);
    if (!res)
        return res.error();
    // COMMIT of a failed transaction answers "ROLLBACK".
    if (qstrcmp(PQcmdStatus(res.value().get()), "ROLLBACK") == 0)
        return makeError(ErrorKind::Remote, QStringLiteral("25P02"), action,
                         QStringLiteral("an earlier statement of the change failed, so nothing was saved."),
                         QStringLiteral("COMMIT of a failed transaction rolled it back [%1]").arg(m_printableConnInfo),
                         QStringLiteral("Try again; if it keeps failing, report it with the log file."));
    return success();
}

void PgSession::rollback()
{
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK || PQtransactionStatus(m_conn) == PQTRANS_IDLE)
        return;
    ResultPtr res(PQexec(m_conn, "ROLLBACK"), &PQclear);
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK)
        log()->warn("ROLLBACK failed on {}: {}", m_printableConnInfo.toStdString(),
                    connectionMessage(m_conn).toStdString());
}

Status PgSession::executeScript(const QString& script, const QString& action)
{
    for (const auto& statement : splitScript(script)) {
        if (!m_conn || PQstatus(m_conn) != CONNECTION_OK)
            return networkError(QStringLiteral("08003"), action,
                                QStringLiteral("not connected: %1 [%2]").arg(connectionMessage(m_conn), m_printableConnInfo));
        ResultPtr res(PQexec(m_conn, statement.toUtf8().constData()), &PQclear);
        const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
        if (res && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK))
            continue;
        if (res && (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)) {
            abandonCopy(m_conn, status);
            return Error::internal(QStringLiteral("COPY statements are not supported in scripts"));
        }
        Error e = statementError(m_conn, res.get(), action, m_printableConnInfo);
        e.detail += QStringLiteral(" in: ") + statement.section(QLatin1Char('\n'), 0, 0).left(120);
        log()->warn("could not {}: {}", action.toStdString(), e.detail.toStdString());
        return e;
    }
    return success();
}

bool PgSession::isConnected()
{
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK)
        return false;
    if (PQtransactionStatus(m_conn) == PQTRANS_IDLE) {
        // Reads what arrived while idle: a FATAL notice then end of file when the server closed
        // the connection, which marks it bad. A healthy idle socket has nothing to read.
        for (int i = 0; i < 3 && PQstatus(m_conn) == CONNECTION_OK; ++i) {
            if (!PQconsumeInput(m_conn))
                break;
        }
        PQisBusy(m_conn); // parses what arrived: a FATAL goes to receiveNotice
        while (PGnotify* n = PQnotifies(m_conn))
            PQfreemem(n);
    }
    return PQstatus(m_conn) == CONNECTION_OK && !m_serverClosing;
}

bool PgSession::inTransaction() const
{
    if (!m_conn)
        return false;
    const PGTransactionStatusType t = PQtransactionStatus(m_conn);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

int PgSession::backendPid() const { return m_conn && PQstatus(m_conn) == CONNECTION_OK ? PQbackendPID(m_conn) : 0; }

} // namespace core
