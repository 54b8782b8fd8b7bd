#include "postgres_server.h"

#include <atomic>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

namespace testsupport {

namespace {

const QString kDefaultBinDir = QStringLiteral("/usr/lib/postgresql/15/bin");
const QString kServiceUser = QStringLiteral("postgres");

struct CommandResult
{
    bool started = false;
    int exitCode = -1;
    QString output;
};

bool isIdentifier(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    return re.match(name).hasMatch();
}

quint16 pickFreePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

struct PostgresServer::Private
{
    QString binDir;
    std::unique_ptr<QTemporaryDir> root;
    quint16 port = 0;
    bool running = false;
    QString error;
    bool asRoot = false;

    QString dataDir() const { return root ? root->filePath(QStringLiteral("data")) : QString(); }
    QString logFile() const { return root ? root->filePath(QStringLiteral("server.log")) : QString(); }

    CommandResult run(const QString& program, const QStringList& arguments, int timeoutMs) const
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        if (root)
            process.setWorkingDirectory(root->path()); // the postgres user must be able to enter it
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString& name :
             {QStringLiteral("PGDATA"), QStringLiteral("PGHOST"), QStringLiteral("PGPORT"),
              QStringLiteral("PGUSER"), QStringLiteral("PGDATABASE")})
            env.remove(name);
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        process.setProcessEnvironment(env);
        if (asRoot) {
            QStringList args{QStringLiteral("-u"), kServiceUser, QStringLiteral("--"), program};
            args += arguments;
            process.start(QStringLiteral("runuser"), args);
        } else {
            process.start(program, arguments);
        }
        CommandResult result;
        if (!process.waitForStarted(10000)) {
            result.output = process.errorString();
            return result;
        }
        result.started = true;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished(2000);
            result.output = QString::fromLocal8Bit(process.readAll()) + QStringLiteral("\n(timed out)");
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.output = QString::fromLocal8Bit(process.readAll()).trimmed();
        return result;
    }

    QString readLog() const
    {
        QFile f(logFile());
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromLocal8Bit(f.readAll());
    }

    bool fail(const QString& message)
    {
        error = message;
        return false;
    }

    bool prepareDirectory()
    {
        root = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/sb-pg-XXXXXX"));
        if (!root->isValid())
            return fail(QStringLiteral("cannot create a temporary directory for PostgreSQL: %1")
                            .arg(root->errorString()));
        if (!asRoot)
            return true;
        const struct passwd* pw = ::getpwnam("postgres");
        if (!pw)
            return fail(QStringLiteral("running as root, but there is no 'postgres' system user to run "
                                       "PostgreSQL as (install the postgresql-15 package)"));
        const QByteArray path = QFile::encodeName(root->path());
        if (::chown(path.constData(), pw->pw_uid, pw->pw_gid) != 0)
            return fail(QStringLiteral("cannot hand %1 to the postgres user").arg(root->path()));
        ::chmod(path.constData(), 0700);
        return true;
    }

    QString maintenanceConnectionName() const { return QStringLiteral("sb_pg_maintenance_%1").arg(port); }

    // Opens a short-lived connection to the `postgres` database, runs `sql`, and removes the
    // connection again, so nothing of Qt SQL outlives the call (stop() may run at static
    // destruction, after Qt's connection registry is gone).
    bool execMaintenance(const QString& sql)
    {
        const QString name = QStringLiteral("sb_pg_maintenance_%1").arg(port);
        QString failure;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            if (!db.isValid()) {
                failure = QStringLiteral(
                    "the Qt PostgreSQL driver (QPSQL) is not available; install libqt6sql6-psql");
            } else {
                db.setHostName(QStringLiteral("127.0.0.1"));
                db.setPort(port);
                db.setUserName(kServiceUser);
                db.setDatabaseName(QStringLiteral("postgres"));
                if (!db.open()) {
                    failure = QStringLiteral("cannot connect to the test PostgreSQL server: %1")
                                  .arg(db.lastError().text());
                } else {
                    QSqlQuery query(db);
                    if (!query.exec(sql))
                        failure = QStringLiteral("%1 failed: %2").arg(sql, query.lastError().text());
                }
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return failure.isEmpty() || fail(failure);
    }
};

PostgresServer::PostgresServer() : d(std::make_unique<Private>())
{
    const QString fromEnv = qEnvironmentVariable("SB_POSTGRES_BINDIR");
    d->binDir = fromEnv.isEmpty() ? kDefaultBinDir : fromEnv;
    d->asRoot = ::getuid() == 0;
}

PostgresServer::~PostgresServer()
{
    stop();
}

bool PostgresServer::start()
{
    if (d->running)
        return true;
    d->error.clear();
    const QString initdb = QDir(d->binDir).filePath(QStringLiteral("initdb"));
    const QString pgCtl = QDir(d->binDir).filePath(QStringLiteral("pg_ctl"));
    for (const QString& binary : {initdb, pgCtl}) {
        const QFileInfo info(binary);
        if (!info.exists() || !info.isExecutable())
            return d->fail(
                QStringLiteral("PostgreSQL server binaries not found: %1 is missing (install the "
                               "postgresql-15 package, or point SB_POSTGRES_BINDIR at the directory "
                               "holding initdb and pg_ctl)")
                    .arg(binary));
    }
    if (d->asRoot && QStandardPaths::findExecutable(QStringLiteral("runuser")).isEmpty())
        return d->fail(
            QStringLiteral("running as root, and PostgreSQL refuses to run as root: 'runuser' (util-linux) "
                           "is needed to start it as the postgres user, but it is not on PATH"));
    if (!d->prepareDirectory())
        return false;

    const CommandResult init =
        d->run(initdb,
               {QStringLiteral("-D"), d->dataDir(), QStringLiteral("-A"), QStringLiteral("trust"),
                QStringLiteral("-U"), kServiceUser, QStringLiteral("-E"), QStringLiteral("UTF8"),
                QStringLiteral("--locale=C"), QStringLiteral("--no-sync")},
               120000);
    if (!init.started)
        return d->fail(QStringLiteral("cannot run %1%2: %3")
                           .arg(d->asRoot ? QStringLiteral("runuser for ") : QString(), initdb, init.output));
    if (init.exitCode != 0)
        return d->fail(QStringLiteral("initdb failed (exit %1): %2").arg(init.exitCode).arg(init.output));

    // A free port can be taken between probing and binding: try a few.
    QString lastFailure;
    for (int attempt = 0; attempt < 4; ++attempt) {
        d->port = pickFreePort();
        if (d->port == 0)
            return d->fail(QStringLiteral("cannot find a free TCP port on 127.0.0.1"));
        const QString options = QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off "
                                               "-c synchronous_commit=off -c full_page_writes=off "
                                               "-c max_connections=100 -c TimeZone=UTC")
                                    .arg(d->port)
                                    .arg(d->root->path());
        const CommandResult started =
            d->run(pgCtl,
                   {QStringLiteral("-D"), d->dataDir(), QStringLiteral("-l"), d->logFile(),
                    QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"),
                    options, QStringLiteral("start")},
                   90000);
        if (started.started && started.exitCode == 0) {
            d->running = true;
            return true;
        }
        lastFailure = started.output + QStringLiteral("\n") + d->readLog().right(2000);
    }
    d->port = 0;
    return d->fail(QStringLiteral("pg_ctl start failed: %1").arg(lastFailure.trimmed()));
}

void PostgresServer::stop()
{
    if (d->running) {
        const QString pgCtl = QDir(d->binDir).filePath(QStringLiteral("pg_ctl"));
        d->run(pgCtl,
               {QStringLiteral("-D"), d->dataDir(), QStringLiteral("-m"), QStringLiteral("immediate"),
                QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("stop")},
               40000);
        d->running = false;
    }
    d->root.reset(); // removes the directory (root may delete the postgres-owned files)
}

bool PostgresServer::isRunning() const
{
    return d->running;
}

QString PostgresServer::errorString() const
{
    return d->error;
}

QString PostgresServer::host() const
{
    return QStringLiteral("127.0.0.1");
}

quint16 PostgresServer::port() const
{
    return d->port;
}

QString PostgresServer::socketDirectory() const
{
    return d->root ? d->root->path() : QString();
}

QString PostgresServer::superuser() const
{
    return kServiceUser;
}

QString PostgresServer::binDirectory() const
{
    return d->binDir;
}

QString PostgresServer::dataDirectory() const
{
    return d->dataDir();
}

QString PostgresServer::logFilePath() const
{
    return d->logFile();
}

QString PostgresServer::serverLog() const
{
    return d->readLog();
}

bool PostgresServer::createDatabase(const QString& name)
{
    if (!d->running)
        return d->fail(QStringLiteral("the PostgreSQL server is not running"));
    if (!isIdentifier(name))
        return d->fail(QStringLiteral("invalid database name '%1'").arg(name));
    return d->execMaintenance(
        QStringLiteral("CREATE DATABASE \"%1\" TEMPLATE template0 ENCODING 'UTF8'").arg(name));
}

bool PostgresServer::dropDatabase(const QString& name)
{
    if (!d->running)
        return d->fail(QStringLiteral("the PostgreSQL server is not running"));
    if (!isIdentifier(name))
        return d->fail(QStringLiteral("invalid database name '%1'").arg(name));
    return d->execMaintenance(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(name));
}

QString PostgresServer::createUniqueDatabase(const QString& prefix)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("%1_%2").arg(prefix).arg(++counter);
    return createDatabase(name) ? name : QString();
}

bool PostgresServer::openConnection(const QString& connectionName, const QString& database)
{
    if (!d->running)
        return d->fail(QStringLiteral("the PostgreSQL server is not running"));
    if (QSqlDatabase::contains(connectionName)) {
        QSqlDatabase::database(connectionName, false).close();
        QSqlDatabase::removeDatabase(connectionName);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    if (!db.isValid())
        return d->fail(
            QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not available; install libqt6sql6-psql"));
    db.setHostName(host());
    db.setPort(d->port);
    db.setUserName(kServiceUser);
    db.setDatabaseName(database);
    if (!db.open())
        return d->fail(QStringLiteral("cannot open database '%1': %2").arg(database, db.lastError().text()));
    return true;
}

namespace {

struct SharedState
{
    std::unique_ptr<PostgresServer> server;
    bool attempted = false;
    QString error;
};

SharedState& sharedState()
{
    static SharedState state;
    return state;
}

void stopShared()
{
    sharedState().server.reset(); // stops the server and deletes its directory
}

} // namespace

PostgresServer* PostgresServer::shared(QString* error)
{
    SharedState& state = sharedState();
    if (!state.attempted) {
        state.attempted = true;
        auto server = std::make_unique<PostgresServer>();
        if (server->start()) {
            state.server = std::move(server);
            if (QCoreApplication::instance())
                qAddPostRoutine(stopShared);
        } else {
            state.error = server->errorString();
        }
    }
    if (error)
        *error = state.error;
    return state.server.get();
}

} // namespace testsupport
