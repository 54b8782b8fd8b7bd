#pragma once

#include <QDateTime>
#include <QString>

namespace core {

// An access token from /oidc/v1/token. accessToken and refreshToken are secrets.
struct OAuthToken
{
    QString accessToken;
    QString tokenType = QStringLiteral("Bearer");
    QString refreshToken; // empty unless the grant issued one (U2M with offline_access)
    QDateTime issuedAt;   // UTC, by the client's clock
    QDateTime expiry;     // UTC: issuedAt + expires_in

    qint64 lifetimeSeconds() const { return issuedAt.secsTo(expiry); }
    QString authorizationHeader() const { return tokenType + QLatin1Char(' ') + accessToken; }
};

} // namespace core
