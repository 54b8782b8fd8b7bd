// The error table (core/common/error_catalogue.cpp) against the source: every error code set in
// core/, app/ and ui/ has an entry, every app entry's code is still set somewhere, the entries are
// sane, and an error without a remediation gets its entry's fix.
//
// How the scan finds a code (each a regex over the source text, then the call's arguments split at
// top-level commas, so a code on the next line or behind a ternary is found too):
//   1. Error::validation(CODE, …)              → Validation     Error::conflict(CODE, …) → Conflict
//   2. Error{ErrorKind::K, status, CODE, …}    → K (brace initialisation)
//   3. VAR.code = CODE;                         → the kind set on VAR above it (VAR.kind = ErrorKind::K,
//                                                 or Error VAR = Error::k(…)), if any
//   4. {field, CODE, message} appended to ValidationIssues (files that use ValidationIssue) → Validation
//   5. the helpers that pass a code through (kCodeHelpers: file, function, which argument)
//   6. server codes the app maps to an explanation: CODEVAR == QLatin1String("42501") and
//      CODEVAR.startsWith("08") (CODEVAR: code, sqlstate, sqlState, cls, errorCode, s)
// CODE is a QStringLiteral/QLatin1String; with .arg(…) after it, each %N is a `*` (a family:
// "network_%1" → network_*); with `+` after it, `*` follows ("sync_" + key → sync_*); in a
// ternary only the branches count. A CODE that is no literal (a variable) must be listed in
// kPassThroughs with why that is fine (a helper's parameter whose callers pattern 5 scans, a code
// a server sent, a copy of another error's code). Every function or lambda with a QString
// parameter called code must be a helper of kCodeHelpers or be listed in kNotCodeHelpers.
// Besides: the app's own codes it reacts to (error.code == "name_taken", .code.startsWith("x"))
// must still be raised somewhere, and the codes raised with two kinds are listed in
// kRaisedWithSeveralKinds. core/common/error_catalogue.cpp, the table itself, is not scanned.
#include <optional>

#include <gtest/gtest.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>

#include "common/error_catalogue.h"

using core::ErrorCatalogue;
using core::ErrorCatalogueEntry;
using core::ErrorKind;

namespace {

// Functions that take a code and put it into an Error: their calls' literal codes count.
struct CodeHelper
{
    const char* file;     // path under the source dir
    const char* function; // name as called
    int codeArgument;
    int kindArgument;              // -1: the kind is fixed
    std::optional<ErrorKind> kind; // the fixed kind, if known
};

const CodeHelper kCodeHelpers[] = {
    {"core/databricks/jobs/refresh_schedule.cpp", "invalid", 0, -1, ErrorKind::Validation},
    {"core/databricks/config/databricks_config_resolver.cpp", "configError", 0, -1, ErrorKind::Validation},
    {"core/databricks/auth/oauth_token_client.cpp", "httpError", 1, -1, std::nullopt},
    {"core/databricks/auth/oauth_token_client.cpp", "malformed", 0, -1, ErrorKind::Parse},
    {"core/databricks/auth/browser_login_auth.cpp", "browserError", 1, 0, std::nullopt},
    {"core/databricks/auth/loopback_redirect_listener.cpp", "signInError", 0, -1, ErrorKind::Auth},
    {"core/backends/postgres/pg_session.cpp", "makeError", 1, 0, std::nullopt},
    {"core/backends/postgres/pg_session.cpp", "networkError", 0, -1, ErrorKind::Network},
    {"core/databricks/warehouse/warehouse_client.cpp", "fail", 1, -1, ErrorKind::Remote},
    {"core/activation/sync/google_api_errors.cpp", "httpError", 1, -1, std::nullopt},
    {"core/activation/sync/meta_api_errors.cpp", "httpError", 1, -1, std::nullopt},
};

// Functions with a parameter called code that do not make errors from it.
const char* const kNotCodeHelpers[] = {
    "exchangeCode", // the OAuth authorization code of the browser sign-in
    "find",         // ErrorCatalogue::find looks a code up
    "validateCurrency",  // an ISO 4217 currency code, not an error code
    "normaliseCurrency", // the same
};

// Codes that are no literal where they are set, and why that is fine: file, the expression.
struct PassThrough
{
    const char* file;
    const char* expression;
    const char* why;
};

const PassThrough kPassThroughs[] = {
    {"core/common/error.cpp", "std::move(code)", "Error::validation/conflict themselves"},
    {"core/databricks/jobs/refresh_schedule.cpp", "code", "helper invalid(): its callers are scanned"},
    {"core/databricks/config/databricks_config_resolver.cpp", "std::move(code)", "helper configError()"},
    {"core/databricks/auth/oauth_token_client.cpp", "std::move(code)", "helpers httpError() and malformed()"},
    {"core/databricks/auth/oauth_token_client.cpp", "oauthError", "the OAuth server's error (server code)"},
    {"core/databricks/auth/oauth_token_client.cpp", "code.toString()",
     "Databricks' error_code (server code)"},
    {"core/databricks/auth/browser_login_auth.cpp", "std::move(code)", "helper browserError()"},
    {"core/databricks/auth/loopback_redirect_listener.cpp", "std::move(code)", "helper signInError()"},
    {"core/backends/postgres/pg_session.cpp", "code", "helpers makeError() and networkError()"},
    {"core/backends/postgres/pg_session.cpp", "sqlstate", "PostgreSQL's SQLSTATE (server code)"},
    {"core/databricks/warehouse/warehouse_client.cpp", "code", "the lambda fail(): its callers are scanned"},
    {"core/activation/sync/destination_api_errors.cpp", "code", "httpError(): Google's and Meta's callers"},
    {"core/activation/sync/google_api_errors.cpp", "g.status", "Google's error status (server code)"},
    {"core/activation/sync/meta_api_errors.cpp", "code", "Meta's error code/subcode (server code)"},
    {"core/databricks/http/api_errors.cpp", "serverErrorCode(body)", "Databricks' error_code (server code)"},
    {"core/databricks/statement/statement_response.cpp", "sqlState.isEmpty() ? errorCode : sqlState",
     "Databricks' SQLSTATE or error_code (server code)"},
    {"core/backends/sqlite/sqlite_sql.cpp", "native", "SQLite's extended result code (server code)"},
    {"core/workspace/workspace_session.cpp", "w.state",
     "the warehouse state Databricks reports (server code)"},
    {"app/cli/jobs_commands.cpp", "finished.value().resultState", "the job run's result state (server code)"},
    {"core/databricks/auth/loopback_redirect_listener.cpp", "logging::redact(error.left(80))",
     "the OAuth error the browser redirect carries (server code)"},
    {"core/activation/sync/google_api_errors.cpp", "-1", "an int in Google's error body, not an Error code"},
    {"core/activation/sync/google_api_errors.cpp", "error.value(QStringLiteral(\"code\")).toInt()",
     "an int in Google's error body, not an Error code"},
    {"core/activation/sync/meta_api_errors.cpp", "error.value(QStringLiteral(\"code\")).toInt(-1)",
     "an int in Meta's error body, not an Error code"},
};

// Codes raised with more than one kind, and why; their entry has the main one.
struct SeveralKinds
{
    const char* code;
    const char* why;
};

const SeveralKinds kRaisedWithSeveralKinds[] = {
    {"advertiser_unknown",
     "Validation when a save names an unknown advertiser, NotFound in segctl's own check"},
    {"segment_deleted",
     "Conflict when an edit meets a deleted segment, Validation when one is compared or activated"},
    {"unsupported_auth_type", "Validation from the configuration resolver, Auth from the provider factory"},
};

struct Site
{
    QString code; // a code, or a family with `*`
    std::optional<ErrorKind> kind;
    QString where;       // "core/x.cpp:12"
    bool server = false; // found by a comparison (pattern 6): a code a server sends
    bool issue = false;  // a ValidationIssue (pattern 4): validationError() makes it an Error
};

struct SourceFile
{
    QString path; // relative to the source dir
    QString text;
    int lineOf(qsizetype offset) const
    {
        return static_cast<int>(text.left(offset).count(QLatin1Char('\n'))) + 1;
    }
    QString where(qsizetype offset) const { return QStringLiteral("%1:%2").arg(path).arg(lineOf(offset)); }
};

std::optional<ErrorKind> kindNamed(const QString& name)
{
    static const QHash<QString, ErrorKind> kinds{
        {QStringLiteral("Validation"), ErrorKind::Validation},
        {QStringLiteral("NotFound"), ErrorKind::NotFound},
        {QStringLiteral("Conflict"), ErrorKind::Conflict},
        {QStringLiteral("Storage"), ErrorKind::Storage},
        {QStringLiteral("Io"), ErrorKind::Io},
        {QStringLiteral("Parse"), ErrorKind::Parse},
        {QStringLiteral("Network"), ErrorKind::Network},
        {QStringLiteral("Timeout"), ErrorKind::Timeout},
        {QStringLiteral("Auth"), ErrorKind::Auth},
        {QStringLiteral("Permission"), ErrorKind::Permission},
        {QStringLiteral("Http"), ErrorKind::Http},
        {QStringLiteral("Remote"), ErrorKind::Remote},
        {QStringLiteral("Cancelled"), ErrorKind::Cancelled},
        {QStringLiteral("Internal"), ErrorKind::Internal},
        // the factories: Error::parse(…) and friends
        {QStringLiteral("validation"), ErrorKind::Validation},
        {QStringLiteral("notFound"), ErrorKind::NotFound},
        {QStringLiteral("conflict"), ErrorKind::Conflict},
        {QStringLiteral("storage"), ErrorKind::Storage},
        {QStringLiteral("io"), ErrorKind::Io},
        {QStringLiteral("parse"), ErrorKind::Parse},
        {QStringLiteral("internal"), ErrorKind::Internal},
    };
    auto it = kinds.constFind(name);
    return it == kinds.cend() ? std::nullopt : std::optional<ErrorKind>(*it);
}

// The top-level arguments of the call or brace list that opens at text[open] ('(' or '{').
QStringList argumentsAt(const QString& text, qsizetype open)
{
    QStringList args;
    QString current;
    int depth = 0;
    for (qsizetype i = open; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) { // a literal: copy it whole
            const qsizetype start = i;
            for (++i; i < text.size() && text.at(i) != c; ++i) {
                if (text.at(i) == QLatin1Char('\\'))
                    ++i;
            }
            current += text.mid(start, i - start + 1);
            continue;
        }
        if (c == QLatin1Char('(') || c == QLatin1Char('{') || c == QLatin1Char('[')) {
            if (depth++ == 0)
                continue;
        } else if (c == QLatin1Char(')') || c == QLatin1Char('}') || c == QLatin1Char(']')) {
            if (--depth == 0) {
                args.append(current.simplified());
                return args;
            }
        } else if (c == QLatin1Char(',') && depth == 1) {
            args.append(current.simplified());
            current.clear();
            continue;
        } else if (c == QLatin1Char(';') && depth <= 1) {
            break;
        }
        current += c;
    }
    return args;
}

// Where expression ends: the `;` at its own nesting level.
QString statementAt(const QString& text, qsizetype from)
{
    int depth = 0;
    for (qsizetype i = from; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            for (++i; i < text.size() && text.at(i) != c; ++i) {
                if (text.at(i) == QLatin1Char('\\'))
                    ++i;
            }
        } else if (c == QLatin1Char('(') || c == QLatin1Char('{') || c == QLatin1Char('[')) {
            ++depth;
        } else if (c == QLatin1Char(')') || c == QLatin1Char('}') || c == QLatin1Char(']')) {
            if (--depth < 0)
                return text.mid(from, i - from).simplified();
        } else if (c == QLatin1Char(';') && depth == 0) {
            return text.mid(from, i - from).simplified();
        }
    }
    return text.mid(from).simplified();
}

// The codes an expression sets: its literals (only a ternary's branches), families marked `*`.
// Empty when the expression holds no literal code.
QStringList codesIn(QString expression)
{
    // A ternary: only what follows the first top-level `?` (both branches).
    int depth = 0;
    for (qsizetype i = 0; i < expression.size(); ++i) {
        const QChar c = expression.at(i);
        if (c == QLatin1Char('"')) {
            for (++i; i < expression.size() && expression.at(i) != c; ++i) {
                if (expression.at(i) == QLatin1Char('\\'))
                    ++i;
            }
        } else if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')')) {
            --depth;
        } else if (c == QLatin1Char('?') && depth == 0) {
            expression = expression.mid(i + 1);
            break;
        }
    }
    static const QRegularExpression literal(QStringLiteral(
        R"re((\+\s*)?\b(?:QStringLiteral|QLatin1String)\("([^"\\]*)"\)(\s*\.arg\(|\s*\+)?)re"));
    static const QRegularExpression codeShape(QStringLiteral(R"(^[A-Za-z0-9_.%/-]+$)"));
    static const QRegularExpression placeholder(QStringLiteral("%[0-9]"));
    QStringList out;
    auto it = literal.globalMatch(expression);
    while (it.hasNext()) {
        const auto m = it.next();
        QString code = m.captured(2);
        if (!codeShape.match(code).hasMatch())
            continue;
        code.replace(placeholder, QStringLiteral("*"));
        if (!m.captured(1).isEmpty())
            code.prepend(QLatin1Char('*'));
        if (m.captured(3).contains(QLatin1Char('+')))
            code.append(QLatin1Char('*'));
        out.append(code);
    }
    return out;
}

class SourceScan
{
public:
    explicit SourceScan(const QString& root)
    {
        const QDir dir(root);
        for (const char* top : {"core", "app", "ui"}) {
            QDirIterator it(dir.filePath(QLatin1String(top)),
                            {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                const QString relative = dir.relativeFilePath(path);
                if (relative == QLatin1String("core/common/error_catalogue.cpp"))
                    continue; // the table itself
                QFile f(path);
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                m_files.append({relative, QString::fromUtf8(f.readAll())});
            }
        }
        for (const SourceFile& f : m_files)
            scan(f);
    }

    qsizetype fileCount() const { return m_files.size(); }
    const QList<Site>& sites() const { return m_sites; }
    const QStringList& unexplainedPassThroughs() const { return m_unexplained; }
    const QStringList& unknownHelpers() const { return m_unknownHelpers; }
    // The app's own codes that some code reacts to (error.code == "name_taken"): code → where.
    const QList<std::pair<QString, QString>>& consumed() const { return m_consumed; }

private:
    QList<SourceFile> m_files;
    QList<Site> m_sites;
    QStringList m_unexplained;
    QStringList m_unknownHelpers;
    QList<std::pair<QString, QString>> m_consumed;

    void add(const SourceFile& f, qsizetype at, const QString& expression, std::optional<ErrorKind> kind,
             bool issue = false)
    {
        if (isPassThrough(f, expression))
            return;
        const QStringList codes = codesIn(expression);
        if (codes.isEmpty()) {
            passThrough(f, at, expression);
            return;
        }
        for (const QString& c : codes)
            m_sites.append({c, kind, f.where(at), false, issue});
    }

    static bool isPassThrough(const SourceFile& f, const QString& expression)
    {
        for (const PassThrough& p : kPassThroughs) {
            if (f.path == QLatin1String(p.file) && expression == QLatin1String(p.expression))
                return true;
        }
        return false;
    }

    void passThrough(const SourceFile& f, qsizetype at, const QString& expression)
    {
        m_unexplained.append(QStringLiteral("%1: %2").arg(f.where(at), expression));
    }

    // The kind set on variable `var` before `at` in the same function (Error e = Error::parse(…),
    // e.kind = ErrorKind::Auth): the nearest one.
    static std::optional<ErrorKind> kindOf(const SourceFile& f, const QString& var, qsizetype at)
    {
        qsizetype begin = f.text.lastIndexOf(QStringLiteral("\n{"), at);
        begin = begin < 0 ? 0 : begin;
        const QString body = f.text.mid(begin, at - begin);
        const QString v = QRegularExpression::escape(var);
        const QRegularExpression set(
            QStringLiteral(
                R"re(\b%1\.kind\s*=\s*(?:core::)?ErrorKind::(\w+)|\bError\s+%1\s*=\s*(?:core::)?Error(?:::(\w+)\(|\{\s*(?:core::)?ErrorKind::(\w+))|\bError\s+%1\s*(=|;))re")
                .arg(v));
        std::optional<ErrorKind> kind;
        auto it = set.globalMatch(body);
        while (it.hasNext()) {
            const auto m = it.next();
            kind = std::nullopt; // Error e; or Error e = something(): unknown until set
            for (int g = 1; g <= 3; ++g) {
                if (!m.captured(g).isEmpty())
                    kind = kindNamed(m.captured(g));
            }
        }
        return kind;
    }

    void scan(const SourceFile& f)
    {
        const QString& t = f.text;
        // 1. Error::validation( / Error::conflict(
        static const QRegularExpression factory(QStringLiteral(R"(\bError::(validation|conflict)\s*\()"));
        for (auto it = factory.globalMatch(t); it.hasNext();) {
            const auto m = it.next();
            const QStringList args = argumentsAt(t, m.capturedEnd() - 1);
            if (!args.isEmpty() && !args.first().startsWith(QLatin1String("QString ")))
                add(f, m.capturedStart(), args.first(), kindNamed(m.captured(1)));
        }
        // 2. Error{ErrorKind::K, status, CODE, …}
        static const QRegularExpression brace(
            QStringLiteral(R"(\bError\s*\{\s*(?:core::)?ErrorKind::(\w+))"));
        for (auto it = brace.globalMatch(t); it.hasNext();) {
            const auto m = it.next();
            const QStringList args = argumentsAt(t, t.indexOf(QLatin1Char('{'), m.capturedStart()));
            if (args.size() > 2 && !args.at(2).isEmpty() && args.at(2) != QLatin1String("{}"))
                add(f, m.capturedStart(), args.at(2), kindNamed(m.captured(1)));
        }
        // 3. VAR.code = CODE;
        static const QRegularExpression assignment(QStringLiteral(R"(\b(\w+)\.code\s*=(?!=))"));
        for (auto it = assignment.globalMatch(t); it.hasNext();) {
            const auto m = it.next();
            const QString expression = statementAt(t, m.capturedEnd());
            static const QRegularExpression copy(QStringLiteral(R"(^[\w.()\->]*\bcode$)"));
            if (copy.match(expression).hasMatch() && expression != QLatin1String("code"))
                continue; // another error's code, copied
            add(f, m.capturedStart(), expression, kindOf(f, m.captured(1), m.capturedStart()));
        }
        // 4. {field, CODE, message} of a ValidationIssue
        if (t.contains(QLatin1String("ValidationIssue"))) {
            static const QRegularExpression issue(QStringLiteral(R"(\.append\(\s*\{)"));
            for (auto it = issue.globalMatch(t); it.hasNext();) {
                const auto m = it.next();
                const QStringList args = argumentsAt(t, m.capturedEnd() - 1);
                if (args.size() == 3)
                    add(f, m.capturedStart(), args.at(1), ErrorKind::Validation, true);
            }
        }
        // 5. the helpers that pass a code through
        for (const CodeHelper& h : kCodeHelpers) {
            if (f.path != QLatin1String(h.file))
                continue;
            const QRegularExpression call(
                QStringLiteral(R"((::|\bError\s+)?\b%1\s*\()").arg(QLatin1String(h.function)));
            for (auto it = call.globalMatch(t); it.hasNext();) {
                const auto m = it.next();
                if (!m.captured(1).isEmpty())
                    continue; // its definition
                const QStringList args = argumentsAt(t, m.capturedEnd() - 1);
                if (args.size() <= h.codeArgument)
                    continue;
                std::optional<ErrorKind> kind = h.kind;
                if (h.kindArgument >= 0 && args.size() > h.kindArgument)
                    kind = kindNamed(args.at(h.kindArgument).section(QStringLiteral("::"), -1));
                add(f, m.capturedStart(), args.at(h.codeArgument), kind);
            }
        }
        // 6. server codes the app maps: CODEVAR == "X", CODEVAR.startsWith("08")
        static const QRegularExpression compared(QStringLiteral(
            R"re(\b(?:code|sqlstate|sqlState|cls|errorCode|s)\s*(?:==|!=)\s*(?:QLatin1String|QStringLiteral)\("([A-Z0-9_]+)"\)|\b(?:code|sqlstate|sqlState)\.startsWith\((?:QLatin1String|QStringLiteral)\("([A-Z0-9]+)"\)\))re"));
        for (auto it = compared.globalMatch(t); it.hasNext();) {
            const auto m = it.next();
            const QString code = m.captured(1).isEmpty() ? m.captured(2) + QLatin1Char('*') : m.captured(1);
            m_sites.append({code, std::nullopt, f.where(m.capturedStart()), true, false});
        }
        // The app's codes something reacts to: error.code == "x", error.code.startsWith("x").
        static const QRegularExpression reacts(QStringLiteral(
            R"re(\.code\s*(?:==|!=)\s*(?:QLatin1String|QStringLiteral)\("([a-z][a-z0-9_]*)"\)|\.code\.startsWith\((?:QLatin1String|QStringLiteral)\("([a-z][a-z0-9_]*)"\)\))re"));
        for (auto it = reacts.globalMatch(t); it.hasNext();) {
            const auto m = it.next();
            const QString code = m.captured(1).isEmpty() ? m.captured(2) + QLatin1Char('*') : m.captured(1);
            m_consumed.append({code, f.where(m.capturedStart())});
        }
        // Every function or lambda with a QString parameter called code is a known helper.
        static const QRegularExpression takesCode(QStringLiteral(
            R"re((\w+)\s*(?:=\s*\[[^\]]*\]\s*)?\((?:[^()]*,)?\s*(?:const\s+)?QString&?\s+code\s*[,)])re"));
        for (auto it = takesCode.globalMatch(t); it.hasNext();) {
            const auto m = it.next();
            const QString name = m.captured(1);
            bool known = name == QLatin1String("validation") || name == QLatin1String("conflict");
            for (const CodeHelper& h : kCodeHelpers)
                known = known || (name == QLatin1String(h.function) && f.path == QLatin1String(h.file)) ||
                        (name == QLatin1String(h.function) && f.path.endsWith(QLatin1String(".h")));
            for (const char* n : kNotCodeHelpers)
                known = known || name == QLatin1String(n);
            if (f.path.endsWith(QLatin1String("destination_api_errors.cpp")) ||
                f.path.endsWith(QLatin1String("destination_api_errors.h")))
                known =
                    known || name == QLatin1String("httpError"); // Google's and Meta's callers: kCodeHelpers
            if (!known)
                m_unknownHelpers.append(
                    QStringLiteral("%1: %2(… QString code …)").arg(f.where(m.capturedStart()), name));
        }
    }
};

const SourceScan& scan()
{
    static const SourceScan s(QStringLiteral(SB_SOURCE_DIR));
    return s;
}

} // namespace

TEST(ErrorCatalogue, ScanFindsTheCodesOfEveryPattern)
{
    const SourceScan& s = scan();
    EXPECT_GT(s.fileCount(), 300);
    QSet<QString> found;
    for (const Site& site : s.sites())
        found.insert(site.code);
    // One code of each way to set one (a test of the scan itself).
    for (const char* code : {"name_taken",            // Error::conflict / a validation issue
                             "segment_cycle",         // Error::validation
                             "cancelled",             // Error{ErrorKind::Cancelled, 0, "cancelled", …}
                             "network_*",             // e.code = "network_%1".arg(…)
                             "sync_*",                // e.code = "sync_" + key
                             "experiment_*_required", // a validation issue with .arg
                             "schedule_zone_invalid", // helper invalid(), code on the next line
                             "WAREHOUSE_STOPPED",     // the lambda fail(message, code)
                             "40P01",                 // makeError(kind, sqlstate…) / a comparison
                             "08*",                   // sqlstate.startsWith("08")
                             "experiment_invalid"})   // a ternary
        EXPECT_TRUE(found.contains(QLatin1String(code))) << code;
    EXPECT_FALSE(found.contains(QStringLiteral("name"))) << "a field name taken for a code";
}

TEST(ErrorCatalogue, EveryCodeInTheSourceHasAnEntry)
{
    QMap<QString, QStringList> missing; // code → where
    for (const Site& site : scan().sites()) {
        bool covered = false;
        for (const ErrorCatalogueEntry& e : ErrorCatalogue::entries())
            covered = covered || e.codes().contains(site.code); // a literal code is no family's member
        if (!covered)
            missing[site.code].append(site.where);
    }
    QStringList lines;
    for (auto it = missing.cbegin(); it != missing.cend(); ++it)
        lines.append(QStringLiteral("  %1  (%2)").arg(it.key(), it.value().join(QStringLiteral(", "))));
    EXPECT_TRUE(missing.isEmpty())
        << missing.size()
        << " error codes have no entry in core/common/error_catalogue.cpp (add a block in its area: "
           "{\"code\", K::Validation, A::Segments, App, \"what you see\", \"why\", "
           "\"what to do\"}):\n"
        << lines.join(QLatin1Char('\n')).toStdString();
}

TEST(ErrorCatalogue, EveryCodeThatIsNoLiteralIsExplained)
{
    EXPECT_TRUE(scan().unexplainedPassThroughs().isEmpty())
        << "codes set from a variable: add the helper to kCodeHelpers or the expression to kPassThroughs:\n"
        << scan().unexplainedPassThroughs().join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(scan().unknownHelpers().isEmpty())
        << "functions that take a code: add them to kCodeHelpers (or kNotCodeHelpers):\n"
        << scan().unknownHelpers().join(QLatin1Char('\n')).toStdString();
}

TEST(ErrorCatalogue, EveryCodeTheAppReactsToIsStillRaised)
{
    // A check such as error.code == "experiment_key_taken" silently stops working when the code
    // is renamed where it is raised.
    QStringList raised;
    for (const Site& site : scan().sites())
        raised.append(site.code);
    QStringList orphans;
    for (const auto& [code, where] : scan().consumed()) {
        bool found = false;
        for (const QString& r : raised) {
            if (code.endsWith(QLatin1Char('*')) ? r.startsWith(code.chopped(1)) : r == code)
                found = true;
        }
        if (!found)
            orphans.append(QStringLiteral("%1 (%2)").arg(code, where));
    }
    EXPECT_GT(scan().consumed().size(), 3);
    EXPECT_TRUE(orphans.isEmpty()) << "codes the app reacts to that nothing raises any more:\n  "
                                   << orphans.join(QStringLiteral("\n  ")).toStdString();
}

TEST(ErrorCatalogue, NoEntryIsStale)
{
    QSet<QString> found;
    for (const Site& site : scan().sites())
        found.insert(site.code);
    QStringList stale;
    for (const ErrorCatalogueEntry& e : ErrorCatalogue::entries()) {
        if (e.origin == core::ErrorOrigin::Server)
            continue;
        for (const QString& code : e.codes()) {
            if (!found.contains(code))
                stale.append(code);
        }
    }
    EXPECT_TRUE(stale.isEmpty())
        << "app entries whose code no longer occurs in the source (remove them, or mark "
           "a server's code ErrorOrigin::Server):\n  "
        << stale.join(QStringLiteral("\n  ")).toStdString();
}

TEST(ErrorCatalogue, EntriesAreSane)
{
    QSet<QString> seen;
    for (const ErrorCatalogueEntry& e : ErrorCatalogue::entries()) {
        const QString code = QString::fromUtf8(e.code);
        EXPECT_FALSE(code.isEmpty());
        for (const QString& c : e.codes()) {
            const QString key = core::errorAreaKey(e.area) + QLatin1Char('/') + c;
            EXPECT_FALSE(seen.contains(key)) << "code listed twice in its area: " << key.toStdString();
            seen.insert(key);
            EXPECT_FALSE(c.trimmed().isEmpty()) << code.toStdString();
        }
        for (const char* text : {e.title, e.cause, e.fix}) {
            const QString s = QString::fromUtf8(text);
            EXPECT_GE(s.size(), 10) << code.toStdString()
                                    << ": a title, cause or fix is missing or too short";
            EXPECT_FALSE(s.contains(QLatin1Char('\n'))) << code.toStdString();
        }
        EXPECT_TRUE(QString::fromUtf8(e.fix).endsWith(QLatin1Char('.')) ||
                    QString::fromUtf8(e.fix).endsWith(QLatin1Char(')')))
            << code.toStdString() << ": the fix is a sentence";
    }
}

TEST(ErrorCatalogue, KindsMatchTheKindsTheCodesAreRaisedWith)
{
    // A ValidationIssue becomes a Validation error, except where an Error site raises its code
    // with another kind (segment_change_rules turns name_taken into a Conflict): that one counts.
    QSet<QString> raisedAsErrors;
    for (const Site& site : scan().sites())
        if (site.kind && !site.issue)
            raisedAsErrors.insert(site.code);
    QStringList wrong;
    for (const Site& site : scan().sites()) {
        if (!site.kind || site.server || (site.issue && raisedAsErrors.contains(site.code)))
            continue;
        const ErrorCatalogueEntry* e = ErrorCatalogue::find(site.code, site.kind);
        if (site.code.contains(QLatin1Char('*'))) {
            e = nullptr;
            for (const ErrorCatalogueEntry& candidate : ErrorCatalogue::entries())
                if (candidate.codes().contains(site.code) && (!e || candidate.kind == *site.kind))
                    e = &candidate;
        }
        bool several = false;
        for (const SeveralKinds& k : kRaisedWithSeveralKinds)
            several = several || site.code == QLatin1String(k.code);
        if (e && e->kind != *site.kind && !several)
            wrong.append(QStringLiteral("%1 at %2 is raised as %3; its entry says %4")
                             .arg(site.code, site.where, core::errorKindName(*site.kind),
                                  core::errorKindName(e->kind)));
    }
    EXPECT_TRUE(wrong.isEmpty()) << wrong.join(QLatin1Char('\n')).toStdString();

    // The exceptions are real: each is raised with two kinds or more.
    for (const SeveralKinds& k : kRaisedWithSeveralKinds) {
        QSet<ErrorKind> kinds;
        for (const Site& site : scan().sites())
            if (site.code == QLatin1String(k.code) && site.kind && !site.issue)
                kinds.insert(*site.kind);
        EXPECT_GE(kinds.size(), 2) << k.code
                                   << " is raised with one kind now: remove it from kRaisedWithSeveralKinds";
    }
}

TEST(ErrorCatalogue, FindPrefersAnExactCodeAndTheKind)
{
    const ErrorCatalogueEntry* taken = ErrorCatalogue::find(QStringLiteral("name_taken"));
    ASSERT_NE(taken, nullptr);
    EXPECT_STREQ(taken->code, "name_taken");
    const ErrorCatalogueEntry* network = ErrorCatalogue::find(QStringLiteral("network_3"));
    ASSERT_NE(network, nullptr);
    EXPECT_STREQ(network->code, "network_*");
    EXPECT_EQ(ErrorCatalogue::find(QStringLiteral("no_such_code_anywhere")), nullptr);
    EXPECT_EQ(ErrorCatalogue::find(QString()), nullptr);
    // "1": SQLite's SQLITE_ERROR (Storage) and Meta's "unknown error" (Http) are different entries.
    const ErrorCatalogueEntry* sqlite = ErrorCatalogue::find(QStringLiteral("1"), ErrorKind::Storage);
    const ErrorCatalogueEntry* meta = ErrorCatalogue::find(QStringLiteral("1"), ErrorKind::Http);
    ASSERT_NE(sqlite, nullptr);
    ASSERT_NE(meta, nullptr);
    EXPECT_EQ(sqlite->area, core::ErrorArea::Workspace);
    EXPECT_EQ(meta->area, core::ErrorArea::Activation);
}

TEST(ErrorCatalogue, AnErrorWithoutRemediationGetsItsEntrysFix)
{
    core::Error e = core::Error::validation(QStringLiteral("segment_cycle"),
                                            QStringLiteral("A segment cannot include itself."));
    ASSERT_TRUE(e.remediation.isEmpty());
    const core::Error shown = ErrorCatalogue::withRemediation(e);
    EXPECT_EQ(shown.remediation,
              QString::fromUtf8(ErrorCatalogue::find(QStringLiteral("segment_cycle"))->fix));
    EXPECT_EQ(shown.userMessage, e.userMessage);
    EXPECT_EQ(shown.code, e.code);

    // A remediation the call site wrote is kept: it knows more than the table.
    e.remediation = QStringLiteral("Remove the reference to “Loyal buyers”.");
    EXPECT_EQ(ErrorCatalogue::withRemediation(e).remediation, e.remediation);

    // No code, or a code without an entry: the kind's advice.
    const core::Error io =
        ErrorCatalogue::withRemediation(core::Error::io(QStringLiteral("Could not read x.csv.")));
    EXPECT_EQ(io.remediation, ErrorCatalogue::fixForKind(ErrorKind::Io));
    EXPECT_FALSE(io.remediation.isEmpty());
    core::Error unknown =
        core::Error::validation(QStringLiteral("no_such_code_anywhere"), QStringLiteral("Bad."));
    EXPECT_EQ(ErrorCatalogue::withRemediation(unknown).remediation,
              ErrorCatalogue::fixForKind(ErrorKind::Validation));

    // The user's own cancel needs no advice.
    core::Error cancelled{ErrorKind::Cancelled,         0,  QStringLiteral("cancelled"),
                          QStringLiteral("Cancelled."), {}, {}};
    EXPECT_TRUE(ErrorCatalogue::withRemediation(cancelled).remediation.isEmpty());
}

TEST(ErrorCatalogue, TheGuideHasEveryEntryInItsArea)
{
    const QString md = core::TroubleshootingGuide::markdown();
    for (const ErrorCatalogueEntry& e : ErrorCatalogue::entries())
        EXPECT_TRUE(md.contains(QStringLiteral("`%1`").arg(
            QString::fromUtf8(e.code).replace(QLatin1Char('|'), QStringLiteral("`, `")))))
            << e.code;
    EXPECT_LT(md.indexOf(QStringLiteral("## Workspace & files")), md.indexOf(QStringLiteral("## Segments")));
    EXPECT_LT(md.indexOf(QStringLiteral("## Experiments")), md.indexOf(QStringLiteral("## Settings")));
    const QByteArray json = core::TroubleshootingGuide::json();
    EXPECT_TRUE(json.contains("\"name_taken\""));
}
