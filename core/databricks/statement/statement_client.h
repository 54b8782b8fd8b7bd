#pragma once

#include "common/result.h"
#include "databricks/statement/statement_request.h"

#include <QFuture>
#include <QObject>
#include <QPointer>

#include <chrono>

namespace core {

class ApiClient;

// Runs SQL on a Databricks SQL warehouse through the Statement Execution API 2.0, the way
// reference §1.5 prescribes: submit with a wait timeout and on_wait_timeout=CONTINUE, poll
// PENDING/RUNNING to a terminal state with backoff, turn FAILED/CANCELED/CLOSED (which come
// with HTTP 200) into Errors, and gather every chunk, inline or through external links.
// The future succeeds only after SUCCEEDED was seen. Bodies are parsed on a worker thread.
class StatementClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatementClient)

public:
    StatementClient(ApiClient* api, QString warehouseId, QObject* parent = nullptr);

    QFuture<Result<StatementResult>> execute(const StatementRequest& request);
    // Asks the warehouse to cancel a running statement; its future then fails with Cancelled.
    void cancel(const QString& statementId);
    void cancelAll();
    // The state of a statement by its id (a GET, without polling): PENDING, RUNNING, SUCCEEDED,
    // FAILED, CANCELED or CLOSED; an empty state when Databricks does not know the id (HTTP 404:
    // it keeps statements for a limited time). A malformed id is refused without a request.
    QFuture<Result<QString>> stateOf(const QString& statementId);

    const QString& warehouseId() const { return m_warehouseId; }
    // Backoff between polls (tests shorten it).
    void setPollBackoff(std::chrono::milliseconds first, std::chrono::milliseconds max);

signals:
    // A statement was accepted or changed state: "PENDING" (often: the warehouse is starting),
    // "RUNNING", "SUCCEEDED", ... For progress display.
    void statementStateChanged(const QString& statementId, const QString& state, const QString& what);

private:
    friend class StatementRun;
    QPointer<ApiClient> m_api;
    QString m_warehouseId;
    std::chrono::milliseconds m_firstPoll{500};
    std::chrono::milliseconds m_maxPoll{5000};
};

} // namespace core
