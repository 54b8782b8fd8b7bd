#pragma once

#include "activation/sync/audience_destination.h"
#include "databricks/http/retry_policy.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace core {

class ApiClient;
class AuthProvider;
struct GoogleListState;
struct GoogleSendState;

// A Google Ads Customer Match list, kept through the Google Data Manager API
// (reference activation-experiments-sync.md §1.2):
//  - ensureAudience: GET /v1/accountTypes/GOOGLE_ADS/accounts/{customer}/userLists (every page;
//    the name is matched here, the list filter syntax being undocumented), else POST the same
//    path with {"displayName","description","membershipDuration":"46656000s" (540 days, the
//    cap),"ingestedUserListInfo":{"uploadKeyTypes":["CONTACT_ID"]}} → UserList {name, id}.
//  - addRows / removeRows: POST /v1/audienceMembers:ingest and /v1/audienceMembers:remove with
//    {"destinations":[{"operatingAccount":{"accountType":"GOOGLE_ADS","accountId"},
//    "loginAccount"?,"productDestinationId":<list id>}],"audienceMembers":[{"userData":
//    {"userIdentifiers":[{"emailAddress"},{"phoneNumber"},{"address":{"givenName","familyName",
//    "regionCode","postalCode"}}]}}],"encoding":"HEX"} — ingest adds "termsOfService":
//    {"customerMatchTermsOfServiceStatus":"ACCEPTED"} (the user accepted them for the account
//    when adding the destination) → {"requestId"}. At most 10,000 members per request.
//  - Each identifier holds exactly one of email, phone, address; an address needs given and
//    family name, region code and postal code (Country and Zip go in clear, as the rows give
//    them); a row with none of the three is not sent (canSend).
//  - A 400 whose fieldViolations name some members (audience_members[i]) rejects the whole
//    request: the batch is sent once more without them, and they are reported rejected.
//  - Adding or removing the same members again is harmless, so those requests are retried after
//    a dropped connection; creating a list is not (an unknown outcome is reported, and the next
//    sync finds the list by its name).
class GoogleDataManagerDestination final : public QObject, public AudienceDestination
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GoogleDataManagerDestination)

public:
    // auth: owned (reparented to this). customerId: 10 digits; loginCustomerId: a manager
    // account to sign in through, or empty.
    GoogleDataManagerDestination(QNetworkAccessManager* network, AuthProvider* auth, QUrl host, RetryPolicy policy,
                                 QString customerId, QString loginCustomerId, QObject* parent = nullptr);
    ~GoogleDataManagerDestination() override;

    AudiencePlatform platform() const override { return AudiencePlatform::Google; }
    int maxBatchRows() const override { return kMaxMembersPerRequest; }
    RowFilter rowFilter() const override { return &sendable; }
    QFuture<Result<QString>> ensureAudience(const QString& name) override;
    QFuture<Result<AudienceBatchResult>> addRows(const AudienceBatch& batch) override;
    QFuture<Result<AudienceBatchResult>> removeRows(const AudienceBatch& batch) override;
    void cancelAll() override;

    // The AudienceMember JSON of a row; an empty object when it has no identifier.
    static QJsonObject audienceMember(const AudienceRow& row);
    // Whether audienceMember(row) has an identifier.
    static bool sendable(const AudienceRow& row);

    static constexpr int kMaxMembersPerRequest = 10000;

private:
    enum class Operation { Ingest, Remove };
    QFuture<Result<AudienceBatchResult>> send(Operation operation, const AudienceBatch& batch);
    void sendMembers(std::shared_ptr<GoogleSendState> state);
    void listPage(std::shared_ptr<GoogleListState> state, const QString& pageToken);
    void create(std::shared_ptr<GoogleListState> state);
    QString accountPath() const;

    ApiClient* m_api;
    QString m_customerId;
    QString m_loginCustomerId;
};

} // namespace core
