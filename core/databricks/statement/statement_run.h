#pragma once

#include "databricks/statement/statement_response.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPromise>

namespace core {

class StatementClient;

// One statement from submission to its final rows. Internal to StatementClient.
class StatementRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatementRun)

public:
    StatementRun(StatementClient* client, StatementRequest request);
    ~StatementRun() override;

    QFuture<Result<StatementResult>> future() { return m_promise.future(); }
    const QString& statementId() const { return m_result.statementId; }
    void start();
    void cancel();

private:
    StatementClient* m_client;
    StatementRequest m_request;
    QPromise<Result<StatementResult>> m_promise;
    StatementResult m_result;
    QElapsedTimer m_clock;
    int m_polls = 0;
    bool m_cancelRequested = false;
    bool m_done = false;
    QSet<int> m_refreshedChunks; // chunks whose expired links were fetched again

    void submit();
    void poll();
    void handle(const StatementResponse& response);
    void absorbChunk(const StatementResponse& chunk);
    void fetchChunk(int index);
    void downloadLinks(QList<StatementResponse::ExternalLink> links, std::optional<int> next);
    template <typename F>
    void parseThen(const QByteArray& body, F&& next);
    bool pastDeadline();
    void finish(Result<StatementResult> result);
};

} // namespace core
