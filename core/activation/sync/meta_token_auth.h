#pragma once

#include "databricks/auth/oauth_auth_provider.h"
#include "databricks/auth/oauth_token_client.h"

#include <functional>

class QNetworkAccessManager;

namespace core {

// The access token of a Meta destination, as "Bearer <token>" (the Graph API reads the
// Authorization header, so the token never appears in a URL or a log line).
//  - A system user's token alone: used as is; it does not expire, so a rejection (code 190)
//    cannot be fixed by a refresh and is reported (canRefresh() is false).
//  - A long-lived user token with the app's id and secret: exchanged for a fresh long-lived
//    token before first use and whenever it is rejected or near expiry:
//    POST {graph}/oauth/access_token with grant_type=fb_exchange_token, client_id (app id),
//    client_secret (app secret), fb_exchange_token → {"access_token","token_type":"bearer",
//    "expires_in"}. Meta documents this call as a GET with query parameters; the form POST
//    keeps the secrets out of the URL (the Graph API takes POSTed parameters alike).
//    Each new token is handed to onRenewed, so the caller can keep it for the next run.
class MetaAccessTokenAuth final : public OAuthAuthProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetaAccessTokenAuth)

public:
    // appId/appSecret empty: a static system-user token.
    MetaAccessTokenAuth(QString accessToken, QString appId, QString appSecret, QUrl tokenEndpoint,
                        QNetworkAccessManager* network, QObject* parent = nullptr);

    void setOnRenewed(std::function<void(const QString& newToken)> onRenewed) { m_onRenewed = std::move(onRenewed); }
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_client.setTimeout(timeout); }

    bool canRefresh() const override { return m_exchanges; }
    QString authType() const override;
    QString describe() const override;

protected:
    void fetchToken(FetchCallback done) override;

private:
    OAuthTokenClient m_client;
    QString m_token; // the latest long-lived token: the one exchanged next
    QString m_appId;
    QString m_appSecret;
    bool m_exchanges = false;
    std::function<void(const QString&)> m_onRenewed;
};

} // namespace core
