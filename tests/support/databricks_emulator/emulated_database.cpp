#include "emulated_database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

namespace emulator {

namespace {

HttpResponse invalid(const QString& message)
{
    return apiError(400, QStringLiteral("INVALID_PARAMETER_VALUE"), message);
}

// The documented error body with its details (reference §1.7).
HttpResponse detailedError(int status, const QString& code, const QString& message)
{
    const QJsonArray details{
        QJsonObject{{QStringLiteral("@type"), QStringLiteral("type.googleapis.com/google.rpc.ErrorInfo")},
                    {QStringLiteral("reason"), code},
                    {QStringLiteral("domain"), QStringLiteral("database.databricks.com")},
                    {QStringLiteral("metadata"), QJsonObject{}}},
        QJsonObject{{QStringLiteral("@type"), QStringLiteral("type.googleapis.com/google.rpc.RequestInfo")},
                    {QStringLiteral("request_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                    {QStringLiteral("serving_data"), QString()}}};
    return jsonResponse(status, QJsonObject{{QStringLiteral("error_code"), code},
                                            {QStringLiteral("message"), message},
                                            {QStringLiteral("details"), details}});
}

HttpResponse notFound(const QString& what, const QString& name)
{
    return detailedError(404, QStringLiteral("RESOURCE_DOES_NOT_EXIST"),
                         QStringLiteral("%1 '%2' does not exist.").arg(what, name));
}

// 403s here must not mention tokens or credentials: clients take such a 403 for a rejected
// workspace sign-in (reference §1.7), which it is not.
HttpResponse denied(const QString& principal, const QString& instance)
{
    return detailedError(403, QStringLiteral("PERMISSION_DENIED"),
                         QStringLiteral("User '%1' does not have permission to use database instance '%2'.")
                             .arg(principal, instance));
}

HttpResponse revoked(const QString& principal, const QString& what)
{
    return detailedError(403, QStringLiteral("PERMISSION_DENIED"),
                         QStringLiteral("Access of '%1' to %2 has been revoked.").arg(principal, what));
}

// A JWT-looking random string (Lakebase passwords are OAuth tokens).
QString randomToken()
{
    QByteArray raw(48, Qt::Uninitialized);
    for (qsizetype i = 0; i < raw.size(); ++i)
        raw[i] = char(QRandomGenerator::global()->bounded(256));
    const auto b64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    return QStringLiteral("eyJhbGciOiJSUzI1NiIsImtpZCI6Imxha2ViYXNlIn0.") +
           QString::fromLatin1(raw.left(32).toBase64(b64)) + QLatin1Char('.') +
           QString::fromLatin1(raw.mid(32).toBase64(b64));
}

QString isoUtc(const QDateTime& dt)
{
    return dt.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

void EmulatedDatabase::addInstance(Instance instance)
{
    if (instance.uid.isEmpty())
        instance.uid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString name = instance.name;
    m_instances.insert(name, std::move(instance));
}

void EmulatedDatabase::setAllowed(const QString& instance, const QString& principal, bool allowed)
{
    auto it = m_instances.find(instance);
    if (it == m_instances.end())
        return;
    if (allowed)
        it->deniedPrincipals.remove(principal);
    else
        it->deniedPrincipals.insert(principal);
}

void EmulatedDatabase::addEndpoint(const QString& endpoint, const QString& host)
{
    m_endpoints.insert(endpoint, host);
}

HttpResponse EmulatedDatabase::instance(const QString& principal, const QString& name) const
{
    const auto it = m_instances.constFind(name);
    if (it == m_instances.cend())
        return notFound(QStringLiteral("Database instance"), name);
    if (it->deniedPrincipals.contains(principal))
        return denied(principal, name);
    const bool stopped = it->state == QLatin1String("STOPPED");
    QJsonObject o{{QStringLiteral("name"), it->name},
                  {QStringLiteral("uid"), it->uid},
                  {QStringLiteral("state"), it->state},
                  {QStringLiteral("capacity"), it->capacity},
                  {QStringLiteral("pg_version"), it->pgVersion},
                  {QStringLiteral("creator"), QStringLiteral("admin@example.com")},
                  {QStringLiteral("creation_time"), QStringLiteral("2025-05-01T09:30:00Z")},
                  {QStringLiteral("stopped"), stopped},
                  {QStringLiteral("effective_stopped"), stopped},
                  {QStringLiteral("node_count"), 1},
                  {QStringLiteral("effective_node_count"), 1},
                  {QStringLiteral("retention_window_in_days"), 7},
                  {QStringLiteral("effective_retention_window_in_days"), 7}};
    if (!it->readWriteDns.isEmpty() && !stopped)
        o.insert(QStringLiteral("read_write_dns"), it->readWriteDns);
    return jsonResponse(200, o);
}

HttpResponse EmulatedDatabase::credentials(const QString& principal, const QByteArray& body)
{
    HttpResponse error;
    const auto json = jsonBody(body, &error);
    if (!json)
        return error;
    const QJsonValue requestId = json->value(QStringLiteral("request_id"));
    if (!requestId.isString() || requestId.toString().trimmed().isEmpty())
        return invalid(QStringLiteral("Field 'request_id' is required."));
    const QJsonValue names = json->value(QStringLiteral("instance_names"));
    if (!names.isArray() || names.toArray().isEmpty())
        return invalid(QStringLiteral("Field 'instance_names' must name at least one database instance."));
    QStringList instances;
    for (const QJsonValue& v : names.toArray()) {
        if (!v.isString() || v.toString().isEmpty())
            return invalid(
                QStringLiteral("Every entry of 'instance_names' must be a database instance name."));
        instances.append(v.toString());
    }
    for (const QString& name : instances) {
        const auto it = m_instances.constFind(name);
        if (it == m_instances.cend())
            return notFound(QStringLiteral("Database instance"), name);
        if (m_revoked)
            return revoked(principal, QStringLiteral("database instance '%1'").arg(name));
        if (it->deniedPrincipals.contains(principal))
            return denied(principal, name);
    }
    if (const auto seen = m_byRequestId.constFind(requestId.toString()); seen != m_byRequestId.cend()) {
        const Credential& c = m_issued.at(*seen);
        return jsonResponse(200, QJsonObject{{QStringLiteral("token"), c.token},
                                             {QStringLiteral("expiration_time"), isoUtc(c.expiresAt)}});
    }
    Credential c;
    c.principal = principal;
    c.instances = instances;
    c.requestId = requestId.toString();
    c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(m_lifetimeSeconds);
    return issue(std::move(c), "expiration_time");
}

HttpResponse EmulatedDatabase::endpointCredentials(const QString& principal, const QByteArray& body)
{
    HttpResponse error;
    const auto json = jsonBody(body, &error);
    if (!json)
        return error;
    const QString endpoint = json->value(QStringLiteral("endpoint")).toString();
    if (endpoint.isEmpty())
        return invalid(QStringLiteral("Field 'endpoint' is required."));
    int ttl = 3600;
    if (json->contains(QStringLiteral("ttl"))) {
        static const QRegularExpression duration(QStringLiteral("^([0-9]+)s$"));
        const auto m = duration.match(json->value(QStringLiteral("ttl")).toString());
        if (!m.hasMatch())
            return invalid(QStringLiteral("Field 'ttl' must be a duration such as \"3600s\"."));
        ttl = m.captured(1).toInt();
        if (ttl < 300 || ttl > 3600)
            return invalid(QStringLiteral("Field 'ttl' must be between 5 minutes and 1 hour."));
    }
    if (!m_endpoints.contains(endpoint))
        return notFound(QStringLiteral("Endpoint"), endpoint);
    if (m_revoked)
        return revoked(principal, QStringLiteral("endpoint '%1'").arg(endpoint));
    Credential c;
    c.principal = principal;
    c.endpoint = endpoint;
    c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(std::min(ttl, m_lifetimeSeconds));
    return issue(std::move(c), "expire_time");
}

HttpResponse EmulatedDatabase::issue(Credential credential, const char* expiryField)
{
    credential.token = randomToken();
    credential.issuedAt = QDateTime::currentDateTimeUtc();
    const QJsonObject answer{{QStringLiteral("token"), credential.token},
                             {QLatin1String(expiryField), isoUtc(credential.expiresAt)}};
    if (!credential.requestId.isEmpty())
        m_byRequestId.insert(credential.requestId, int(m_issued.size()));
    m_issued.append(std::move(credential));
    return jsonResponse(200, answer);
}

} // namespace emulator
