#include <QRegularExpression>

#include "common/error_catalogue.h"

namespace core {

QString errorAreaTitle(ErrorArea area)
{
    switch (area) {
    case ErrorArea::Workspace:
        return QStringLiteral("Workspace & files");
    case ErrorArea::Segments:
        return QStringLiteral("Segments");
    case ErrorArea::Metrics:
        return QStringLiteral("Metrics & pipeline");
    case ErrorArea::Databricks:
        return QStringLiteral("Databricks");
    case ErrorArea::Postgres:
        return QStringLiteral("Lakebase/PostgreSQL");
    case ErrorArea::Activation:
        return QStringLiteral("Activation");
    case ErrorArea::Experiments:
        return QStringLiteral("Experiments");
    case ErrorArea::Settings:
        return QStringLiteral("Settings");
    }
    return {};
}

QString errorAreaKey(ErrorArea area)
{
    switch (area) {
    case ErrorArea::Workspace:
        return QStringLiteral("workspace");
    case ErrorArea::Segments:
        return QStringLiteral("segments");
    case ErrorArea::Metrics:
        return QStringLiteral("metrics");
    case ErrorArea::Databricks:
        return QStringLiteral("databricks");
    case ErrorArea::Postgres:
        return QStringLiteral("postgres");
    case ErrorArea::Activation:
        return QStringLiteral("activation");
    case ErrorArea::Experiments:
        return QStringLiteral("experiments");
    case ErrorArea::Settings:
        return QStringLiteral("settings");
    }
    return {};
}

QStringList ErrorCatalogueEntry::codes() const
{
    return QString::fromUtf8(code).split(QLatin1Char('|'), Qt::SkipEmptyParts);
}

bool ErrorCatalogueEntry::isFamily() const
{
    return QByteArrayView(code).contains('*');
}

bool ErrorCatalogueEntry::matches(const QString& c) const
{
    if (c.isEmpty())
        return false;
    for (const QString& alternative : codes()) {
        if (alternative == c)
            return true;
        if (!alternative.contains(QLatin1Char('*')))
            continue;
        const QRegularExpression family(QRegularExpression::anchoredPattern(
            QRegularExpression::escape(alternative).replace(QStringLiteral("\\*"), QStringLiteral(".+"))));
        if (family.match(c).hasMatch())
            return true;
    }
    return false;
}

const ErrorCatalogueEntry* ErrorCatalogue::find(const QString& code, std::optional<ErrorKind> kind)
{
    if (code.isEmpty())
        return nullptr;
    const ErrorCatalogueEntry* best = nullptr;
    int bestScore = -1;
    for (const ErrorCatalogueEntry& e : entries()) {
        if (!e.matches(code))
            continue;
        // exact code: 2, a family: 0; the error's own kind: +1
        const int score = (e.codes().contains(code) ? 2 : 0) + (kind && e.kind == *kind ? 1 : 0);
        if (score > bestScore) {
            best = &e;
            bestScore = score;
        }
    }
    return best;
}

QString ErrorCatalogue::causeForKind(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Validation:
        return QStringLiteral(
            "Something typed or chosen is not allowed; the message names the field and why.");
    case ErrorKind::NotFound:
        return QStringLiteral(
            "What the action needs does not exist, or no longer does: someone may have deleted it.");
    case ErrorKind::Conflict:
        return QStringLiteral(
            "Someone else changed the same thing first, or a name that must be unique is taken.");
    case ErrorKind::Storage:
        return QStringLiteral("The local workspace database (a SQLite file) could not be read or written: a "
                              "full disk, a damaged file, or another program holding it.");
    case ErrorKind::Io:
        return QStringLiteral("A file could not be read or written: it does not exist, the folder is not "
                              "writable, or the disk is full.");
    case ErrorKind::Parse:
        return QStringLiteral("A file or a server's answer is not in the expected format.");
    case ErrorKind::Network:
        return QStringLiteral(
            "The server could not be reached: no connection, a wrong address, a proxy or firewall.");
    case ErrorKind::Timeout:
        return QStringLiteral("The server did not answer in time: it may be starting, busy or unreachable.");
    case ErrorKind::Auth:
        return QStringLiteral("The sign-in is missing, wrong or expired.");
    case ErrorKind::Permission:
        return QStringLiteral(
            "You are signed in but not allowed to do this: a grant or permission is missing.");
    case ErrorKind::Http:
        return QStringLiteral("The server answered with an error status.");
    case ErrorKind::Remote:
        return QStringLiteral("The server reported that the operation failed.");
    case ErrorKind::Cancelled:
        return QStringLiteral("The operation was cancelled, by you or because the window closed.");
    case ErrorKind::Internal:
        return QStringLiteral("A bug in the app: something it relies on did not hold.");
    }
    return {};
}

QString ErrorCatalogue::fixForKind(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Validation:
        return QStringLiteral("Correct the value the message names and try again.");
    case ErrorKind::NotFound:
        return QStringLiteral("Reload (View ▸ Reload) to see what exists now, then try again.");
    case ErrorKind::Conflict:
        return QStringLiteral("Reload to see the other change, then make yours again.");
    case ErrorKind::Storage:
        return QStringLiteral("Check that the disk has space and that no other program has the workspace "
                              "open, then try again; the log file has the details.");
    case ErrorKind::Io:
        return QStringLiteral(
            "Check the file's path, that it exists and that you may write to its folder, then try again.");
    case ErrorKind::Parse:
        return QStringLiteral("Check that the file is the right one and was saved in the expected format "
                              "(the message says where it breaks).");
    case ErrorKind::Network:
        return QStringLiteral(
            "Check your network connection and the server's address, then try again; nothing is lost.");
    case ErrorKind::Timeout:
        return QStringLiteral("Try again in a minute; if it keeps happening, ask the data engineers whether "
                              "the server is overloaded.");
    case ErrorKind::Auth:
        return QStringLiteral(
            "Sign in again (Connection ▸ Connect to Workspace…), or check the token in your profile.");
    case ErrorKind::Permission:
        return QStringLiteral("Ask the data engineers for access; Connection ▸ Diagnostics… (segctl doctor) "
                              "names the missing grant.");
    case ErrorKind::Http:
        return QStringLiteral("Try again in a minute; the log file has the server's answer.");
    case ErrorKind::Remote:
        return QStringLiteral(
            "Nothing was changed; try again, and send the log file to the data engineers if it persists.");
    case ErrorKind::Cancelled:
        return {};
    case ErrorKind::Internal:
        return QStringLiteral("Please report this with the log file.");
    }
    return {};
}

Error ErrorCatalogue::withRemediation(Error error)
{
    if (!error.remediation.isEmpty() ||
        error.kind == ErrorKind::Cancelled) // the user's own cancel needs no advice
        return error;
    if (const ErrorCatalogueEntry* e = find(error.code, error.kind))
        error.remediation = QString::fromUtf8(e->fix);
    else
        error.remediation = fixForKind(error.kind);
    return error;
}

} // namespace core
