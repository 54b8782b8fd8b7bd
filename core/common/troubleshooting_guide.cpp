#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/error_catalogue.h"

namespace core {

namespace {

const ErrorArea kAreas[] = {ErrorArea::Workspace,   ErrorArea::Segments, ErrorArea::Metrics,
                            ErrorArea::Databricks,  ErrorArea::Postgres, ErrorArea::Activation,
                            ErrorArea::Experiments, ErrorArea::Settings};

const ErrorKind kKinds[] = {ErrorKind::Validation, ErrorKind::NotFound, ErrorKind::Conflict,
                            ErrorKind::Storage,    ErrorKind::Io,       ErrorKind::Parse,
                            ErrorKind::Network,    ErrorKind::Timeout,  ErrorKind::Auth,
                            ErrorKind::Permission, ErrorKind::Http,     ErrorKind::Remote,
                            ErrorKind::Internal};

// "Workspace & files" → "workspace--files", as GitHub makes heading anchors.
QString anchorOf(const QString& heading)
{
    QString out;
    for (QChar c : heading.toLower()) {
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            out += c;
        else if (c == QLatin1Char(' '))
            out += QLatin1Char('-');
    }
    return out;
}

QString codeList(const ErrorCatalogueEntry& e)
{
    QStringList quoted;
    for (const QString& c : e.codes())
        quoted.append(QLatin1Char('`') + c + QLatin1Char('`'));
    return quoted.join(QStringLiteral(", "));
}

} // namespace

QString TroubleshootingGuide::markdown()
{
    QString md;
    md += QStringLiteral(
        "# Troubleshooting\n\n"
        "Every message Segment Builder and `segctl` can show, by error code: what you see, why it happens "
        "and "
        "what to do. The window shows the message and what to do in a notification; its code is under "
        "**Details**, and in the log file (`~/.local/share/SegmentBuilder/segment-builder/logs/`). `segctl` "
        "prints `segctl: error: <message> — <what to do>`.\n\n"
        "Codes written with `*` are families (`network_3`, `sync_partial`); several codes in one entry mean "
        "the "
        "same thing. Entries marked *sent by the server* are codes that Databricks, PostgreSQL, Google Ads "
        "or "
        "Meta send, which the app explains.\n\n"
        "This page is generated from the app's error table (`core/common/error_catalogue.cpp`) by "
        "`segctl errors --format markdown`; regenerate it with `make docs` rather than editing it.\n\n");
    md += QStringLiteral("## Contents\n\n");
    for (ErrorArea area : kAreas)
        md += QStringLiteral("- [%1](#%2)\n").arg(errorAreaTitle(area), anchorOf(errorAreaTitle(area)));
    md += QStringLiteral("- [Messages without a code](#messages-without-a-code)\n");
    for (ErrorArea area : kAreas) {
        md += QStringLiteral("\n## %1\n").arg(errorAreaTitle(area));
        for (const ErrorCatalogueEntry& e : ErrorCatalogue::entries()) {
            if (e.area != area)
                continue;
            md += QStringLiteral("\n### %1\n\n").arg(codeList(e));
            md += QStringLiteral("- **What you see:** %1\n").arg(QString::fromUtf8(e.title));
            md += QStringLiteral("- **Why:** %1\n").arg(QString::fromUtf8(e.cause));
            md += QStringLiteral("- **What to do:** %1\n").arg(QString::fromUtf8(e.fix));
            md += QStringLiteral("- *Kind:* %1%2\n")
                      .arg(errorKindName(e.kind), e.origin == ErrorOrigin::Server
                                                      ? QStringLiteral(", sent by the server")
                                                      : QString());
        }
    }
    md += QStringLiteral("\n## Messages without a code\n\n"
                         "Some messages carry no code of their own; what to do depends on their kind (shown "
                         "under **Details** as “<kind> error”).\n\n"
                         "| Kind | Why | What to do |\n|---|---|---|\n");
    for (ErrorKind kind : kKinds)
        md += QStringLiteral("| %1 | %2 | %3 |\n")
                  .arg(errorKindName(kind), ErrorCatalogue::causeForKind(kind),
                       ErrorCatalogue::fixForKind(kind));
    return md;
}

QByteArray TroubleshootingGuide::json()
{
    QJsonArray areas;
    for (ErrorArea area : kAreas) {
        QJsonArray entries;
        for (const ErrorCatalogueEntry& e : ErrorCatalogue::entries()) {
            if (e.area != area)
                continue;
            entries.append(QJsonObject{
                {QStringLiteral("codes"), QJsonArray::fromStringList(e.codes())},
                {QStringLiteral("kind"), errorKindName(e.kind)},
                {QStringLiteral("origin"),
                 e.origin == ErrorOrigin::Server ? QStringLiteral("server") : QStringLiteral("app")},
                {QStringLiteral("title"), QString::fromUtf8(e.title)},
                {QStringLiteral("cause"), QString::fromUtf8(e.cause)},
                {QStringLiteral("fix"), QString::fromUtf8(e.fix)},
            });
        }
        areas.append(QJsonObject{{QStringLiteral("key"), errorAreaKey(area)},
                                 {QStringLiteral("title"), errorAreaTitle(area)},
                                 {QStringLiteral("entries"), entries}});
    }
    QJsonArray withoutCode;
    for (ErrorKind kind : kKinds)
        withoutCode.append(QJsonObject{{QStringLiteral("kind"), errorKindName(kind)},
                                       {QStringLiteral("cause"), ErrorCatalogue::causeForKind(kind)},
                                       {QStringLiteral("fix"), ErrorCatalogue::fixForKind(kind)}});
    return QJsonDocument(
               QJsonObject{{QStringLiteral("areas"), areas}, {QStringLiteral("without_code"), withoutCode}})
        .toJson(QJsonDocument::Indented);
}

} // namespace core
