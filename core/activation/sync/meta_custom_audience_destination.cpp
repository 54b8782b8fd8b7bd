#include "activation/sync/meta_custom_audience_destination.h"

#include "activation/sync/destination_promise.h"
#include "activation/sync/meta_api_errors.h"
#include "databricks/auth/auth_provider.h"
#include "databricks/http/api_client.h"
#include "databricks/http/api_errors.h"
#include "logging/logging.h"

#include <spdlog/spdlog.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <array>

namespace core {

namespace {

auto log() { return logging::logger("core.activation"); }

Result<QJsonObject> jsonObject(const ApiResponse& response, const QString& what)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return ApiErrors::malformed(what, QStringLiteral("Meta answered with a body that is not a JSON object"));
    return doc.object();
}

// Meta's counts come as numbers or as numeric strings.
int intValue(const QJsonValue& v)
{
    return v.isString() ? v.toString().toInt() : v.toInt();
}

} // namespace

struct MetaListState
{
    SharedPromise<Result<QString>> promise;
    QString name;
    QSet<QString> seenCursors;
};

MetaCustomAudienceDestination::MetaCustomAudienceDestination(QNetworkAccessManager* network, AuthProvider* auth,
                                                             QUrl graph, RetryPolicy policy, QString adAccountId,
                                                             QObject* parent)
    : QObject(parent), m_api(new ApiClient(network, auth, std::move(graph), policy, this)),
      m_accountId(std::move(adAccountId))
{
    if (auth)
        auth->setParent(this);
    m_api->setErrorDecoder(std::make_shared<MetaApiErrors>());
}

MetaCustomAudienceDestination::~MetaCustomAudienceDestination() = default;

QStringList MetaCustomAudienceDestination::schema()
{
    QStringList keys;
    for (const QString& column : audienceColumns(AudiencePlatform::Meta))
        keys.append(column.toUpper());
    return keys;
}

bool MetaCustomAudienceDestination::sendable(const AudienceRow& row)
{
    return audienceRowCanMatch(AudiencePlatform::Meta, row.values);
}

void MetaCustomAudienceDestination::cancelAll()
{
    m_api->cancelAll();
}

QFuture<Result<QString>> MetaCustomAudienceDestination::ensureAudience(const QString& name)
{
    auto state = std::make_shared<MetaListState>();
    state->name = name;
    auto future = state->promise.future();
    listPage(state, QString());
    return future;
}

void MetaCustomAudienceDestination::listPage(std::shared_ptr<MetaListState> state, const QString& after)
{
    const QString what = QStringLiteral("list the custom audiences");
    ApiRequest request = ApiRequest::get(QStringLiteral("/act_%1/customaudiences").arg(m_accountId), what);
    request.query.addQueryItem(QStringLiteral("fields"), QStringLiteral("id,name"));
    request.query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    if (!after.isEmpty())
        request.query.addQueryItem(QStringLiteral("after"), after);
    m_api->send(request).then(this, [this, state, what](Result<ApiResponse> response) {
        if (!response)
            return state->promise.finish(response.error());
        auto object = jsonObject(response.value(), what);
        if (!object)
            return state->promise.finish(object.error());
        const QJsonArray data = object.value().value(QStringLiteral("data")).toArray();
        for (const QJsonValue& v : data) {
            const QJsonObject audience = v.toObject();
            if (audience.value(QStringLiteral("name")).toString() == state->name &&
                !audience.value(QStringLiteral("id")).toString().isEmpty()) {
                const QString id = audience.value(QStringLiteral("id")).toString();
                log()->info("Meta custom audience found: {}", id.toStdString());
                return state->promise.finish(id);
            }
        }
        const QJsonObject paging = object.value().value(QStringLiteral("paging")).toObject();
        const QString next = paging.value(QStringLiteral("cursors")).toObject().value(QStringLiteral("after")).toString();
        // Meta gives `next` only while there are more pages; the cursors come on every page.
        if (data.isEmpty() || next.isEmpty() || !paging.contains(QStringLiteral("next")))
            return create(state);
        if (state->seenCursors.contains(next))
            return state->promise.finish(ApiErrors::malformed(what, QStringLiteral("the paging cursor repeats")));
        state->seenCursors.insert(next);
        listPage(state, next);
    });
}

void MetaCustomAudienceDestination::create(std::shared_ptr<MetaListState> state)
{
    const QString what = QStringLiteral("create the custom audience");
    const QJsonObject body{
        {QStringLiteral("name"), state->name},
        {QStringLiteral("subtype"), QStringLiteral("CUSTOM")},
        {QStringLiteral("description"), QStringLiteral("Kept in step with a segment by Segment Builder")},
        {QStringLiteral("customer_file_source"), QStringLiteral("USER_PROVIDED_ONLY")},
    };
    m_api->send(ApiRequest::post(QStringLiteral("/act_%1/customaudiences").arg(m_accountId), body, what, false))
        .then(this, [state, what](Result<ApiResponse> response) {
            if (!response)
                return state->promise.finish(response.error());
            auto object = jsonObject(response.value(), what);
            if (!object)
                return state->promise.finish(object.error());
            const QJsonValue idValue = object.value().value(QStringLiteral("id"));
            const QString id = idValue.isString() ? idValue.toString() : QString::number(qint64(idValue.toDouble()));
            if (id.isEmpty() || id == QLatin1String("0"))
                return state->promise.finish(ApiErrors::malformed(what, QStringLiteral("the new audience has no id")));
            log()->info("Meta custom audience created: {}", id.toStdString());
            state->promise.finish(id);
        });
}

QFuture<Result<AudienceBatchResult>> MetaCustomAudienceDestination::addRows(const AudienceBatch& batch)
{
    return send(true, batch);
}

QFuture<Result<AudienceBatchResult>> MetaCustomAudienceDestination::removeRows(const AudienceBatch& batch)
{
    return send(false, batch);
}

QFuture<Result<AudienceBatchResult>> MetaCustomAudienceDestination::send(bool add, const AudienceBatch& batch)
{
    const QString what = add ? QStringLiteral("add people to the custom audience")
                             : QStringLiteral("remove people from the custom audience");
    if (batch.rows.size() > kMaxRowsPerRequest)
        return QtFuture::makeReadyFuture(Result<AudienceBatchResult>(Error::internal(
            QStringLiteral("a Meta batch of %1 rows (at most %2)").arg(batch.rows.size()).arg(kMaxRowsPerRequest))));
    const QStringList keys = schema();
    QJsonArray data;
    for (const AudienceRow& row : batch.rows) {
        QJsonArray values;
        for (qsizetype i = 0; i < keys.size(); ++i)
            values.append(i < row.values.size() ? row.values.at(i) : QString());
        data.append(values);
    }
    const QJsonObject body{
        {QStringLiteral("payload"),
         QJsonObject{{QStringLiteral("schema"), QJsonArray::fromStringList(keys)}, {QStringLiteral("data"), data}}},
        {QStringLiteral("session"),
         QJsonObject{{QStringLiteral("session_id"), double(batch.session.id)},
                     {QStringLiteral("batch_seq"), batch.session.batchSequence},
                     {QStringLiteral("last_batch_flag"), batch.session.lastBatch},
                     {QStringLiteral("estimated_num_total"), batch.session.estimatedTotal}}},
    };
    const QString path = QStringLiteral("/%1/users").arg(batch.audienceId);
    const ApiRequest request =
        add ? ApiRequest::post(path, body, what, true) : ApiRequest::removeWithBody(path, body, what, true);
    const QList<AudienceRow> rows = batch.rows;
    const qint64 sessionId = batch.session.id;
    return m_api->send(request).then(this, [rows, what, sessionId](Result<ApiResponse> response) -> Result<AudienceBatchResult> {
        if (!response)
            return response.error();
        auto object = jsonObject(response.value(), what);
        if (!object)
            return object.error();
        const QJsonObject o = object.value();
        AudienceBatchResult result;
        const int received = o.contains(QStringLiteral("num_received")) ? intValue(o.value(QStringLiteral("num_received")))
                                                                         : int(rows.size());
        result.rejected = std::clamp(intValue(o.value(QStringLiteral("num_invalid_entries"))), 0, int(rows.size()));
        const QJsonObject samples = o.value(QStringLiteral("invalid_entry_samples")).toObject();
        if (!samples.isEmpty()) {
            const QStringList sampled = samples.keys();
            const QSet<QString> values(sampled.cbegin(), sampled.cend());
            for (int i = 0; i < rows.size() && result.rejectedRows.size() < result.rejected; ++i) {
                for (const QString& v : rows.at(i).values) {
                    if (!v.isEmpty() && values.contains(v)) {
                        result.rejectedRows.append(i);
                        break;
                    }
                }
            }
            for (auto it = samples.constBegin(); it != samples.constEnd() && result.problems.size() < 5; ++it) {
                const QString reason = it.value().toString().left(120);
                if (!reason.isEmpty() && !result.problems.contains(reason))
                    result.problems.append(reason);
            }
        }
        if (result.rejected > 0 && result.problems.isEmpty())
            result.problems.append(QStringLiteral("%1 invalid entries").arg(result.rejected));
        result.accepted = int(rows.size()) - result.rejected;
        result.requestId = o.value(QStringLiteral("session_id")).isString()
                               ? o.value(QStringLiteral("session_id")).toString()
                               : QString::number(sessionId);
        if (received != rows.size())
            log()->warn("Meta received {} of {} rows sent", received, rows.size());
        log()->info("Meta: {}: {} rows, {} invalid (session {})", what.toStdString(), rows.size(), result.rejected,
                    result.requestId.toStdString());
        return result;
    });
}

} // namespace core
