#include "databricks/auth/loopback_redirect_listener.h"

#include <spdlog/spdlog.h>

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include "logging/logging.h"

namespace core {

namespace {

constexpr qsizetype kMaxRequestHead = 16 * 1024;

bool sameSecret(const QString& a, const QString& b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    ushort diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= a.at(i).unicode() ^ b.at(i).unicode();
    return diff == 0;
}

Error signInError(QString code, QString message, QString detail, QString remediation)
{
    Error e;
    e.kind = ErrorKind::Auth;
    e.code = std::move(code);
    e.userMessage = std::move(message);
    e.detail = std::move(detail);
    e.remediation = std::move(remediation);
    return e;
}

} // namespace

LoopbackRedirectListener::LoopbackRedirectListener(QObject* parent) : QObject(parent) {}

LoopbackRedirectListener::~LoopbackRedirectListener() = default;

bool LoopbackRedirectListener::isListening() const
{
    return m_v4 && m_v4->isListening();
}

Result<quint16> LoopbackRedirectListener::listen(quint16 firstPort, quint16 lastPort)
{
    close();
    for (quint32 port = firstPort; port <= lastPort; ++port) {
        auto* v4 = new QTcpServer(this);
        if (!v4->listen(QHostAddress::LocalHost, quint16(port))) {
            delete v4;
            continue;
        }
        m_v4 = v4;
        m_port = quint16(port);
        connect(m_v4, &QTcpServer::newConnection, this, [this, v4]() { onNewConnection(v4); });
        // Browsers may resolve "localhost" to ::1 first; serve it too when that port is free.
        auto* v6 = new QTcpServer(this);
        if (v6->listen(QHostAddress::LocalHostIPv6, m_port)) {
            m_v6 = v6;
            connect(m_v6, &QTcpServer::newConnection, this, [this, v6]() { onNewConnection(v6); });
        } else {
            delete v6;
        }
        logging::logger("core.auth")->debug("waiting for the browser's redirect on localhost:{}", m_port);
        return m_port;
    }
    Error e;
    e.kind = ErrorKind::Network;
    e.code = QStringLiteral("redirect_ports_busy");
    e.userMessage =
        QStringLiteral("The browser sign-in could not start: ports %1–%2 on this computer are all in use.")
            .arg(firstPort)
            .arg(lastPort);
    e.detail = QStringLiteral("no free loopback port in %1..%2").arg(firstPort).arg(lastPort);
    e.remediation = QStringLiteral("Close other sign-in windows or programs using these ports (e.g. another "
                                   "`databricks auth login`) and try again.");
    return e;
}

void LoopbackRedirectListener::expect(QString state, Callback done)
{
    m_state = std::move(state);
    m_done = std::move(done);
}

void LoopbackRedirectListener::close()
{
    for (QTcpServer* s : {m_v4, m_v6}) {
        if (s) {
            s->close();
            s->deleteLater();
        }
    }
    m_v4 = nullptr;
    m_v6 = nullptr;
    m_done = nullptr;
}

void LoopbackRedirectListener::onNewConnection(QTcpServer* server)
{
    while (QTcpSocket* socket = server->nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket]() {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void LoopbackRedirectListener::onReadyRead(QTcpSocket* socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return; // already answered
    it.value() += socket->readAll();
    const qsizetype end = it.value().indexOf("\r\n\r\n");
    if (end < 0) {
        if (it.value().size() > kMaxRequestHead) {
            m_buffers.erase(it);
            respond(socket, 431, QStringLiteral("Request too large"),
                    QStringLiteral("The request was too large."));
        }
        return;
    }
    const QByteArray head = it.value().left(end);
    m_buffers.erase(it);
    handleRequest(socket, head);
}

void LoopbackRedirectListener::handleRequest(QTcpSocket* socket, const QByteArray& head)
{
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/")) {
        respond(socket, 400, QStringLiteral("Bad request"),
                QStringLiteral("This address only completes a sign-in."));
        return;
    }
    if (requestLine.at(0) != "GET") {
        respond(socket, 405, QStringLiteral("Method not allowed"),
                QStringLiteral("This address only completes a sign-in."));
        return;
    }
    const QUrl url(QStringLiteral("http://localhost") + QString::fromLatin1(requestLine.at(1)));
    if (!url.isValid() || (url.path() != QStringLiteral("/") && !url.path().isEmpty())) {
        respond(socket, 404, QStringLiteral("Not found"),
                QStringLiteral("This address only completes a sign-in."));
        return;
    }
    if (!m_done) {
        respond(socket, 409, QStringLiteral("Sign-in already handled"),
                QStringLiteral("This sign-in has already been handled. You can close this window."));
        return;
    }

    const QUrlQuery query(url);
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (!error.isEmpty()) {
        const QString description = logging::redact(
            query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded).left(300));
        respond(socket, 200, QStringLiteral("Sign-in failed"),
                QStringLiteral("Databricks reported: %1. You can close this window and try again in the app.")
                    .arg(description.isEmpty() ? error : description));
        finish(signInError(logging::redact(error.left(80)),
                           error == QStringLiteral("access_denied")
                               ? QStringLiteral("The Databricks sign-in was declined in the browser.")
                               : QStringLiteral("The Databricks sign-in failed in the browser."),
                           QStringLiteral("authorization redirect: error=%1 %2")
                               .arg(logging::redact(error.left(80)), description),
                           QStringLiteral("Sign in again and approve the access request.")));
        return;
    }
    if (!sameSecret(state, m_state)) {
        respond(
            socket, 400, QStringLiteral("Sign-in failed"),
            QStringLiteral("The response did not belong to this sign-in attempt, so it was rejected. You can "
                           "close this window and start the sign-in again from the app."));
        finish(signInError(
            QStringLiteral("state_mismatch"),
            QStringLiteral("The browser sign-in was rejected because its response did not match this "
                           "attempt."),
            QStringLiteral("authorization redirect: the state parameter does not match (%1)")
                .arg(state.isEmpty() ? QStringLiteral("missing") : QStringLiteral("different")),
            QStringLiteral("Start the sign-in again; use only the browser tab the app opened.")));
        return;
    }
    if (code.isEmpty()) {
        respond(socket, 400, QStringLiteral("Sign-in failed"),
                QStringLiteral(
                    "The response carried no authorization code. Start the sign-in again from the app."));
        finish(signInError(QStringLiteral("missing_code"),
                           QStringLiteral("The browser sign-in returned no authorization code."),
                           QStringLiteral("authorization redirect without code"),
                           QStringLiteral("Start the sign-in again.")));
        return;
    }
    respond(socket, 200, QStringLiteral("Signed in"),
            QStringLiteral(
                "You are signed in to Databricks. You can close this window and return to Segment Builder."));
    finish(code);
}

void LoopbackRedirectListener::respond(QTcpSocket* socket, int status, const QString& title,
                                       const QString& message)
{
    static const char* const reasons[][2] = {
        {"200", "OK"},        {"400", "Bad Request"},
        {"404", "Not Found"}, {"405", "Method Not Allowed"},
        {"409", "Conflict"},  {"431", "Request Header Fields Too Large"}};
    QByteArray reason = "Error";
    for (const auto& r : reasons)
        if (QByteArray::number(status) == r[0])
            reason = r[1];
    const QByteArray body =
        QStringLiteral(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title></head>"
            "<body style=\"font-family: sans-serif; margin: 3em\"><h1>%1</h1><p>%2</p></body></html>")
            .arg(title.toHtmlEscaped(), message.toHtmlEscaped())
            .toUtf8();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += "Content-Type: text/html; charset=utf-8\r\n";
    response += "Cache-Control: no-store\r\n";
    response += "Referrer-Policy: no-referrer\r\n";
    response += "Connection: close\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    response += body;
    socket->write(response);
    socket->disconnectFromHost();
}

void LoopbackRedirectListener::finish(Result<QString> result)
{
    Callback done = std::exchange(m_done, nullptr);
    for (QTcpServer* s : {m_v4, m_v6})
        if (s)
            s->close(); // no further connections; answered sockets finish writing
    if (done)
        done(std::move(result));
}

} // namespace core
