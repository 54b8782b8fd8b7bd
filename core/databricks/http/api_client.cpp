#include "databricks/http/api_client.h"

#include "databricks/auth/auth_provider.h"
#include "databricks/http/api_call.h"
#include "databricks/http/api_errors.h"
#include "databricks/http/one_shot_upload.h"
#include "logging/logging.h"

#include <spdlog/spdlog.h>

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>

namespace core {

namespace {
auto log() { return logging::logger("core.net"); }
} // namespace

ApiClient::ApiClient(QNetworkAccessManager* network, AuthProvider* auth, QUrl host, RetryPolicy policy, QObject* parent)
    : QObject(parent), m_network(network), m_auth(auth), m_host(std::move(host)), m_policy(policy)
{}

ApiClient::~ApiClient() { cancelAll(); }

void ApiClient::setErrorDecoder(std::shared_ptr<const ApiErrorDecoder> decoder)
{
    m_decoder = decoder ? std::move(decoder) : ApiErrorDecoder::databricks();
}

QFuture<Result<ApiResponse>> ApiClient::send(const ApiRequest& request)
{
    QUrl url = m_host;
    url.setPath(m_host.path() + request.path);
    url.setQuery(request.query);
    auto* call = new ApiCall(this, request, url, false, {});
    auto future = call->future();
    call->start();
    return future;
}

QFuture<Result<QByteArray>> ApiClient::download(const QUrl& url, const QHash<QByteArray, QByteArray>& headers,
                                                const QString& what)
{
    auto* call = new ApiCall(this, ApiRequest::get(url.path(), what), url, true, headers);
    auto future = call->future().then([](const Result<ApiResponse>& r) -> Result<QByteArray> {
        if (!r)
            return r.error();
        return r.value().body;
    });
    call->start();
    return future;
}

void ApiClient::cancelAll()
{
    const auto calls = findChildren<ApiCall*>(Qt::FindDirectChildrenOnly);
    for (ApiCall* call : calls)
        call->cancel();
}

ApiCall::ApiCall(ApiClient* client, ApiRequest request, QUrl url, bool external,
                 QHash<QByteArray, QByteArray> extraHeaders)
    : QObject(client), m_client(client), m_request(std::move(request)), m_url(std::move(url)), m_external(external),
      m_extraHeaders(std::move(extraHeaders))
{
    m_promise.start();
    m_clock.start();
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
}

ApiCall::~ApiCall()
{
    if (!m_done) {
        m_promise.addResult(Result<ApiResponse>(Error{ErrorKind::Cancelled, 0, QStringLiteral("cancelled"),
                                                      QStringLiteral("Cancelled: %1.").arg(m_request.what), {}, {}}));
        m_promise.finish();
    }
}

void ApiCall::start() { attempt(); }

void ApiCall::cancel()
{
    if (m_done)
        return;
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
    }
    finish(Error{ErrorKind::Cancelled, 0, QStringLiteral("cancelled"), QStringLiteral("Cancelled: %1.").arg(m_request.what),
                 {}, {}});
}

void ApiCall::attempt()
{
    if (m_done)
        return;
    ++m_attempt;
    m_timedOut = false;
    if (m_external || !m_client->m_auth) {
        if (!m_external)
            return finish(Error::internal(QStringLiteral("ApiClient has no AuthProvider")));
        sendWith(QString());
        return;
    }
    m_client->m_auth->authorization().then(this, [this](Result<QString> authorization) {
        if (!authorization)
            return finish(authorization.error());
        sendWith(authorization.value());
    });
}

void ApiCall::sendWith(const QString& authorization)
{
    if (m_done)
        return;
    m_authorization = authorization;
    QNetworkRequest request(m_url);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "segment-builder/" SB_VERSION_STRING);
    if (!m_external)
        request.setRawHeader("Authorization", authorization.toUtf8());
    for (auto it = m_extraHeaders.cbegin(); it != m_extraHeaders.cend(); ++it)
        request.setRawHeader(it.key(), it.value());
    for (auto it = m_request.headers.cbegin(); it != m_request.headers.cend(); ++it) {
        if (it.key().compare("authorization", Qt::CaseInsensitive) != 0)
            request.setRawHeader(it.key(), it.value());
    }
    // Redirects: only within HTTPS (or loopback HTTP) and never carrying the token elsewhere.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(m_external ? 5 : 0);

    QNetworkAccessManager* network = m_client->m_network;
    if (m_request.method == ApiRequest::Method::Post) {
        const QByteArray body = QJsonDocument(m_request.body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (m_request.idempotent) {
            m_reply = network->post(request, body);
        } else {
            // Qt must not re-send a write on its own after a dropped connection (see OneShotUpload).
            request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
            request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
            auto* upload = new OneShotUpload(body, this);
            m_reply = network->post(request, upload);
            connect(m_reply, &QObject::destroyed, upload, &QObject::deleteLater);
        }
    } else if (m_request.method == ApiRequest::Method::Put) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        m_reply = network->put(request, m_request.rawBody);
    } else if (m_request.method == ApiRequest::Method::Delete && !m_request.body.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        m_reply = network->sendCustomRequest(request, QByteArrayLiteral("DELETE"),
                                             QJsonDocument(m_request.body).toJson(QJsonDocument::Compact));
    } else if (m_request.method == ApiRequest::Method::Delete) {
        m_reply = network->deleteResource(request);
    } else {
        m_reply = network->get(request);
    }
    m_reply->setParent(this);
    m_attemptClock.start();
    m_timeout.start(m_client->m_policy.requestTimeout);
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onFinished);
}

void ApiCall::onFinished()
{
    QNetworkReply* reply = m_reply;
    if (!reply || m_done)
        return;
    m_timeout.stop();
    reply->deleteLater();
    m_reply = nullptr;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    static const char* const kMethods[] = {"GET", "POST", "PUT", "DELETE"};
    const QString method = QLatin1String(kMethods[static_cast<int>(m_request.method)]);
    const QString where = m_external ? QStringLiteral("[external link]") : m_url.path();
    log()->debug("{} {} → {} in {} ms (attempt {})", method.toStdString(), where.toStdString(), status,
                 m_attemptClock.elapsed(), m_attempt);

    const ApiErrorDecoder& decoder = m_client->errorDecoder();
    if (m_timedOut) {
        const Error e = decoder.timeout(m_request.what, m_attemptClock.elapsed());
        if (m_request.idempotent)
            return retryOrFail(e, {});
        return finish(e);
    }
    if (status == 0) {
        const auto code = reply->error();
        const Error e = decoder.fromNetwork(code, reply->errorString(), m_request.what);
        // A refused connection never reached the server: safe to repeat even a write.
        const bool neverArrived = code == QNetworkReply::ConnectionRefusedError;
        const bool transient = neverArrived || code == QNetworkReply::RemoteHostClosedError ||
                               code == QNetworkReply::TemporaryNetworkFailureError ||
                               code == QNetworkReply::NetworkSessionFailedError || code == QNetworkReply::UnknownNetworkError ||
                               code == QNetworkReply::ProxyConnectionClosedError;
        if (transient && (m_request.idempotent || neverArrived))
            return retryOrFail(e, {});
        return finish(e);
    }
    if ((status >= 200 && status < 300) || m_request.returnedStatuses.contains(status)) {
        ApiResponse response;
        response.httpStatus = status;
        response.body = body;
        for (const auto& pair : reply->rawHeaderPairs())
            response.headers.insert(pair.first.toLower(), pair.second);
        return finish(std::move(response));
    }
    if (!m_external && decoder.isCredentialRejected(status, body) && m_client->m_auth &&
        m_client->m_auth->canRefresh() && !m_credentialRefreshed) {
        m_credentialRefreshed = true;
        log()->info("credential rejected (HTTP {}) while trying to {}; refreshing once", status, m_request.what.toStdString());
        m_client->m_auth->invalidate(m_authorization);
        --m_attempt; // the refresh retry does not count against the policy
        return attempt();
    }
    const Error e = decoder.fromHttp(status, body, m_request.what);
    if (decoder.isThrottled(status, body))
        return retryOrFail(e, reply->rawHeader("Retry-After"));
    if (decoder.isTransient(status, body) && m_request.idempotent)
        return retryOrFail(e, {});
    return finish(e);
}

void ApiCall::retryOrFail(const Error& error, const QByteArray& retryAfter)
{
    const RetryPolicy& policy = m_client->m_policy;
    const auto delay = policy.delayBefore(m_attempt, retryAfter, QRandomGenerator::global()->generateDouble());
    if (m_attempt >= policy.maxAttempts || m_clock.elapsed() + delay.count() > policy.deadline.count()) {
        Error e = error;
        e.detail += QStringLiteral(" (gave up after %1 attempts in %2 ms)").arg(m_attempt).arg(m_clock.elapsed());
        return finish(e);
    }
    log()->info("retrying {} in {} ms after: {}", m_request.what.toStdString(), delay.count(),
                error.detail.isEmpty() ? error.userMessage.toStdString() : error.detail.toStdString());
    QTimer::singleShot(delay, this, &ApiCall::attempt);
}

void ApiCall::finish(Result<ApiResponse> result)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    if (!result)
        log()->warn("could not {}: {}", m_request.what.toStdString(), result.error().toString().toStdString());
    m_promise.addResult(std::move(result));
    m_promise.finish();
    deleteLater();
}

} // namespace core
