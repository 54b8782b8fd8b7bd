#include "databricks/diagnostics/current_user.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "databricks/http/api_errors.h"

namespace core {

Result<CurrentUser> CurrentUser::fromScim(const QByteArray& body, const QString& what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return ApiErrors::malformed(
            what, QStringLiteral("SCIM Me is not a JSON object: %1").arg(error.errorString()));
    const QJsonObject o = doc.object();
    CurrentUser user;
    user.userName = o.value(QStringLiteral("userName")).toString();
    user.displayName = o.value(QStringLiteral("displayName")).toString();
    user.applicationId = o.value(QStringLiteral("applicationId")).toString();
    user.id = o.value(QStringLiteral("id")).toVariant().toString();
    if (user.principal().isEmpty())
        return ApiErrors::malformed(what, QStringLiteral("SCIM Me has neither userName nor applicationId"));
    return user;
}

} // namespace core
