#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "common/error.h"

namespace core {

// The part of the product an error belongs to: the sections of the troubleshooting guide, in order.
enum class ErrorArea
{
    Workspace,   // workspace & files: opening, importing, exporting, writing files
    Segments,    // segment names, criteria, saving, deleting, comparisons
    Metrics,     // events, the metrics refresh, reach, forecasts, charts
    Databricks,  // the connection, sign-in, warehouses, Unity Catalog grants, jobs
    Postgres,    // PostgreSQL and Lakebase
    Activation,  // audiences, destinations (Google Ads, Meta), syncs
    Experiments, // experiments, arms, sample sizes
    Settings,    // the configuration file, the keychain, other settings
};

// "Workspace & files", "Segments", …: the heading of an area in the guide.
QString errorAreaTitle(ErrorArea area);
// "workspace", "segments", …: the area's key in the JSON form of the guide.
QString errorAreaKey(ErrorArea area);

// Where a code comes from: the app's own source sets it, or a server sends it (Databricks
// error_code and SQLSTATE, PostgreSQL SQLSTATE, Google and Meta API errors) and the app maps it.
enum class ErrorOrigin
{
    App,
    Server
};

// One row of the error table: a code (or a family of codes) with what the user sees, why it
// happens and what to do. `code` is one code ("name_taken"), a family with a `*` standing for
// any text ("network_*": Qt's network error number follows), or several codes separated by `|`
// ("42501|INSUFFICIENT_PERMISSIONS"). Plain C strings, so the table is constant data.
struct ErrorCatalogueEntry
{
    const char* code;
    ErrorKind kind; // the kind the code is raised with
    ErrorArea area;
    ErrorOrigin origin;
    const char* title; // what the user sees, in the words of the real message
    const char* cause; // why it happens
    const char* fix;   // the next action: which menu, which segctl command, which GRANT

    QStringList codes() const;            // the alternatives of `code`
    bool matches(const QString& c) const; // c is one of them, or fits one of its families
    bool isFamily() const;                // some alternative holds a `*`
};

// The code's error table (error_catalogue.cpp): one entry per code the app can show. The
// troubleshooting guide (`segctl errors`, docs/troubleshooting.md) is printed from it, and where
// an error reaches the user without a remediation, its entry's fix fills it in.
// tests/unit/error_catalogue_test.cpp checks that every code set in core/, app/ and ui/ has an
// entry and that every app entry's code is still set somewhere.
class ErrorCatalogue
{
public:
    static const QList<ErrorCatalogueEntry>& entries();

    // The entry for code: an exact code before a family; among equal matches, the one raised
    // with `kind` (numeric codes such as "1" mean different things to SQLite and Meta).
    static const ErrorCatalogueEntry* find(const QString& code, std::optional<ErrorKind> kind = std::nullopt);

    // What to do about an error of this kind that has no code of its own (a file that cannot
    // be read, a local database failure, a bug).
    static QString fixForKind(ErrorKind kind);
    static QString causeForKind(ErrorKind kind);

    // error, with its remediation filled from its entry (or its kind) when it has none. The one
    // hook where errors are shown: toasts and view messages in the window, segctl's error line.
    static Error withRemediation(Error error);
};

// The troubleshooting guide printed from the table, grouped by area.
class TroubleshootingGuide
{
public:
    static QString markdown();
    static QByteArray json();
};

} // namespace core
