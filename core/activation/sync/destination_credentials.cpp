#include "activation/sync/destination_credentials.h"

#include "databricks/auth/secret_store.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace core {

Status DestinationCredentials::check(AudiencePlatform platform) const
{
    QStringList missing;
    if (platform == AudiencePlatform::Google) {
        if (clientId.isEmpty())
            missing << QStringLiteral("the OAuth client id");
        if (clientSecret.isEmpty())
            missing << QStringLiteral("the OAuth client secret");
        if (refreshToken.isEmpty())
            missing << QStringLiteral("the refresh token");
    } else {
        if (accessToken.isEmpty())
            missing << QStringLiteral("the access token");
        if (appId.isEmpty() != appSecret.isEmpty())
            missing << (appId.isEmpty() ? QStringLiteral("the app id (with the app secret)")
                                        : QStringLiteral("the app secret (with the app id)"));
    }
    if (missing.isEmpty())
        return success();
    Error e = Error::validation(QStringLiteral("missing_credentials"),
                                QStringLiteral("The %1 destination needs %2.")
                                    .arg(audiencePlatformName(platform), missing.join(QStringLiteral(", "))));
    e.remediation = QStringLiteral("Set %1 (or pass the token on standard input).")
                        .arg(environmentVariables(platform).join(QStringLiteral(", ")));
    return e;
}

QString DestinationCredentials::toJson() const
{
    QJsonObject o;
    const auto put = [&o](const char* key, const QString& value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    put("client_id", clientId);
    put("client_secret", clientSecret);
    put("refresh_token", refreshToken);
    put("access_token", accessToken);
    put("app_id", appId);
    put("app_secret", appSecret);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<DestinationCredentials> DestinationCredentials::fromJson(const QString& json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isObject())
        return Error::parse(QStringLiteral("The stored destination credentials could not be read."),
                            QStringLiteral("the keychain entry is not a JSON object"));
    const QJsonObject o = doc.object();
    DestinationCredentials c;
    c.clientId = o.value(QStringLiteral("client_id")).toString();
    c.clientSecret = o.value(QStringLiteral("client_secret")).toString();
    c.refreshToken = o.value(QStringLiteral("refresh_token")).toString();
    c.accessToken = o.value(QStringLiteral("access_token")).toString();
    c.appId = o.value(QStringLiteral("app_id")).toString();
    c.appSecret = o.value(QStringLiteral("app_secret")).toString();
    return c;
}

QStringList DestinationCredentials::environmentVariables(AudiencePlatform platform)
{
    if (platform == AudiencePlatform::Google)
        return {QStringLiteral("SEGCTL_GOOGLE_CLIENT_ID"), QStringLiteral("SEGCTL_GOOGLE_CLIENT_SECRET"),
                QStringLiteral("SEGCTL_GOOGLE_REFRESH_TOKEN")};
    return {QStringLiteral("SEGCTL_META_ACCESS_TOKEN"), QStringLiteral("SEGCTL_META_APP_ID"),
            QStringLiteral("SEGCTL_META_APP_SECRET")};
}

DestinationCredentials DestinationCredentials::fromEnvironment(AudiencePlatform platform,
                                                               const QProcessEnvironment& environment)
{
    DestinationCredentials c;
    const auto get = [&environment](const char* name) { return environment.value(QLatin1String(name)).trimmed(); };
    if (platform == AudiencePlatform::Google) {
        c.clientId = get("SEGCTL_GOOGLE_CLIENT_ID");
        c.clientSecret = get("SEGCTL_GOOGLE_CLIENT_SECRET");
        c.refreshToken = get("SEGCTL_GOOGLE_REFRESH_TOKEN");
    } else {
        c.accessToken = get("SEGCTL_META_ACCESS_TOKEN");
        c.appId = get("SEGCTL_META_APP_ID");
        c.appSecret = get("SEGCTL_META_APP_SECRET");
    }
    return c;
}

QString DestinationCredentialStore::keyFor(const QString& destinationName)
{
    return QStringLiteral("ad-destination/") + destinationName.toLower();
}

QFuture<Result<DestinationCredentials>> DestinationCredentialStore::read(const QString& destinationName)
{
    return m_secrets.readSecret(keyFor(destinationName)).then([](Result<QString> secret) -> Result<DestinationCredentials> {
        if (!secret) {
            Error e = secret.error();
            if (e.kind == ErrorKind::NotFound) {
                e.userMessage = QStringLiteral("The destination's credentials are not in the keychain.");
                e.remediation = QStringLiteral("Remove the destination and add it again with its credentials.");
            }
            return e;
        }
        return DestinationCredentials::fromJson(secret.value());
    });
}

QFuture<Status> DestinationCredentialStore::write(const QString& destinationName, const DestinationCredentials& credentials)
{
    return m_secrets.writeSecret(keyFor(destinationName), credentials.toJson());
}

QFuture<Status> DestinationCredentialStore::remove(const QString& destinationName)
{
    return m_secrets.deleteSecret(keyFor(destinationName));
}

} // namespace core
