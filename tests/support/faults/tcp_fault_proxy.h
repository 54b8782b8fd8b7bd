#pragma once

// A TCP proxy on loopback between a client under test and a server (the Databricks emulator, an
// ad-platform emulator, PostgreSQL) that injects network faults: a connection cut after N bytes
// of a request or of its answer (selected by a text the request contains), every connection
// refused or dropped while the "server" is down, and a restart onto another upstream port.
// Runs on the thread that creates it (the test's event loop, like the emulators).
//
//     TcpFaultProxy proxy(emulator->baseUrl().port());
//     proxy.listen();
//     proxy.cutAnswer("INSERT INTO", 40);   // the write lands, its answer is lost after 40 bytes
//     client pointed at proxy.url() ...

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace testsupport {

class TcpFaultProxy final : public QObject
{
    Q_OBJECT

public:
    explicit TcpFaultProxy(quint16 upstreamPort, QObject* parent = nullptr);
    ~TcpFaultProxy() override;

    bool listen();
    quint16 port() const;
    QUrl url() const; // http://127.0.0.1:<port>

    // The next `times` requests whose bytes contain `marker` (-1: every one) are cut: the server
    // gets only the first `afterBytes` bytes of the request from the marker on, then both sides
    // of the connection close (the server never sees a whole request).
    void cutRequest(const QByteArray& marker, qint64 afterBytes, int times = 1);
    // The next `times` requests containing `marker` reach the server whole; their answer is cut
    // after `afterBytes` bytes (the server acted, the client does not learn the outcome).
    void cutAnswer(const QByteArray& marker, qint64 afterBytes, int times = 1);
    void clearCuts() { m_cuts.clear(); }
    // Down: live connections are dropped and new ones refused (a server that stopped). Up again:
    // the proxy listens on the same port, connections pass as before (a server that restarted).
    void setDown(bool down);
    // A restarted server on another port: connections from now on go there.
    void setUpstreamPort(quint16 port);
    // Drops every live connection now.
    void dropAll();

    int connectionsAccepted() const { return m_accepted; }
    int cutsDone() const { return m_cutsDone; }

private:
    struct Cut
    {
        QByteArray marker;
        qint64 afterBytes = 0;
        int times = 1;
        bool answer = false;
    };
    struct Link
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> server;
        QByteArray pendingToServer;  // client bytes before the upstream connected
        qint64 answerBudget = -1;    // bytes of answer still allowed (-1: no limit)
        bool closing = false;
    };

    void accept();
    void clientBytes(Link* link);
    void serverBytes(Link* link);
    // Cuts (abort, the peer sees a reset) or, graceful, passes a close on after what is buffered.
    void close(Link* link, bool graceful = false);
    Cut* matchingCut(const QByteArray& bytes, bool answer, qsizetype* at);

    QTcpServer m_server;
    quint16 m_upstreamPort;
    quint16 m_port = 0;
    bool m_down = false;
    QList<Cut> m_cuts;
    QList<Link*> m_links;
    int m_accepted = 0;
    int m_cutsDone = 0;
};

} // namespace testsupport
