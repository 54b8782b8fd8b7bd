#pragma once

// Meta's Marketing API (Graph API) for customer-list custom audiences on loopback (reference
// activation-experiments-sync.md §2.2). Paths carry the Graph version (graphUrl(): /v21.0):
//   POST /v21.0/oauth/access_token                 grant_type=fb_exchange_token (form or query)
//   GET  /v21.0/act_{id}/customaudiences           {"data":[{"id","name"}],"paging":{"cursors","next"}}
//   POST /v21.0/act_{id}/customaudiences           {"name","subtype","customer_file_source",…} → {"id"}
//   POST /v21.0/{audience}/users                   add: {"payload":{schema,data},"session":{…}}
//   DELETE /v21.0/{audience}/users                 remove, same body
//   → {"audience_id","session_id","num_received","num_invalid_entries","invalid_entry_samples"}
// Every call but the token exchange needs an access token ("Authorization: Bearer|OAuth <t>", or
// access_token=): one given with acceptAccessToken() or issued by the exchange, not expired;
// otherwise HTTP 400 {"error":{"type":"OAuthException","code":190,"error_subcode":463,…}} (Meta
// answers most errors with 400; the code tells them apart).
//
// Validation of /users (documented; the emulator's choices marked):
//   - payload.schema a non-empty list of known keys (EMAIL, PHONE, FN, LN, CT, ST, ZIP, COUNTRY,
//     DOBY, DOBM, DOBD, GEN, FI, MADID, EXTERN_ID), payload.data a list of lists of the schema's
//     length ("Data is missing or does not match schema", code 100 — the whole request fails);
//   - 1..10,000 rows per request (code 100);
//   - session: session_id a positive integer, batch_seq starting at 1 and growing by one (a
//     repeat of the last one is taken as a retry), last_batch_flag closes the session (later
//     batches fail, code 100), estimated_num_total a number; one operation per session;
//   - a value is "" (unknown) or 64 lowercase hex (MADID and EXTERN_ID in clear); a row with a
//     bad value, or with every value empty, or holding a value of markInvalidValues(), is an
//     invalid entry: counted, sampled in invalid_entry_samples as {"<value>": "<reason>"}
//     (the shape is the emulator's choice), and not applied; the valid rows are.
// A member is its row as key=value pairs (memberKey); DELETE removes the same row.
// The token exchange is lenient: Meta refuses an expired token; the emulator exchanges any token
// it knows (the app exchanges before first use, so this does not hide a fault of the app).
//
// Faults: RateLimit → 400 code 80003 (custom audience throttling) with X-Business-Use-Case-Usage;
// ExpiredToken → 400 code 190/463; RejectBatch → 400 code 100 on /users only; ServerError → 503
// code 2 (is_transient); DropConnection.

#include "ad_platform_emulator.h"

#include <QSet>
#include <QStringList>

namespace adplatform {

class MetaMarketingEmulator final : public AdPlatformEmulator
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetaMarketingEmulator)

public:
    explicit MetaMarketingEmulator(QObject* parent = nullptr);
    ~MetaMarketingEmulator() override;

    QUrl graphUrl() const; // <base>/v21.0
    QUrl tokenUrl() const; // <graph>/oauth/access_token

    void addApp(const QString& appId, const QString& appSecret);
    void addAdAccount(const QString& accountId); // digits, without act_
    // Values counted as invalid entries wherever they appear.
    void markInvalidValues(const QSet<QString>& values) { m_invalidValues = values; }

    QStringList audienceIds(const QString& accountId) const;
    QString audienceName(const QString& audienceId) const;
    QSet<QString> members(const QString& audienceId) const;
    int largestRequest() const { return m_largestRequest; }
    int audienceCreations() const { return m_creations; }
    int tokenExchanges() const { return m_exchanges; }

    struct Session
    {
        qint64 id = 0;
        QString operation;      // "add" / "remove"
        QList<int> batchSequences;
        QList<int> batchRows;
        QList<int> estimatedTotals;
        bool closed = false;
    };
    QList<Session> sessions() const { return m_sessions; }

    static QStringList standardSchema(); // EMAIL, PHONE, FN, LN, CT, ST, ZIP, COUNTRY, DOBY
    // A member from a row of the standard schema: "COUNTRY=…;EMAIL=…", empty values left out, sorted.
    static QString memberKey(const QStringList& values);
    static QString memberKey(const QStringList& schema, const QStringList& values);

protected:
    HttpResponse route(const RecordedRequest& request) override;
    HttpResponse faultResponse(const Fault& fault) override;
    bool isBatchRequest(const RecordedRequest& request) const override;

private:
    HttpResponse exchange(const RecordedRequest& request);
    HttpResponse customAudiences(const RecordedRequest& request, const QString& accountId);
    HttpResponse users(const RecordedRequest& request, const QString& audienceId);

    struct Audience
    {
        QString id;
        QString accountId;
        QString name;
        QSet<QString> members;
    };
    QHash<QString, QString> m_apps; // id → secret
    QSet<QString> m_accounts;
    QList<Audience> m_audiences;
    QList<Session> m_sessions;
    QSet<QString> m_invalidValues;
    int m_largestRequest = 0;
    int m_creations = 0;
    int m_exchanges = 0;
};

} // namespace adplatform
