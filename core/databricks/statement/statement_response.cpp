#include "databricks/statement/statement_response.h"

#include "common/single_line.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "databricks/http/api_errors.h"
#include "databricks/statement/json_array_rows.h"
#include "logging/logging.h"

namespace core {

namespace {

Result<QList<QList<QVariant>>> rowsOf(const QJsonArray& data, const QString& what)
{
    QList<QList<QVariant>> rows;
    rows.reserve(data.size());
    for (const auto& r : data) {
        if (!r.isArray())
            return ApiErrors::malformed(what, QStringLiteral("a result row is not an array"));
        const QJsonArray cells = r.toArray();
        QList<QVariant> row;
        row.reserve(cells.size());
        for (const auto& c : cells) {
            if (c.isNull())
                row.append(QVariant());
            else if (c.isString())
                row.append(c.toString());
            else // tolerate numbers and booleans, though Databricks sends text
                row.append(c.toVariant());
        }
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace

bool StatementResponse::isTerminal() const
{
    return state == QLatin1String("SUCCEEDED") || state == QLatin1String("FAILED") ||
           state == QLatin1String("CANCELED") || state == QLatin1String("CLOSED");
}

Error StatementResponseParser::failureError(const QJsonObject& status, const QString& state,
                                            const QString& what)
{
    Error e;
    e.httpStatus = 200;
    if (state == QLatin1String("CANCELED")) {
        e.kind = ErrorKind::Cancelled;
        e.code = QStringLiteral("CANCELED");
        e.userMessage = QStringLiteral("The statement to %1 was cancelled.").arg(what);
        return e;
    }
    if (state == QLatin1String("CLOSED")) {
        e.kind = ErrorKind::Remote;
        e.code = QStringLiteral("CLOSED");
        e.userMessage = QStringLiteral("The result to %1 expired before it was read.").arg(what);
        e.remediation = QStringLiteral("Run it again.");
        return e;
    }
    const QJsonObject error = status.value(QStringLiteral("error")).toObject();
    const QString message = logging::redact(error.value(QStringLiteral("message")).toString());
    const QString errorCode = error.value(QStringLiteral("error_code")).toVariant().toString();
    QString sqlState = status.value(QStringLiteral("sql_state")).toString();
    static const QRegularExpression sqlStateInMessage(QStringLiteral("SQLSTATE:\\s*([0-9A-Z]{5})"));
    if (sqlState.isEmpty())
        sqlState = sqlStateInMessage.match(message).captured(1);
    static const QRegularExpression errorClass(QStringLiteral("^\\s*\\[([A-Z_.]+)\\]"));
    const QString cls = errorClass.match(message).captured(1);
    e.code = sqlState.isEmpty() ? errorCode : sqlState;
    e.detail = QStringLiteral("statement FAILED (error_code %1%2): %3")
                   .arg(errorCode.isEmpty() ? QStringLiteral("?") : errorCode,
                        sqlState.isEmpty() ? QString() : QStringLiteral(", SQLSTATE ") + sqlState,
                        message.left(2000));
    const QString firstLine = singleLine(message.section(QLatin1Char('\n'), 0, 0).trimmed());
    if (sqlState == QLatin1String("42501") || cls == QLatin1String("INSUFFICIENT_PERMISSIONS")) {
        e.kind = ErrorKind::Permission;
        e.userMessage = QStringLiteral("Databricks refused to %1: %2").arg(what, firstLine);
        e.remediation =
            QStringLiteral("Ask the data engineers for the missing grant; Diagnostics (segctl doctor) "
                           "prints the exact GRANT statement.");
    } else if (cls == QLatin1String("TABLE_OR_VIEW_NOT_FOUND") || cls == QLatin1String("SCHEMA_NOT_FOUND") ||
               sqlState == QLatin1String("42P01") || sqlState == QLatin1String("3F000")) {
        e.kind = ErrorKind::NotFound;
        e.userMessage =
            QStringLiteral("The Databricks tables needed to %1 do not exist: %2").arg(what, firstLine);
        e.remediation = QStringLiteral("Create them with “Provision tables” (segctl provision).");
    } else {
        e.kind = ErrorKind::Remote;
        e.userMessage = QStringLiteral("Databricks could not %1: %2")
                            .arg(what, firstLine.isEmpty() ? singleLine(errorCode) : firstLine);
        e.remediation = QStringLiteral(
            "Nothing was changed. Details are in the diagnostics; try again or contact the data engineers.");
    }
    return e;
}

Result<StatementResponse> StatementResponseParser::parse(const QByteArray& body, const QString& what)
{
    // The rows are most of a large body: read them with the fast reader and give QJsonDocument
    // only the small rest.
    std::optional<JsonArrayRows::Parsed> fastRows;
    QByteArray rest;
    if (body.size() > 64 * 1024) {
        if (const auto begin = JsonArrayRows::locateDataArray(body)) {
            QString error;
            fastRows = JsonArrayRows::parse(body, *begin, &error);
            if (!fastRows)
                return ApiErrors::malformed(what, QStringLiteral("result rows: %1").arg(error));
            rest = body.left(*begin) + "[]" + body.mid(fastRows->end);
        }
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(fastRows ? rest : body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return ApiErrors::malformed(what, QStringLiteral("%1 at byte %2 of %3")
                                              .arg(err.error != QJsonParseError::NoError
                                                       ? err.errorString()
                                                       : QStringLiteral("not an object"))
                                              .arg(err.offset)
                                              .arg(body.size()));
    const QJsonObject o = doc.object();
    StatementResponse r;
    r.statementId = o.value(QStringLiteral("statement_id")).toString();
    const QJsonObject status = o.value(QStringLiteral("status")).toObject();
    r.state = status.value(QStringLiteral("state")).toString();
    if (!r.statementId.isEmpty() && r.state.isEmpty())
        return ApiErrors::malformed(what, QStringLiteral("statement response without status.state"));
    if (r.state == QLatin1String("FAILED") || r.state == QLatin1String("CANCELED") ||
        r.state == QLatin1String("CLOSED"))
        r.failure = failureError(status, r.state, what);

    const QJsonObject manifest = o.value(QStringLiteral("manifest")).toObject();
    const QJsonArray columns =
        manifest.value(QStringLiteral("schema")).toObject().value(QStringLiteral("columns")).toArray();
    for (const auto& c : columns) {
        const QJsonObject co = c.toObject();
        r.columns.append(
            {co.value(QStringLiteral("name")).toString(), co.value(QStringLiteral("type_name")).toString()});
    }
    r.totalChunkCount = manifest.value(QStringLiteral("total_chunk_count")).toInt();
    r.truncated = manifest.value(QStringLiteral("truncated")).toBool();

    // A statement response carries its first chunk in "result"; a chunk body is the ResultData itself.
    const QJsonObject data =
        o.contains(QStringLiteral("result")) ? o.value(QStringLiteral("result")).toObject() : o;
    r.chunkIndex = data.value(QStringLiteral("chunk_index")).toInt();
    if (data.contains(QStringLiteral("next_chunk_index")))
        r.nextChunkIndex = data.value(QStringLiteral("next_chunk_index")).toInt();
    if (fastRows) {
        r.rows = std::move(fastRows->rows);
    } else if (data.contains(QStringLiteral("data_array"))) {
        auto rows = rowsOf(data.value(QStringLiteral("data_array")).toArray(), what);
        if (!rows)
            return rows.error();
        r.rows = std::move(rows).value();
    }
    const QJsonArray links = data.value(QStringLiteral("external_links")).toArray();
    for (const auto& l : links) {
        const QJsonObject lo = l.toObject();
        StatementResponse::ExternalLink link;
        link.chunkIndex = lo.value(QStringLiteral("chunk_index")).toInt();
        link.url = QUrl(lo.value(QStringLiteral("external_link")).toString());
        const QJsonObject headers = lo.value(QStringLiteral("http_headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            link.headers.insert(it.key().toUtf8(), it.value().toString().toUtf8());
        if (!link.url.isValid())
            return ApiErrors::malformed(what, QStringLiteral("an external link is not a valid URL"));
        r.externalLinks.append(link);
        // The last link says what follows; a last link without one is the final chunk (an earlier
        // link's index must not survive, or that chunk is fetched and appended twice).
        r.nextChunkIndex = lo.contains(QStringLiteral("next_chunk_index"))
                               ? std::optional<int>(lo.value(QStringLiteral("next_chunk_index")).toInt())
                               : std::nullopt;
    }
    return r;
}

Result<QList<QList<QVariant>>> StatementResponseParser::parseRows(const QByteArray& body, const QString& what)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray())
        return ApiErrors::malformed(what, QStringLiteral("external result chunk: %1").arg(err.errorString()));
    return rowsOf(doc.array(), what);
}

} // namespace core
