#pragma once

#include "activation/sync/audience_destination.h"
#include "databricks/http/retry_policy.h"

#include <QObject>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace core {

class ApiClient;
class AuthProvider;
struct MetaListState;

// A Meta customer-list custom audience, kept through the Marketing API (reference
// activation-experiments-sync.md §2.2); paths are relative to the versioned Graph URL
// (https://graph.facebook.com/v21.0):
//  - ensureAudience: GET /act_{account}/customaudiences?fields=id,name (every page, by the
//    cursors' `after`), else POST /act_{account}/customaudiences {"name","subtype":"CUSTOM",
//    "description","customer_file_source":"USER_PROVIDED_ONLY"} → {"id"}.
//  - addRows / removeRows: POST / DELETE /{audience}/users with {"payload":{"schema":[EMAIL,
//    PHONE,FN,LN,CT,ST,ZIP,COUNTRY,DOBY],"data":[[…],…]},"session":{"session_id",
//    "batch_seq","last_batch_flag","estimated_num_total"}} as a JSON body (the Graph API takes
//    JSON bodies as it takes form fields) → {"audience_id","session_id","num_received",
//    "num_invalid_entries","invalid_entry_samples"}. At most 10,000 rows per request; every
//    value SHA-256 hex, an unknown one "" (the schema is the same for every row).
//  - Invalid entries: Meta counts them and gives samples. The documentation shows the samples
//    only as an (empty) object; this client reads it as {"<value as sent>": "<reason>"} and
//    reports the rows holding a sampled value as rejected. Rows it cannot name count as sent.
//  - Adding or removing the same rows again is harmless (a retried batch repeats its
//    batch_seq), so those requests are retried after a dropped connection; creating an audience
//    is not (the next sync finds it by its name).
class MetaCustomAudienceDestination final : public QObject, public AudienceDestination
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetaCustomAudienceDestination)

public:
    // auth: owned (reparented to this). graph: the versioned Graph API URL. adAccountId: digits.
    MetaCustomAudienceDestination(QNetworkAccessManager* network, AuthProvider* auth, QUrl graph, RetryPolicy policy,
                                  QString adAccountId, QObject* parent = nullptr);
    ~MetaCustomAudienceDestination() override;

    AudiencePlatform platform() const override { return AudiencePlatform::Meta; }
    int maxBatchRows() const override { return kMaxRowsPerRequest; }
    RowFilter rowFilter() const override { return &sendable; }
    QFuture<Result<QString>> ensureAudience(const QString& name) override;
    QFuture<Result<AudienceBatchResult>> addRows(const AudienceBatch& batch) override;
    QFuture<Result<AudienceBatchResult>> removeRows(const AudienceBatch& batch) override;
    void cancelAll() override;

    // Meta's key names for audienceColumns(Meta), in the same order.
    static QStringList schema();
    // An e-mail, a phone, or first and last name.
    static bool sendable(const AudienceRow& row);

    static constexpr int kMaxRowsPerRequest = 10000;

private:
    QFuture<Result<AudienceBatchResult>> send(bool add, const AudienceBatch& batch);
    void listPage(std::shared_ptr<MetaListState> state, const QString& after);
    void create(std::shared_ptr<MetaListState> state);

    ApiClient* m_api;
    QString m_accountId;
};

} // namespace core
