#include "databricks/statement/statement_client.h"

#include "databricks/http/api_client.h"
#include "databricks/http/api_errors.h"
#include "databricks/statement/statement_run.h"
#include "logging/logging.h"

#include <spdlog/spdlog.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QPromise>
#include <QRegularExpression>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace core {

namespace {

auto log() { return logging::logger("core.sql"); }

QString paramType(SqlParam::Type type)
{
    switch (type) {
    case SqlParam::Type::Int: return QStringLiteral("BIGINT");
    case SqlParam::Type::Date: return QStringLiteral("DATE");
    case SqlParam::Type::String: return QStringLiteral("STRING");
    }
    return QStringLiteral("STRING");
}

QString statementPath(const QString& id, const QString& suffix = {})
{
    return QStringLiteral("/api/2.0/sql/statements/") + QString::fromLatin1(QUrl::toPercentEncoding(id)) + suffix;
}

} // namespace

StatementClient::StatementClient(ApiClient* api, QString warehouseId, QObject* parent)
    : QObject(parent), m_api(api), m_warehouseId(std::move(warehouseId))
{}

QFuture<Result<StatementResult>> StatementClient::execute(const StatementRequest& request)
{
    auto* run = new StatementRun(this, request);
    auto future = run->future();
    run->start();
    return future;
}

void StatementClient::cancel(const QString& statementId)
{
    const auto runs = findChildren<StatementRun*>(Qt::FindDirectChildrenOnly);
    for (StatementRun* run : runs) {
        if (run->statementId() == statementId)
            run->cancel();
    }
}

void StatementClient::cancelAll()
{
    const auto runs = findChildren<StatementRun*>(Qt::FindDirectChildrenOnly);
    for (StatementRun* run : runs)
        run->cancel();
}

QFuture<Result<QString>> StatementClient::stateOf(const QString& statementId)
{
    const QString what = QStringLiteral("ask Databricks what became of statement %1").arg(statementId);
    auto answer = [](Result<QString> r) {
        QPromise<Result<QString>> p;
        p.start();
        p.addResult(std::move(r));
        p.finish();
        return p.future();
    };
    static const QRegularExpression kId(QStringLiteral("^[A-Za-z0-9-]{1,100}$"));
    if (!kId.match(statementId).hasMatch()) // it comes from the outbox file: never an arbitrary path
        return answer(Error::validation(QStringLiteral("statement_id_invalid"),
                                        QStringLiteral("“%1” is not a Databricks statement id.").arg(statementId.left(40))));
    if (!m_api)
        return answer(Error::internal(QStringLiteral("statement client without API client")));
    return m_api->send(ApiRequest::get(statementPath(statementId), what))
        .then(this, [what](Result<ApiResponse> r) -> Result<QString> {
            if (!r)
                return r.error().httpStatus == 404 ? Result<QString>(QString()) : Result<QString>(r.error());
            auto parsed = StatementResponseParser::parse(r.value().body, what);
            if (!parsed)
                return parsed.error();
            return parsed.value().state;
        });
}

void StatementClient::setPollBackoff(std::chrono::milliseconds first, std::chrono::milliseconds max)
{
    m_firstPoll = first;
    m_maxPoll = max;
}

StatementRun::StatementRun(StatementClient* client, StatementRequest request)
    : QObject(client), m_client(client), m_request(std::move(request))
{
    m_promise.start();
    m_clock.start();
}

StatementRun::~StatementRun()
{
    if (!m_done) {
        m_promise.addResult(Result<StatementResult>(
            Error{ErrorKind::Cancelled, 0, QStringLiteral("cancelled"), QStringLiteral("Cancelled: %1.").arg(m_request.what), {}, {}}));
        m_promise.finish();
    }
}

void StatementRun::start() { submit(); }

template <typename F>
void StatementRun::parseThen(const QByteArray& body, F&& next)
{
    // Large results must not stall the GUI: decode on the global pool, continue here.
    QtConcurrent::run([body, what = m_request.what] { return StatementResponseParser::parse(body, what); })
        .then(this, [this, next = std::forward<F>(next)](Result<StatementResponse> parsed) {
            if (m_done)
                return;
            if (!parsed)
                return finish(parsed.error());
            next(parsed.value());
        });
}

void StatementRun::submit()
{
    if (!m_client->m_api)
        return finish(Error::internal(QStringLiteral("statement client without API client")));
    QJsonArray parameters;
    for (const auto& p : m_request.params) {
        QJsonObject param{{QStringLiteral("name"), p.name}, {QStringLiteral("type"), paramType(p.type)}};
        if (!p.value.isNull()) // an absent value is SQL NULL
            param.insert(QStringLiteral("value"), p.value.toString());
        parameters.append(param);
    }
    QJsonObject body{
        {QStringLiteral("warehouse_id"), m_client->m_warehouseId},
        {QStringLiteral("statement"), m_request.sql},
        {QStringLiteral("wait_timeout"), QStringLiteral("%1s").arg(m_request.waitTimeout.count())},
        {QStringLiteral("on_wait_timeout"), QStringLiteral("CONTINUE")},
        {QStringLiteral("format"), QStringLiteral("JSON_ARRAY")},
        {QStringLiteral("disposition"), m_request.externalLinks ? QStringLiteral("EXTERNAL_LINKS") : QStringLiteral("INLINE")},
    };
    if (!parameters.isEmpty())
        body.insert(QStringLiteral("parameters"), parameters);
    if (!m_request.catalog.isEmpty())
        body.insert(QStringLiteral("catalog"), m_request.catalog);
    if (!m_request.schema.isEmpty())
        body.insert(QStringLiteral("schema"), m_request.schema);
    // Not idempotent: a submission that may have reached the server is never sent twice.
    m_client->m_api->send(ApiRequest::post(QStringLiteral("/api/2.0/sql/statements"), body, m_request.what, false))
        .then(this, [this](Result<ApiResponse> r) {
            if (m_done)
                return;
            if (!r)
                return finish(r.error());
            parseThen(r.value().body, [this](const StatementResponse& s) {
                if (s.statementId.isEmpty())
                    return finish(ApiErrors::malformed(m_request.what, QStringLiteral("no statement_id in the answer")));
                m_result.statementId = s.statementId;
                if (m_request.accepted)
                    m_request.accepted(s.statementId);
                log()->debug("statement {} accepted ({}) to {}", s.statementId.toStdString(), s.state.toStdString(),
                             m_request.what.toStdString());
                handle(s);
            });
        });
}

bool StatementRun::pastDeadline() { return m_clock.elapsed() > m_request.deadline.count(); }

void StatementRun::handle(const StatementResponse& s)
{
    emit m_client->statementStateChanged(m_result.statementId, s.state, m_request.what);
    if (s.state == QLatin1String("SUCCEEDED")) {
        m_result.columns = s.columns;
        m_result.truncated = s.truncated;
        return absorbChunk(s);
    }
    if (s.isTerminal())
        return finish(s.failure);
    if (s.state != QLatin1String("PENDING") && s.state != QLatin1String("RUNNING"))
        return finish(ApiErrors::malformed(m_request.what, QStringLiteral("unknown statement state “%1”").arg(s.state)));
    if (pastDeadline()) {
        Error e = ApiErrors::timeout(m_request.what, m_clock.elapsed());
        e.detail += QStringLiteral(" (statement %1 left %2; cancellation requested)").arg(m_result.statementId, s.state);
        m_client->m_api->send(ApiRequest::post(statementPath(m_result.statementId, QStringLiteral("/cancel")), {},
                                               QStringLiteral("cancel the statement"), true));
        return finish(e);
    }
    const std::chrono::milliseconds delay =
        std::min(std::chrono::milliseconds(m_client->m_firstPoll.count() << std::min(m_polls, 10)), m_client->m_maxPoll);
    ++m_polls;
    QTimer::singleShot(delay, this, &StatementRun::poll);
}

void StatementRun::poll()
{
    if (m_done || !m_client->m_api)
        return;
    m_client->m_api->send(ApiRequest::get(statementPath(m_result.statementId), m_request.what))
        .then(this, [this](Result<ApiResponse> r) {
            if (m_done)
                return;
            if (!r)
                return finish(r.error());
            parseThen(r.value().body, [this](const StatementResponse& s) { handle(s); });
        });
}

void StatementRun::absorbChunk(const StatementResponse& chunk)
{
    m_result.rows.append(chunk.rows);
    if (!chunk.externalLinks.isEmpty())
        return downloadLinks(chunk.externalLinks, chunk.nextChunkIndex);
    if (chunk.nextChunkIndex)
        return fetchChunk(*chunk.nextChunkIndex);
    finish(m_result);
}

void StatementRun::fetchChunk(int index)
{
    if (m_done || !m_client->m_api)
        return;
    if (pastDeadline())
        return finish(ApiErrors::timeout(m_request.what, m_clock.elapsed()));
    m_client->m_api
        ->send(ApiRequest::get(statementPath(m_result.statementId, QStringLiteral("/result/chunks/%1").arg(index)),
                               m_request.what))
        .then(this, [this](Result<ApiResponse> r) {
            if (m_done)
                return;
            if (!r)
                return finish(r.error());
            parseThen(r.value().body, [this](const StatementResponse& chunk) { absorbChunk(chunk); });
        });
}

void StatementRun::downloadLinks(QList<StatementResponse::ExternalLink> links, std::optional<int> next)
{
    if (m_done || !m_client->m_api)
        return;
    if (links.isEmpty()) {
        if (next)
            return fetchChunk(*next);
        return finish(m_result);
    }
    const StatementResponse::ExternalLink link = links.takeFirst();
    m_client->m_api->download(link.url, link.headers, m_request.what)
        .then(this, [this, link, links, next](Result<QByteArray> bytes) {
            if (m_done)
                return;
            if (!bytes) {
                // Presigned links expire (about 15 min): ask for fresh links for this chunk, once.
                const bool expired = bytes.error().httpStatus == 403 || bytes.error().httpStatus == 404 ||
                                     bytes.error().kind == ErrorKind::Permission || bytes.error().kind == ErrorKind::NotFound;
                if (expired && !m_refreshedChunks.contains(link.chunkIndex)) {
                    m_refreshedChunks.insert(link.chunkIndex);
                    log()->info("external link of chunk {} expired; fetching a fresh one", link.chunkIndex);
                    return fetchChunk(link.chunkIndex);
                }
                return finish(bytes.error());
            }
            QtConcurrent::run([body = bytes.value(), what = m_request.what] { return StatementResponseParser::parseRows(body, what); })
                .then(this, [this, links, next](Result<QList<QList<QVariant>>> rows) {
                    if (m_done)
                        return;
                    if (!rows)
                        return finish(rows.error());
                    m_result.rows.append(rows.value());
                    downloadLinks(links, next);
                });
        });
}

void StatementRun::cancel()
{
    if (m_done)
        return;
    m_cancelRequested = true;
    if (!m_result.statementId.isEmpty() && m_client->m_api)
        m_client->m_api->send(ApiRequest::post(statementPath(m_result.statementId, QStringLiteral("/cancel")), {},
                                               QStringLiteral("cancel the statement"), true));
    finish(Error{ErrorKind::Cancelled, 0, QStringLiteral("cancelled"), QStringLiteral("Cancelled: %1.").arg(m_request.what),
                 QStringLiteral("statement %1").arg(m_result.statementId), {}});
}

void StatementRun::finish(Result<StatementResult> result)
{
    if (m_done)
        return;
    m_done = true;
    if (result)
        log()->debug("statement {} done: {} rows in {} ms", m_result.statementId.toStdString(), result.value().rows.size(),
                     m_clock.elapsed());
    m_promise.addResult(std::move(result));
    m_promise.finish();
    deleteLater();
}

} // namespace core
