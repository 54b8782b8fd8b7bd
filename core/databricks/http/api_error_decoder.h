#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QNetworkReply>

#include <memory>

namespace core {

// How one REST service's answers become the project's Error, and which of them the one call
// shape (ApiClient) retries or answers with a credential refresh. ApiClient uses Databricks'
// (ApiErrors) unless it is given another; the ad platforms (core/activation/sync) have their own,
// since Google and Meta word errors, throttling and expired tokens differently.
class ApiErrorDecoder
{
public:
    virtual ~ApiErrorDecoder() = default;

    // A non-2xx answer with its body.
    virtual Error fromHttp(int status, const QByteArray& body, const QString& what) const;
    // A transport failure (no HTTP status).
    virtual Error fromNetwork(QNetworkReply::NetworkError error, const QString& errorString, const QString& what) const;
    virtual Error timeout(const QString& what, qint64 afterMs) const;

    // The token was rejected: the AuthProvider is asked for a new one and the request sent once more.
    virtual bool isCredentialRejected(int status, const QByteArray& body) const;
    // Throttled: retried for any request, after Retry-After when the answer carries one
    // (default: HTTP 429 and 503).
    virtual bool isThrottled(int status, const QByteArray& body) const;
    // A passing server failure: retried for requests safe to repeat (default: HTTP 500, 502, 504).
    virtual bool isTransient(int status, const QByteArray& body) const;

    // Databricks' decoder (ApiErrors), the default of every ApiClient.
    static std::shared_ptr<const ApiErrorDecoder> databricks();
};

} // namespace core
