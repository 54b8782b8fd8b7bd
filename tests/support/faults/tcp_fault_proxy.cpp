#include "tcp_fault_proxy.h"

#include <QHostAddress>

#include <utility>

namespace testsupport {

TcpFaultProxy::TcpFaultProxy(quint16 upstreamPort, QObject* parent) : QObject(parent), m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpFaultProxy::accept);
}

TcpFaultProxy::~TcpFaultProxy()
{
    dropAll();
}

bool TcpFaultProxy::listen()
{
    if (!m_server.listen(QHostAddress::LocalHost, m_port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

quint16 TcpFaultProxy::port() const
{
    return m_port;
}

QUrl TcpFaultProxy::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

void TcpFaultProxy::cutRequest(const QByteArray& marker, qint64 afterBytes, int times)
{
    m_cuts.append(Cut{marker, afterBytes, times, false});
}

void TcpFaultProxy::cutAnswer(const QByteArray& marker, qint64 afterBytes, int times)
{
    m_cuts.append(Cut{marker, afterBytes, times, true});
}

void TcpFaultProxy::setDown(bool down)
{
    if (down == m_down)
        return;
    m_down = down;
    if (down) {
        m_server.close(); // connecting is refused, as to a stopped server
        dropAll();
    } else {
        m_server.listen(QHostAddress::LocalHost, m_port);
    }
}

void TcpFaultProxy::setUpstreamPort(quint16 port)
{
    m_upstreamPort = port;
}

void TcpFaultProxy::dropAll()
{
    const QList<Link*> links = m_links;
    for (Link* link : links)
        close(link);
}

TcpFaultProxy::Cut* TcpFaultProxy::matchingCut(const QByteArray& bytes, bool answer, qsizetype* at)
{
    for (Cut& cut : m_cuts) {
        if (cut.answer != answer || cut.times == 0)
            continue;
        const qsizetype found = bytes.indexOf(cut.marker);
        if (found >= 0) {
            *at = found;
            return &cut;
        }
    }
    return nullptr;
}

void TcpFaultProxy::accept()
{
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        ++m_accepted;
        auto* link = new Link;
        link->client = client;
        link->server = new QTcpSocket(this);
        m_links.append(link);
        connect(client, &QTcpSocket::readyRead, this, [this, link] { clientBytes(link); });
        connect(client, &QTcpSocket::disconnected, this, [this, link] {
            clientBytes(link);
            close(link, true);
        });
        connect(link->server, &QTcpSocket::connected, this, [this, link] {
            if (!link->pendingToServer.isEmpty())
                link->server->write(std::exchange(link->pendingToServer, {}));
        });
        connect(link->server, &QTcpSocket::readyRead, this, [this, link] { serverBytes(link); });
        connect(link->server, &QTcpSocket::disconnected, this, [this, link] {
            serverBytes(link);
            close(link, true);
        });
        connect(link->server, &QTcpSocket::errorOccurred, this, [this, link](QAbstractSocket::SocketError error) {
            if (error != QAbstractSocket::RemoteHostClosedError) // that one: disconnected() follows
                close(link);                                      // refused: the server is not there
        });
        link->server->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }
}

void TcpFaultProxy::clientBytes(Link* link)
{
    if (link->closing || !link->client)
        return;
    QByteArray bytes = link->client->readAll();
    qsizetype at = 0;
    if (Cut* cut = matchingCut(bytes, false, &at)) {
        if (cut->times > 0)
            --cut->times;
        ++m_cutsDone;
        bytes.truncate(at + cut->afterBytes);
        if (link->server && link->server->state() == QAbstractSocket::ConnectedState) {
            link->server->write(bytes);
            link->server->flush();
        }
        close(link);
        return;
    }
    if (Cut* cut = matchingCut(bytes, true, &at)) {
        if (cut->times > 0)
            --cut->times;
        link->answerBudget = cut->afterBytes;
    }
    if (link->server && link->server->state() == QAbstractSocket::ConnectedState)
        link->server->write(bytes);
    else
        link->pendingToServer.append(bytes);
}

void TcpFaultProxy::serverBytes(Link* link)
{
    if (link->closing || !link->server)
        return;
    QByteArray bytes = link->server->readAll();
    if (link->answerBudget >= 0) {
        if (bytes.size() >= link->answerBudget) {
            bytes.truncate(link->answerBudget);
            if (link->client) {
                link->client->write(bytes);
                link->client->flush();
            }
            ++m_cutsDone;
            close(link);
            return;
        }
        link->answerBudget -= bytes.size();
    }
    if (link->client)
        link->client->write(bytes);
}

void TcpFaultProxy::close(Link* link, bool graceful)
{
    if (link->closing)
        return;
    link->closing = true;
    for (QTcpSocket* socket : {link->client.data(), link->server.data()}) {
        if (!socket)
            continue;
        socket->disconnect(this);
        if (graceful && socket->state() == QAbstractSocket::ConnectedState) {
            socket->disconnectFromHost(); // writes what is buffered, then closes
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        } else {
            socket->abort();
            socket->deleteLater();
        }
    }
    m_links.removeOne(link);
    delete link;
}

} // namespace testsupport
