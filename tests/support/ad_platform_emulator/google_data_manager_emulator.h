#pragma once

// The Google Data Manager API on loopback (reference activation-experiments-sync.md §1.2), with
// Google's OAuth token endpoint:
//   POST /token                                               grant_type=refresh_token (form)
//   GET  /v1/accountTypes/GOOGLE_ADS/accounts/{id}/userLists  {"userLists":[…],"nextPageToken"}
//   POST /v1/accountTypes/GOOGLE_ADS/accounts/{id}/userLists  create → UserList
//   POST /v1/audienceMembers:ingest                           → {"requestId"}
//   POST /v1/audienceMembers:remove                           → {"requestId"}
// Every /v1 call needs "Authorization: Bearer <token issued by /token>": otherwise 401
// UNAUTHENTICATED. Errors have Google's shape {"error":{"code","message","status","details"}}.
//
// Validation of ingest/remove, as documented (where the docs are silent, the choice is marked):
//   - 1..10 destinations; operatingAccount GOOGLE_ADS of a known customer (else 403
//     PERMISSION_DENIED); productDestinationId a list of that customer (else 404 NOT_FOUND —
//     chosen);
//   - 1..10,000 audienceMembers (else 400, field "audience_members", reason
//     TOO_MANY_AUDIENCE_MEMBERS — chosen name); encoding HEX;
//   - ingest: termsOfService.customerMatchTermsOfServiceStatus ACCEPTED (else 400, reason
//     TERMS_OF_SERVICE_NOT_ACCEPTED — chosen name);
//   - per member 1..10 userIdentifiers, each exactly one of emailAddress, phoneNumber, address;
//     emailAddress, phoneNumber, address.givenName/familyName 64 lowercase hex (else
//     INVALID_HEX_ENCODING / INVALID_SHA256_FORMAT); address.regionCode two upper-case letters and
//     postalCode present, both in clear;
//   - any violation: 400 INVALID_ARGUMENT naming each member (audience_members.audience_members[i]…)
//     and nothing is applied (the whole request is rejected).
// A member is kept as the set of its identifiers (memberKey); remove drops the member with the
// same identifiers. Consent is not checked.
//
// Faults (AdPlatformEmulator::Fault): RateLimit → 429 RESOURCE_EXHAUSTED with Retry-After;
// ExpiredToken → 401 UNAUTHENTICATED; RejectBatch → 400 INVALID_ARGUMENT without member
// violations (only ingest/remove requests); ServerError → 503 UNAVAILABLE; DropConnection.

#include "ad_platform_emulator.h"

#include <QSet>
#include <QStringList>

namespace adplatform {

class GoogleDataManagerEmulator final : public AdPlatformEmulator
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GoogleDataManagerEmulator)

public:
    explicit GoogleDataManagerEmulator(QObject* parent = nullptr);
    ~GoogleDataManagerEmulator() override;

    QUrl tokenUrl() const; // <base>/token

    void addOAuthClient(const QString& clientId, const QString& clientSecret);
    void addRefreshToken(const QString& refreshToken);
    void revokeRefreshToken(const QString& refreshToken);
    void addCustomer(const QString& customerId); // 10 digits

    // Members whose identifiers include one of these values are rejected (as INVALID_SHA256_FORMAT).
    void rejectIdentifierValues(const QSet<QString>& values) { m_rejectedValues = values; }

    QStringList userListIds(const QString& customerId) const;
    QString userListName(const QString& userListId) const;
    QSet<QString> members(const QString& userListId) const;
    int largestRequest() const { return m_largestRequest; } // most members in one ingest/remove
    int listCreations() const { return m_creations; }

    // The identity of a member from the values of a Google row (Email, Phone, First Name,
    // Last Name, Country, Zip): "email=…;phone=…;address=given|family|CC|zip", sorted.
    static QString memberKey(const QStringList& googleValues);

protected:
    HttpResponse route(const RecordedRequest& request) override;
    HttpResponse faultResponse(const Fault& fault) override;
    bool isBatchRequest(const RecordedRequest& request) const override;

private:
    HttpResponse token(const RecordedRequest& request);
    HttpResponse userLists(const RecordedRequest& request, const QString& customerId);
    HttpResponse members(const RecordedRequest& request, bool ingest);

    struct UserList
    {
        QString id;
        QString customerId;
        QString displayName;
        QString description;
        QString membershipDuration;
        QSet<QString> members;
    };
    QHash<QString, QString> m_clients; // id → secret
    QSet<QString> m_refreshTokens;
    QSet<QString> m_customers;
    QList<UserList> m_lists;
    QSet<QString> m_rejectedValues;
    int m_largestRequest = 0;
    int m_creations = 0;
};

} // namespace adplatform
