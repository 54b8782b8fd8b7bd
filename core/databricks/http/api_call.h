#pragma once

#include "common/result.h"
#include "databricks/http/api_request.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QTimer>
#include <QUrl>

namespace core {

class ApiClient;

// One REST call in flight: gets the credential, sends, times out, retries, decodes, and
// fulfils its promise exactly once, then deletes itself. Internal to ApiClient.
class ApiCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiCall)

public:
    // external: a presigned download (no Authorization header, absolute url).
    ApiCall(ApiClient* client, ApiRequest request, QUrl url, bool external,
            QHash<QByteArray, QByteArray> extraHeaders);
    ~ApiCall() override;

    QFuture<Result<ApiResponse>> future() { return m_promise.future(); }
    void start();
    void cancel();

private:
    ApiClient* m_client;
    ApiRequest m_request;
    QUrl m_url;
    bool m_external;
    QHash<QByteArray, QByteArray> m_extraHeaders;
    QPromise<Result<ApiResponse>> m_promise;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QElapsedTimer m_clock;
    QElapsedTimer m_attemptClock;
    QString m_authorization;
    int m_attempt = 0;
    bool m_credentialRefreshed = false;
    bool m_timedOut = false;
    bool m_done = false;

    void attempt();
    void sendWith(const QString& authorization);
    void onFinished();
    void retryOrFail(const Error& error, const QByteArray& retryAfter);
    void finish(Result<ApiResponse> result);
};

} // namespace core
