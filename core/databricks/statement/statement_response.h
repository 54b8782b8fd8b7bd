#pragma once

#include "common/result.h"
#include "databricks/statement/statement_request.h"

#include <QByteArray>
#include <QUrl>

#include <optional>

namespace core {

// One decoded StatementResponse or ResultData body (reference §1.3, §1.6). Pure functions,
// safe on any thread: parsing runs on a worker, never on the GUI thread.
struct StatementResponse
{
    struct ExternalLink
    {
        int chunkIndex = 0;
        QUrl url;
        QHash<QByteArray, QByteArray> headers;
    };

    QString statementId;
    QString state; // PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED, CLOSED ("" for a chunk body)
    Error failure; // for FAILED / CANCELED / CLOSED
    QList<StatementColumn> columns;
    int totalChunkCount = 0;
    bool truncated = false;
    int chunkIndex = 0;
    QList<QList<QVariant>> rows;
    std::optional<int> nextChunkIndex;
    QList<ExternalLink> externalLinks;

    bool isTerminal() const;
};

class StatementResponseParser
{
public:
    // A statement response (submit or poll) or a chunk (ResultData) body.
    static Result<StatementResponse> parse(const QByteArray& body, const QString& what);
    // An external link's content: a JSON array of rows.
    static Result<QList<QList<QVariant>>> parseRows(const QByteArray& body, const QString& what);
    // The Error for a FAILED statement: error_code, SQLSTATE (status.sql_state or parsed from
    // the message), the kind (Permission for 42501, Validation-ish Remote otherwise).
    static Error failureError(const QJsonObject& status, const QString& state, const QString& what);
};

} // namespace core
