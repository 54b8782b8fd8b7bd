#pragma once

#include "common/result.h"
#include "databricks/http/api_error_decoder.h"
#include "databricks/http/api_request.h"
#include "databricks/http/retry_policy.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace core {

class AuthProvider;

// The one door to a REST API (Databricks; the ad platforms of core/activation with their own
// ApiErrorDecoder): a request value goes in, a future comes back that finishes exactly once
// with the response (HTTP 2xx) or an Error. Authentication, timeouts, retries (RetryPolicy),
// one credential refresh after a rejected token, and error decoding live here and nowhere
// else. QNetworkReply never leaves this class.
// Lives on the thread of its QNetworkAccessManager; futures finish on that thread.
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    // host: "https://dbc-….cloud.databricks.com" (http only for loopback, checked by the config).
    ApiClient(QNetworkAccessManager* network, AuthProvider* auth, QUrl host, RetryPolicy policy,
              QObject* parent = nullptr);
    ~ApiClient() override;

    QFuture<Result<ApiResponse>> send(const ApiRequest& request);

    // Downloads a presigned external link. Never sends the Authorization header; retried like
    // an idempotent GET. An expired link answers 403/404: the caller fetches a fresh one.
    QFuture<Result<QByteArray>> download(const QUrl& url, const QHash<QByteArray, QByteArray>& headers,
                                         const QString& what);

    // Fails every call in flight with a Cancelled error.
    void cancelAll();

    const QUrl& host() const { return m_host; }
    const RetryPolicy& policy() const { return m_policy; }

    // How answers become errors and which are retried (default: Databricks').
    void setErrorDecoder(std::shared_ptr<const ApiErrorDecoder> decoder);
    const ApiErrorDecoder& errorDecoder() const { return *m_decoder; }

private:
    friend class ApiCall;
    QNetworkAccessManager* m_network;
    QPointer<AuthProvider> m_auth;
    QUrl m_host;
    RetryPolicy m_policy;
    std::shared_ptr<const ApiErrorDecoder> m_decoder = ApiErrorDecoder::databricks();
};

} // namespace core
