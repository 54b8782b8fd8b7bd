#include "ad_platform_emulator.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTcpSocket>

namespace adplatform {

namespace {

class Server final : public QAbstractHttpServer
{
public:
    using Handler = std::function<void(const QHttpServerRequest&, QTcpSocket*)>;
    Server(Handler handler, QObject* parent) : QAbstractHttpServer(parent), m_handler(std::move(handler)) {}

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        m_handler(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest&, QTcpSocket*) override {}

private:
    Handler m_handler;
};

QString methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post: return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put: return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Patch: return QStringLiteral("PATCH");
    default: return QStringLiteral("OTHER");
    }
}

QByteArray reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace

HttpResponse HttpResponse::json(int status, const QJsonObject& object)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

AdPlatformEmulator::AdPlatformEmulator(QObject* parent) : QObject(parent)
{
    m_server = new Server([this](const QHttpServerRequest& r, QTcpSocket* s) { onRequest(r, s); }, this);
}

AdPlatformEmulator::~AdPlatformEmulator() = default;

bool AdPlatformEmulator::listen(quint16 port)
{
    m_port = m_server->listen(QHostAddress::LocalHost, port);
    return m_port != 0;
}

QUrl AdPlatformEmulator::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void AdPlatformEmulator::addFault(const Fault& fault)
{
    m_faults.append({fault, 0});
}

void AdPlatformEmulator::clearFaults()
{
    m_faults.clear();
}

int AdPlatformEmulator::requestCount(const QString& method, const QString& pathContains) const
{
    int n = 0;
    for (const RecordedRequest& r : m_requests)
        n += (method.isEmpty() || r.method == method) && r.path.contains(pathContains);
    return n;
}

QByteArray AdPlatformEmulator::everythingReceived() const
{
    QByteArray out;
    for (const RecordedRequest& r : m_requests) {
        out += r.method.toUtf8() + ' ' + r.path.toUtf8() + '?' + r.query.toString(QUrl::FullyDecoded).toUtf8() + '\n';
        for (auto it = r.headers.cbegin(); it != r.headers.cend(); ++it)
            out += it.key().toUtf8() + ": " + it.value().toUtf8() + '\n';
        out += r.body + '\n';
    }
    return out;
}

void AdPlatformEmulator::expireAccessTokens()
{
    const QDateTime past = QDateTime::currentDateTimeUtc().addSecs(-1);
    for (auto it = m_tokens.begin(); it != m_tokens.end(); ++it)
        it.value() = past;
}

void AdPlatformEmulator::acceptAccessToken(const QString& token)
{
    m_tokens.insert(token, QDateTime::currentDateTimeUtc().addYears(10));
}

QString AdPlatformEmulator::issueToken(const QString& prefix)
{
    QByteArray raw(24, Qt::Uninitialized);
    for (char& c : raw)
        c = char(QRandomGenerator::global()->bounded(256));
    const QString token = prefix + QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    m_tokens.insert(token, QDateTime::currentDateTimeUtc().addSecs(m_tokenLifetime));
    ++m_tokensIssued;
    return token;
}

bool AdPlatformEmulator::tokenValid(const QString& token) const
{
    const auto it = m_tokens.constFind(token);
    return it != m_tokens.cend() && QDateTime::currentDateTimeUtc() < it.value();
}

QString AdPlatformEmulator::bearerToken(const RecordedRequest& request)
{
    const QString header = request.headers.value(QStringLiteral("authorization"));
    for (const char* scheme : {"Bearer ", "OAuth "}) {
        if (header.startsWith(QLatin1String(scheme), Qt::CaseInsensitive))
            return header.mid(int(qstrlen(scheme))).trimmed();
    }
    return {};
}

QString AdPlatformEmulator::randomDigits(int n)
{
    QString out;
    out.append(QChar(u'1' + QRandomGenerator::global()->bounded(9)));
    while (out.size() < n)
        out.append(QChar(u'0' + QRandomGenerator::global()->bounded(10)));
    return out;
}

void AdPlatformEmulator::onRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    RecordedRequest rec;
    rec.method = methodName(request.method());
    rec.path = request.url().path();
    rec.query = request.query();
    rec.body = request.body();
    for (const auto& [name, value] : request.headers())
        rec.headers.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
    m_requests.append(rec);
    const qsizetype index = m_requests.size() - 1;

    for (int i = 0; i < m_faults.size(); ++i) {
        ActiveFault& active = m_faults[i];
        const Fault& f = active.fault;
        if (f.remaining == 0)
            continue;
        if (!f.method.isEmpty() && f.method.compare(rec.method, Qt::CaseInsensitive) != 0)
            continue;
        if (!f.pathContains.isEmpty() && !rec.path.contains(f.pathContains))
            continue;
        if (f.kind == Fault::Kind::RejectBatch && !isBatchRequest(rec))
            continue;
        if (active.seen++ < f.skip)
            continue;
        const Fault fault = f;
        if (active.fault.remaining > 0 && --active.fault.remaining == 0)
            m_faults.removeAt(i);
        if (fault.kind == Fault::Kind::DropConnection) {
            if (fault.applyFirst)
                route(rec);
            socket->abort();
            return;
        }
        const HttpResponse r = faultResponse(fault);
        m_requests[index].answeredStatus = r.status;
        write(socket, r);
        return;
    }
    const HttpResponse r = route(rec);
    m_requests[index].answeredStatus = r.status;
    write(socket, r);
}

void AdPlatformEmulator::write(QTcpSocket* socket, const HttpResponse& r)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reason(r.status) + "\r\n";
    if (!r.contentType.isEmpty())
        out += "Content-Type: " + r.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    for (const auto& [name, value] : r.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n" + r.body;
    socket->write(out);
}

} // namespace adplatform
