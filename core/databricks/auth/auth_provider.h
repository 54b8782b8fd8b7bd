#pragma once

#include <QFuture>
#include <QObject>
#include <QString>

#include "common/result.h"

namespace core {

// Supplies the Authorization header for Databricks REST calls. The request layer asks for it
// before every request and, after a 401 or a 403 whose message mentions the token, calls
// invalidate() with the header it sent and retries once.
//
// Threading: use a provider from the thread it lives on (the thread of its
// QNetworkAccessManager); its futures finish on that thread. Continue with
// future.then(contextObject, ...) — never block the GUI thread on them.
class AuthProvider : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthProvider)

public:
    ~AuthProvider() override;

    // The Authorization header value, "Bearer <token>". Answers at once when a valid credential
    // is held; otherwise obtains or refreshes one. Requests arriving during a refresh wait for
    // that same refresh (one token request on the wire). Finishes exactly once, with the value
    // or an Error (kind Auth with a remediation for rejected credentials; Network/Timeout/Http
    // for transport failures). A provider destroyed meanwhile finishes it with Cancelled.
    virtual QFuture<Result<QString>> authorization() = 0;

    // The server rejected `rejectedAuthorization` (the header value the request was sent
    // with): drop it, so the next authorization() obtains a fresh credential. If the provider
    // has already moved on to another credential, nothing happens — N requests failing together
    // with the same token cause one refresh, not N. Empty: drop whatever is current.
    virtual void invalidate(const QString& rejectedAuthorization = {}) = 0;

    // Whether invalidate() can lead to a different credential. False for a personal access
    // token: retrying a rejected PAT is pointless, so the request layer surfaces the error.
    virtual bool canRefresh() const = 0;

    // "pat", "oauth-m2m", "external-browser" (auth_type names of the SDKs).
    virtual QString authType() const = 0;

    // One line without secrets for the diagnostics panel, e.g. "OAuth M2M (client id 6f1c…)".
    virtual QString describe() const = 0;

protected:
    explicit AuthProvider(QObject* parent);
};

} // namespace core
