#pragma once

#include <QByteArray>
#include <QString>

#include "common/result.h"

namespace core {

// Who the credentials belong to, from GET /api/2.0/preview/scim/v2/Me.
struct CurrentUser
{
    QString userName; // "alice@example.com"; for a service principal its application id
    QString displayName;
    QString applicationId; // set for service principals
    QString id;            // numeric SCIM id

    // The name Unity Catalog GRANTs use: a service principal's application id, a user's
    // user name (reference §5).
    QString principal() const { return applicationId.isEmpty() ? userName : applicationId; }
    bool isServicePrincipal() const
    {
        return !applicationId.isEmpty() || !userName.contains(QLatin1Char('@'));
    }

    // Parses a SCIM Me body; one without userName or applicationId is a Parse error.
    static Result<CurrentUser> fromScim(const QByteArray& body, const QString& what);
};

} // namespace core
