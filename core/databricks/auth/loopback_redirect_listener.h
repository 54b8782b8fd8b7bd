#pragma once

#include <functional>

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include "common/result.h"

class QTcpServer;
class QTcpSocket;

namespace core {

// The loopback end of a browser sign-in (OAuth authorization code, databricks-api.md §2.3):
// a tiny HTTP server on 127.0.0.1 (and ::1 when the same port is free there) that receives
// the browser's redirect `GET /?code=…&state=…`, answers with a small page ("You can close
// this window") and hands the code over — once. A redirect carrying `error`, or a state that
// does not match this attempt, ends the attempt with an Auth error (no code is used).
// Requests for other paths (favicon) get a 404 and do not count.
class LoopbackRedirectListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackRedirectListener)

public:
    using Callback = std::function<void(Result<QString>)>; // the authorization code

    explicit LoopbackRedirectListener(QObject* parent = nullptr);
    ~LoopbackRedirectListener() override;

    // Listens on the first free port of [firstPort, lastPort]; Network error when all are taken.
    Result<quint16> listen(quint16 firstPort, quint16 lastPort);
    quint16 port() const { return m_port; }
    bool isListening() const;

    // Arms the listener: `done` is called exactly once, with the code or an Error, unless
    // close() or destruction comes first.
    void expect(QString state, Callback done);
    // Stops accepting connections; a pending `done` is dropped (the caller reports why).
    void close();

private:
    void onNewConnection(QTcpServer* server);
    void onReadyRead(QTcpSocket* socket);
    void handleRequest(QTcpSocket* socket, const QByteArray& head);
    void respond(QTcpSocket* socket, int status, const QString& title, const QString& message);
    void finish(Result<QString> result);

    QTcpServer* m_v4 = nullptr;
    QTcpServer* m_v6 = nullptr;
    quint16 m_port = 0;
    QString m_state;
    Callback m_done;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

} // namespace core
