#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include "common/result.h"

namespace core {

// A Lakebase password: an OAuth token Databricks issued for PostgreSQL logins, valid about an
// hour and checked only when a connection logs in (reference §8). The token is a secret: it is
// never logged, never put into an Error, and describe() leaves it out.
struct DatabaseCredential
{
    QString token;
    QDateTime expiresAt; // UTC

    // "Lakebase credential valid until 2025-06-01T12:00:00Z" — without the token.
    QString describe() const;

    // A credential answer: {"token", "expiration_time"} (Provisioned) or {"token", "expire_time"}
    // (Autoscaling). A missing or empty token, or a missing or unparsable expiry, is a Parse
    // error, never a credential without a password or without an end.
    static Result<DatabaseCredential> fromJson(const QJsonObject& object, const QString& what);

    // RFC 3339 as Google's Timestamp JSON writes it ("2025-06-01T12:00:00Z", up to nine
    // fraction digits, "Z" or an offset; none is taken as UTC), as UTC. Invalid when unparsable.
    static QDateTime parseTimestamp(const QString& text);
};

} // namespace core
