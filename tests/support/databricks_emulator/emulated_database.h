#pragma once

// Lakebase (managed PostgreSQL) in the emulated workspace (reference §8):
//   GET  /api/2.0/database/instances/{name}   an instance: name, uid, state, read_write_dns, pg_version, ...
//   POST /api/2.0/database/credentials        {"instance_names":[...],"request_id":"<uuid>"}
//                                             → {"token","expiration_time"}        (Provisioned)
//   POST /api/2.0/postgres/credentials        {"endpoint":"projects/…/endpoints/…","ttl":"3600s"}
//                                             → {"token","expire_time"}            (Autoscaling)
// Unknown instances and endpoints answer 404 RESOURCE_DOES_NOT_EXIST with the documented error
// body (ErrorInfo + RequestInfo details); a principal denied an instance, and every credential
// call once credentials are revoked, 403 PERMISSION_DENIED. A credential request without a
// request_id, or without known instance_names, answers 400 INVALID_PARAMETER_VALUE. Tokens are
// random, distinct, and never logged; each issued one is recorded for assertions. A request_id
// seen before is answered with the credential it got then (the emulator's reading of an
// idempotency key), so a client that does not send a fresh request_id never gets a new token.

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include "emulator_http.h"

namespace emulator {

class EmulatedDatabase
{
public:
    struct Instance
    {
        QString name;
        QString readWriteDns;
        QString state = QStringLiteral("AVAILABLE");
        QString pgVersion = QStringLiteral("PG_VERSION_16");
        QString capacity = QStringLiteral("CU_1");
        QString uid;
        QSet<QString> deniedPrincipals;
    };
    struct Credential
    {
        QString token;
        QString principal;
        QStringList instances; // Provisioned
        QString endpoint;      // Autoscaling
        QString requestId;
        QDateTime issuedAt;
        QDateTime expiresAt;
    };

    void addInstance(Instance instance);
    void setAllowed(const QString& instance, const QString& principal, bool allowed);
    void addEndpoint(const QString& endpoint, const QString& host);
    void setCredentialLifetimeSeconds(int seconds) { m_lifetimeSeconds = seconds; }
    void setRevoked(bool revoked) { m_revoked = revoked; }
    const QList<Credential>& issued() const { return m_issued; }

    HttpResponse instance(const QString& principal, const QString& name) const;
    HttpResponse credentials(const QString& principal, const QByteArray& body);
    HttpResponse endpointCredentials(const QString& principal, const QByteArray& body);

private:
    QHash<QString, Instance> m_instances;
    QHash<QString, QString> m_endpoints; // endpoint path → host
    QHash<QString, int> m_byRequestId;   // request_id → index in m_issued
    QList<Credential> m_issued;
    int m_lifetimeSeconds = 3600;
    bool m_revoked = false;

    HttpResponse issue(Credential credential, const char* expiryField);
};

} // namespace emulator
