#include "databricks/database/database_client.h"

#include <spdlog/spdlog.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUuid>

#include "databricks/http/api_client.h"
#include "databricks/http/api_errors.h"
#include "logging/logging.h"

namespace core {

namespace {

auto log()
{
    return logging::logger("core.lakebase");
}

Result<QJsonObject> jsonObject(const ApiResponse& response, const QString& what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return ApiErrors::malformed(what, QStringLiteral("not a JSON object: %1").arg(error.errorString()));
    return doc.object();
}

Error noApiClient(const QString& what)
{
    Error e = Error::internal(
        QStringLiteral("DatabaseClient used after its ApiClient was destroyed (%1)").arg(what));
    e.kind = ErrorKind::Cancelled;
    return e;
}

QString quotedList(const QStringList& names)
{
    QStringList quoted;
    for (const QString& n : names)
        quoted.append(QStringLiteral("“%1”").arg(n));
    return quoted.join(QStringLiteral(", "));
}

// Messages that name the instance (or endpoint) instead of ApiErrors' warehouse-centred ones.
Error explained(Error e, const QString& subject)
{
    if (e.kind == ErrorKind::NotFound) {
        e.userMessage =
            QStringLiteral("The Lakebase database %1 does not exist in this workspace.").arg(subject);
        e.remediation = QStringLiteral("Check the database instance name (Compute → Database instances in "
                                       "Databricks) and the workspace URL.");
    } else if (e.kind == ErrorKind::Permission) {
        e.userMessage = QStringLiteral("You are not allowed to use the Lakebase database %1.").arg(subject);
        e.remediation = QStringLiteral(
            "Ask the owner of the database instance or a workspace admin for the CAN USE permission on it.");
    }
    return e;
}

Result<DatabaseCredential> credentialFrom(const Result<ApiResponse>& response, const QString& what,
                                          const QString& subject)
{
    if (!response)
        return explained(response.error(), subject);
    auto object = jsonObject(response.value(), what);
    if (!object)
        return object.error();
    auto credential = DatabaseCredential::fromJson(object.value(), what);
    if (credential)
        log()->info("Lakebase credential issued for {}, valid until {}", subject.toStdString(),
                    credential.value().expiresAt.toString(Qt::ISODate).toStdString());
    return credential;
}

} // namespace

DatabaseClient::DatabaseClient(ApiClient* api, QObject* parent) : QObject(parent), m_api(api) {}

DatabaseClient::~DatabaseClient() = default;

QFuture<Result<DatabaseInstance>> DatabaseClient::instance(const QString& name)
{
    const QString what = QStringLiteral("read the Lakebase database instance %1").arg(name);
    if (!m_api)
        return QtFuture::makeReadyFuture(Result<DatabaseInstance>(noApiClient(what)));
    if (name.trimmed().isEmpty())
        return QtFuture::makeReadyFuture(Result<DatabaseInstance>(
            Error::validation(QStringLiteral("database_instance_missing"),
                              QStringLiteral("No Lakebase database instance name was given."))));
    const QString path =
        QStringLiteral("/api/2.0/database/instances/") + QString::fromLatin1(QUrl::toPercentEncoding(name));
    const QString subject = QStringLiteral("instance “%1”").arg(name);
    return m_api->send(ApiRequest::get(path, what))
        .then(this, [what, subject](Result<ApiResponse> response) -> Result<DatabaseInstance> {
            if (!response)
                return explained(response.error(), subject);
            auto object = jsonObject(response.value(), what);
            if (!object)
                return object.error();
            return DatabaseInstance::fromJson(object.value(), what);
        });
}

QFuture<Result<DatabaseCredential>> DatabaseClient::generateCredential(const QStringList& instanceNames)
{
    const QString names = instanceNames.join(QStringLiteral(", "));
    const QString what = QStringLiteral("get a password for the Lakebase database instance %1").arg(names);
    if (!m_api)
        return QtFuture::makeReadyFuture(Result<DatabaseCredential>(noApiClient(what)));
    QStringList cleaned;
    for (const QString& n : instanceNames)
        if (!n.trimmed().isEmpty())
            cleaned.append(n.trimmed());
    if (cleaned.isEmpty())
        return QtFuture::makeReadyFuture(Result<DatabaseCredential>(
            Error::validation(QStringLiteral("database_instance_missing"),
                              QStringLiteral("No Lakebase database instance name was given."))));
    const QJsonObject body{
        {QStringLiteral("instance_names"), QJsonArray::fromStringList(cleaned)},
        {QStringLiteral("request_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)}};
    // A new password has no side effect: repeating the call (same request_id) is harmless.
    const QString subject = QStringLiteral("instance %1").arg(quotedList(cleaned));
    return m_api->send(ApiRequest::post(QStringLiteral("/api/2.0/database/credentials"), body, what, true))
        .then(this, [what, subject](Result<ApiResponse> response) {
            return credentialFrom(response, what, subject);
        });
}

QFuture<Result<DatabaseCredential>> DatabaseClient::generateEndpointCredential(const QString& endpoint,
                                                                               std::chrono::seconds ttl)
{
    const QString what = QStringLiteral("get a password for the Lakebase endpoint %1").arg(endpoint);
    if (!m_api)
        return QtFuture::makeReadyFuture(Result<DatabaseCredential>(noApiClient(what)));
    if (endpoint.trimmed().isEmpty())
        return QtFuture::makeReadyFuture(Result<DatabaseCredential>(Error::validation(
            QStringLiteral("database_endpoint_missing"), QStringLiteral("No Lakebase endpoint was given."))));
    if (ttl < std::chrono::minutes(5) || ttl > std::chrono::hours(1))
        return QtFuture::makeReadyFuture(Result<DatabaseCredential>(Error::validation(
            QStringLiteral("ttl_invalid"),
            QStringLiteral("A Lakebase password must be valid for 5 to 60 minutes, not %1 s.")
                .arg(ttl.count()))));
    const QJsonObject body{{QStringLiteral("endpoint"), endpoint.trimmed()},
                           {QStringLiteral("ttl"), QStringLiteral("%1s").arg(ttl.count())}};
    const QString subject = QStringLiteral("endpoint “%1”").arg(endpoint.trimmed());
    return m_api->send(ApiRequest::post(QStringLiteral("/api/2.0/postgres/credentials"), body, what, true))
        .then(this, [what, subject](Result<ApiResponse> response) {
            return credentialFrom(response, what, subject);
        });
}

} // namespace core
