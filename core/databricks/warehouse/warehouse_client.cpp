#include "databricks/warehouse/warehouse_client.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPromise>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include "databricks/http/api_client.h"
#include "databricks/http/api_errors.h"
#include "logging/logging.h"

namespace core {

namespace {

auto log()
{
    return logging::logger("core.warehouse");
}

QString warehousePath(const QString& id)
{
    return QStringLiteral("/api/2.0/sql/warehouses/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
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
        QStringLiteral("WarehouseClient used after its ApiClient was destroyed (%1)").arg(what));
    e.kind = ErrorKind::Cancelled;
    return e;
}

// A promise that finishes exactly once: with the value, an Error, or Cancelled when the work
// is dropped (its client destroyed) before it finished.
template <typename T> struct OnceFinished
{
    QPromise<Result<T>> promise;
    bool done = false;
    QString what;

    OnceFinished() { promise.start(); }
    ~OnceFinished()
    {
        if (!done)
            finish(Error{ErrorKind::Cancelled,
                         0,
                         QStringLiteral("cancelled"),
                         QStringLiteral("Cancelled: %1.").arg(what),
                         {},
                         {}});
    }
    void finish(Result<T> result)
    {
        if (done)
            return;
        done = true;
        promise.addResult(std::move(result));
        promise.finish();
    }
};

} // namespace

struct WarehouseClient::ListState : OnceFinished<QList<WarehouseInfo>>
{
    QList<WarehouseInfo> warehouses;
    QSet<QString> seenTokens;
};

struct WarehouseClient::StartState : OnceFinished<WarehouseInfo>
{
    QString id;
    QElapsedTimer clock;
    std::chrono::milliseconds nextDelay{0};
    int polls = 0;
    int stoppedPolls = 0;
    bool sawStarting = false;
};

WarehouseClient::WarehouseClient(ApiClient* api, QObject* parent) : QObject(parent), m_api(api) {}

WarehouseClient::~WarehouseClient() = default;

void WarehouseClient::setStartPolling(std::chrono::milliseconds first, std::chrono::milliseconds max,
                                      std::chrono::milliseconds timeout)
{
    m_firstPoll = first;
    m_maxPoll = std::max(first, max);
    m_startTimeout = timeout;
}

QFuture<Result<QList<WarehouseInfo>>> WarehouseClient::list()
{
    auto state = std::make_shared<ListState>();
    state->what = QStringLiteral("list the SQL warehouses");
    auto future = state->promise.future();
    fetchPage(state, QString());
    return future;
}

void WarehouseClient::fetchPage(std::shared_ptr<ListState> state, const QString& pageToken)
{
    if (!m_api)
        return state->finish(noApiClient(state->what));
    ApiRequest request = ApiRequest::get(QStringLiteral("/api/2.0/sql/warehouses"), state->what);
    if (m_pageSize > 0)
        request.query.addQueryItem(QStringLiteral("page_size"), QString::number(m_pageSize));
    if (!pageToken.isEmpty())
        request.query.addQueryItem(QStringLiteral("page_token"), pageToken);
    m_api->send(request).then(this, [this, state](Result<ApiResponse> response) {
        if (!response)
            return state->finish(response.error());
        auto object = jsonObject(response.value(), state->what);
        if (!object)
            return state->finish(object.error());
        for (const auto& value : object.value().value(QStringLiteral("warehouses")).toArray()) {
            auto info = WarehouseInfo::fromJson(value.toObject(), state->what);
            if (!info)
                return state->finish(info.error());
            state->warehouses.append(info.value());
        }
        const QString next = object.value().value(QStringLiteral("next_page_token")).toString();
        if (next.isEmpty())
            return state->finish(state->warehouses);
        if (state->seenTokens.contains(next)) // a server repeating itself must not loop us forever
            return state->finish(
                ApiErrors::malformed(state->what, QStringLiteral("next_page_token repeats: %1").arg(next)));
        state->seenTokens.insert(next);
        fetchPage(state, next);
    });
}

QFuture<Result<WarehouseInfo>> WarehouseClient::get(const QString& id)
{
    const QString what = QStringLiteral("read the SQL warehouse %1").arg(id);
    if (!m_api)
        return QtFuture::makeReadyFuture(Result<WarehouseInfo>(noApiClient(what)));
    if (id.isEmpty())
        return QtFuture::makeReadyFuture(Result<WarehouseInfo>(Error::validation(
            QStringLiteral("warehouse_missing"), QStringLiteral("No SQL warehouse id was given."))));
    return m_api->send(ApiRequest::get(warehousePath(id), what))
        .then(this, [what](Result<ApiResponse> response) -> Result<WarehouseInfo> {
            if (!response)
                return response.error();
            auto object = jsonObject(response.value(), what);
            if (!object)
                return object.error();
            return WarehouseInfo::fromJson(object.value(), what);
        });
}

QFuture<Result<WarehouseInfo>> WarehouseClient::start(const QString& id)
{
    auto state = std::make_shared<StartState>();
    state->id = id;
    state->what = QStringLiteral("start the SQL warehouse %1").arg(id);
    state->clock.start();
    state->nextDelay = m_firstPoll;
    auto future = state->promise.future();
    if (!m_api) {
        state->finish(noApiClient(state->what));
        return future;
    }
    // Starting is safe to repeat: the request layer may retry it.
    m_api
        ->send(
            ApiRequest::post(warehousePath(id) + QStringLiteral("/start"), QJsonObject{}, state->what, true))
        .then(this, [this, state](Result<ApiResponse> response) {
            if (!response)
                return state->finish(response.error());
            log()->info("asked SQL warehouse {} to start", state->id.toStdString());
            pollStart(state);
        });
    return future;
}

void WarehouseClient::pollStart(std::shared_ptr<StartState> state)
{
    get(state->id).then(this, [this, state](Result<WarehouseInfo> info) {
        if (!info)
            return state->finish(info.error());
        const WarehouseInfo& w = info.value();
        ++state->polls;
        const QString label = w.name.isEmpty() ? w.id : QStringLiteral("“%1”").arg(w.name);
        if (w.isRunning()) {
            emit startProgress(w.id, w.state, QStringLiteral("Warehouse %1 is running.").arg(label));
            return state->finish(w);
        }
        auto fail = [&](const QString& message, const QString& code) {
            Error e;
            e.kind = ErrorKind::Remote;
            e.code = code;
            e.userMessage = message;
            e.detail = QStringLiteral("warehouse %1: state %2, health %3 %4")
                           .arg(w.id, w.state, w.health, w.healthSummary);
            e.remediation = QStringLiteral(
                "Check the warehouse in Databricks (SQL Warehouses), or choose another warehouse id.");
            state->finish(e);
        };
        if (w.isDeleted())
            return fail(QStringLiteral("The SQL warehouse %1 has been deleted.").arg(label),
                        QStringLiteral("WAREHOUSE_DELETED"));
        if (w.health == QLatin1String("FAILED"))
            return fail(
                QStringLiteral("The SQL warehouse %1 failed to start: %2").arg(label, w.healthSummary),
                QStringLiteral("WAREHOUSE_FAILED"));
        if (w.state == QLatin1String("STARTING")) {
            state->sawStarting = true;
        } else if (w.state == QLatin1String("STOPPED")) {
            // Right after the start request the state may not have moved yet; once it was
            // starting, stopping again is a failure (as the SDK waiters treat it).
            if (state->sawStarting || ++state->stoppedPolls > 3)
                return fail(QStringLiteral("The SQL warehouse %1 stopped instead of starting.").arg(label),
                            QStringLiteral("WAREHOUSE_STOPPED"));
        }
        const qint64 elapsed = state->clock.elapsed();
        if (elapsed >= m_startTimeout.count()) {
            Error e = ApiErrors::timeout(state->what, elapsed);
            e.userMessage = QStringLiteral("The SQL warehouse %1 was not running after %2 s.")
                                .arg(label)
                                .arg(elapsed / 1000);
            return state->finish(e);
        }
        emit startProgress(w.id, w.state,
                           QStringLiteral("Warehouse %1 is starting… (%2 s)").arg(label).arg(elapsed / 1000));
        const auto delay = state->nextDelay;
        state->nextDelay = std::min(m_maxPoll, state->nextDelay * 2);
        QTimer::singleShot(delay, this, [this, state] { pollStart(state); });
    });
}

} // namespace core
