// PgSession, PgExecutor and PgMigrator against the private PostgreSQL 15 cluster
// (testsupport::PostgresServer): bound parameters and types, SQLSTATE → Error, connection loss
// and reconnects, the password callback, transactions, migrations and the server log.
#include <gtest/gtest.h>

#include "backends/migration_files.h"
#include "backends/postgres/pg_executor.h"
#include "backends/migration_files.h"
#include "backends/postgres/pg_migrator.h"
#include "backends/postgres/pg_session.h"
#include "postgres_server.h"
#include "sql/sql_params.h"

#include <QDate>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QThread>
#include <QUuid>

#include <atomic>

using namespace core;

namespace {

// How many migrations there are (numbers may skip one reserved for another change).
qint64 migrationCount() { return core::MigrationFiles::read(QStringLiteral(":/migrations/postgres")).size(); }


template <typename T>
Result<T> await(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

std::string text(const Error& e) { return e.toString().toStdString(); }

class PostgresSessionTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QString error;
        m_server = testsupport::PostgresServer::shared(&error);
        ASSERT_NE(m_server, nullptr) << "private PostgreSQL cluster: " << error.toStdString();
        m_database = m_server->createUniqueDatabase(QStringLiteral("pgsession"));
        ASSERT_FALSE(m_database.isEmpty()) << m_server->errorString().toStdString();
    }

    QString conninfo(const QString& user = QStringLiteral("postgres")) const
    {
        return QStringLiteral("host=127.0.0.1 port=%1 dbname=%2 user=%3").arg(m_server->port()).arg(m_database, user);
    }

    PgConnectionSettings settings(const QString& user = QStringLiteral("postgres")) const
    {
        PgConnectionSettings s;
        s.conninfo = conninfo(user);
        s.connectTimeout = std::chrono::seconds(5);
        return s;
    }

    std::unique_ptr<PgSession> open(const QString& user = QStringLiteral("postgres"))
    {
        auto s = PgSession::open(settings(user), QStringLiteral("connect"));
        EXPECT_TRUE(s.ok()) << (s.ok() ? std::string() : text(s.error()));
        return s.ok() ? std::move(s).value() : nullptr;
    }

    static void run(PgSession& session, const QString& sql)
    {
        auto s = session.executeScript(sql, QStringLiteral("prepare the test"));
        ASSERT_TRUE(s.ok()) << text(s.error());
    }

    static qlonglong scalar(SqlSession& session, const QString& sql)
    {
        auto r = session.query(BoundSql{sql, {}}, QStringLiteral("read a number"));
        EXPECT_TRUE(r.ok()) << (r.ok() ? std::string() : text(r.error()));
        return r.ok() && !r.value().isEmpty() ? r.value().rows.at(0).value(0).toLongLong() : -1;
    }

    // Waits until the server process `pid` is gone (pg_terminate_backend is asynchronous).
    static bool waitUntilGone(PgSession& admin, int pid)
    {
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            SqlParams p;
            const QString k = p.addInt(pid);
            auto r = admin.query(BoundSql{QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = %1").arg(k), p.take()},
                                 QStringLiteral("watch the server"));
            if (r.ok() && r.value().rows.at(0).value(0).toLongLong() == 0)
                return true;
            QThread::msleep(20);
        }
        return false;
    }

    testsupport::PostgresServer* m_server = nullptr;
    QString m_database;
};

Result<SqlRows> selectPid(SqlSession& s)
{
    return s.query(BoundSql{QStringLiteral("SELECT pg_backend_pid() AS pid"), {}}, QStringLiteral("read the pid"));
}

} // namespace

TEST(PgSessionTranslate, NumbersPlaceholdersByFirstAppearanceAndSkipsLiteralsIdentifiersCastsAndComments)
{
    BoundSql sql{QStringLiteral("SELECT :p2, ':p1 it''s', \"col:p1\", x::text, :p1, :p2, :p12, E'\\':p1', "
                                "$$ :p1 $$, $tag$ :p2 $tag$ /* :p1 */ -- :p1\n, :p1::int8"),
                 {SqlParam{QStringLiteral("p1"), 1, SqlParam::Type::Int}, SqlParam{QStringLiteral("p2"), 2, SqlParam::Type::Int},
                  SqlParam{QStringLiteral("p12"), 12, SqlParam::Type::Int}}};
    auto t = PgSession::translate(sql);
    ASSERT_TRUE(t.ok()) << text(t.error());
    EXPECT_EQ(QString::fromUtf8(t.value().sql),
              QStringLiteral("SELECT $1, ':p1 it''s', \"col:p1\", x::text, $2, $1, $3, E'\\':p1', "
                             "$$ :p1 $$, $tag$ :p2 $tag$ /* :p1 */ -- :p1\n, $2::int8"));
    EXPECT_EQ(t.value().order, (QList<qsizetype>{1, 0, 2}));

    auto missing = PgSession::translate(BoundSql{QStringLiteral("SELECT :p9"), {}});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::Internal);
}

TEST(PgSessionConnInfo, PrintableConnInfoDropsPasswords)
{
    const QString kv = PgSession::printableConnInfo(
        QStringLiteral("host=db.example.com port=5432 dbname=segments user=alice password='s3cr3t pw' sslmode=require"));
    EXPECT_FALSE(kv.contains(QStringLiteral("s3cr3t"))) << kv.toStdString();
    EXPECT_FALSE(kv.contains(QStringLiteral("password"))) << kv.toStdString();
    EXPECT_TRUE(kv.contains(QStringLiteral("host=db.example.com"))) << kv.toStdString();
    EXPECT_TRUE(kv.contains(QStringLiteral("user=alice"))) << kv.toStdString();

    const QString uri = PgSession::printableConnInfo(QStringLiteral("postgresql://alice:tok3nValue@db.example.com:5432/segments"));
    EXPECT_FALSE(uri.contains(QStringLiteral("tok3nValue"))) << uri.toStdString();
    EXPECT_TRUE(uri.contains(QStringLiteral("db.example.com"))) << uri.toStdString();

    const QString broken = PgSession::printableConnInfo(QStringLiteral("host=x password=hunter22 'unterminated"));
    EXPECT_FALSE(broken.contains(QStringLiteral("hunter22"))) << broken.toStdString();
}

TEST(PgSessionOffline, NoConnectionIsANetworkErrorNotACrash)
{
    PgSession session(nullptr, QStringLiteral("host=nowhere"));
    auto r = session.query(BoundSql{QStringLiteral("SELECT 1"), {}}, QStringLiteral("load the segments"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Network);
    EXPECT_TRUE(r.error().userMessage.startsWith(QStringLiteral("Could not load the segments:")));
    EXPECT_FALSE(session.begin(QStringLiteral("begin")).ok());
    session.rollback(); // never fails
}

TEST_F(PostgresSessionTest, ValuesRoundTripAsBoundParametersWithTheirTypes)
{
    auto session = open();
    ASSERT_TRUE(session);
    const QString tricky = QStringLiteral("O'Brien \"quoted\" ; DROP TABLE x; -- :p1 $1");
    const QString unicode = QStringLiteral("Zürich – 東京 🎯");
    const QDateTime when(QDate(2024, 3, 1), QTime(12, 34, 56, 789), Qt::UTC);
    SqlParams p;
    const QString s = p.addString(tricky);
    const QString n = p.addInt(-9007199254740993LL);
    const QString d = p.addDate(QStringLiteral("2024-02-29"));
    const QString b = p.add(true);
    const QString f = p.add(3.25);
    const QString nul = p.add(QVariant());
    const QString u = p.addString(unicode);
    const QString ts = p.add(when);
    const QString nullString = p.addString(QString());
    const QString emptyString = p.addString(QStringLiteral(""));
    const BoundSql sql{QStringLiteral("SELECT %1::text AS s, ':p1' AS lit, %2 AS n, %3 AS d, %4 AS b, %5 AS f, %6::text AS nul, "
                                      "%7 AS u, %1 = %7 AS same, %2 + 1 AS n1, 1.5::numeric AS num, 7::int4 AS i4, "
                                      "7::int2 AS i2, false AS no, DATE '2000-01-02' AS lit_date, %8 = "
                                      "TIMESTAMPTZ '2024-03-01 12:34:56.789+00' AS ts_ok, %9::text IS NULL AS null_string, "
                                      "%10::text IS NULL AS empty_string, %1 AS again")
                           .arg(s, n, d, b, f, nul, u, ts, nullString)
                           .arg(emptyString),
                       p.take()};
    auto r = session->query(sql, QStringLiteral("read values"));
    ASSERT_TRUE(r.ok()) << text(r.error());
    ASSERT_EQ(r.value().size(), 1);
    const SqlRows& rows = r.value();
    EXPECT_EQ(rows.value(0, QStringLiteral("s")), QVariant(tricky));
    EXPECT_EQ(rows.value(0, QStringLiteral("again")), QVariant(tricky));
    EXPECT_EQ(rows.value(0, QStringLiteral("lit")), QVariant(QStringLiteral(":p1")));
    EXPECT_EQ(rows.value(0, QStringLiteral("n")).metaType().id(), QMetaType::LongLong);
    EXPECT_EQ(rows.value(0, QStringLiteral("n")).toLongLong(), -9007199254740993LL);
    EXPECT_EQ(rows.value(0, QStringLiteral("n1")).toLongLong(), -9007199254740992LL);
    EXPECT_EQ(rows.value(0, QStringLiteral("d")), QVariant(QDate(2024, 2, 29)));
    EXPECT_EQ(rows.value(0, QStringLiteral("lit_date")), QVariant(QDate(2000, 1, 2)));
    EXPECT_EQ(rows.value(0, QStringLiteral("b")), QVariant(true));
    EXPECT_EQ(rows.value(0, QStringLiteral("no")), QVariant(false));
    EXPECT_EQ(rows.value(0, QStringLiteral("f")).metaType().id(), QMetaType::Double);
    EXPECT_DOUBLE_EQ(rows.value(0, QStringLiteral("f")).toDouble(), 3.25);
    EXPECT_EQ(rows.value(0, QStringLiteral("num")).metaType().id(), QMetaType::Double);
    EXPECT_DOUBLE_EQ(rows.value(0, QStringLiteral("num")).toDouble(), 1.5);
    EXPECT_EQ(rows.value(0, QStringLiteral("i4")), QVariant(qlonglong(7)));
    EXPECT_EQ(rows.value(0, QStringLiteral("i2")), QVariant(qlonglong(7)));
    EXPECT_FALSE(rows.value(0, QStringLiteral("nul")).isValid());
    EXPECT_EQ(rows.value(0, QStringLiteral("u")), QVariant(unicode));
    EXPECT_EQ(rows.value(0, QStringLiteral("same")), QVariant(false));
    EXPECT_EQ(rows.value(0, QStringLiteral("ts_ok")), QVariant(true));
    // SqlParams::addString binds a null QString as the empty text; SQL NULL is add(QVariant()).
    EXPECT_EQ(rows.value(0, QStringLiteral("null_string")), QVariant(false));
    EXPECT_EQ(rows.value(0, QStringLiteral("empty_string")), QVariant(false));
}

TEST_F(PostgresSessionTest, NullsAndTypedColumnsRoundTripThroughATable)
{
    auto session = open();
    ASSERT_TRUE(session);
    run(*session, QStringLiteral("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, day DATE, n BIGINT, flag BOOLEAN, "
                                 "x DOUBLE PRECISION, v VARCHAR(10));"));
    SqlParams p;
    const QString values = QStringList{p.addInt(1), p.add(QVariant()), p.add(QVariant(), SqlParam::Type::Date),
                                       p.add(QVariant(), SqlParam::Type::Int), p.add(QVariant(false)), p.add(-0.5),
                                       p.addString(QStringLiteral("vé"))}
                               .join(QStringLiteral(", "));
    auto inserted = session->execute(
        BoundSql{QStringLiteral("INSERT INTO t (id, name, day, n, flag, x, v) VALUES (%1)").arg(values), p.take()},
        QStringLiteral("insert"));
    ASSERT_TRUE(inserted.ok()) << text(inserted.error());
    EXPECT_EQ(inserted.value(), 1);
    auto r = session->query(BoundSql{QStringLiteral("SELECT * FROM t"), {}}, QStringLiteral("read"));
    ASSERT_TRUE(r.ok()) << text(r.error());
    ASSERT_EQ(r.value().size(), 1);
    EXPECT_EQ(r.value().columns, (QStringList{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("day"),
                                              QStringLiteral("n"), QStringLiteral("flag"), QStringLiteral("x"),
                                              QStringLiteral("v")}));
    EXPECT_EQ(r.value().value(0, QStringLiteral("id")), QVariant(qlonglong(1)));
    for (const char* column : {"name", "day", "n"})
        EXPECT_FALSE(r.value().value(0, QLatin1String(column)).isValid()) << column;
    EXPECT_EQ(r.value().value(0, QStringLiteral("flag")), QVariant(false));
    EXPECT_DOUBLE_EQ(r.value().value(0, QStringLiteral("x")).toDouble(), -0.5);
    EXPECT_EQ(r.value().value(0, QStringLiteral("v")), QVariant(QStringLiteral("vé")));
}

TEST_F(PostgresSessionTest, ExecuteCountsTheRowsItChanged)
{
    auto session = open();
    ASSERT_TRUE(session);
    run(*session, QStringLiteral("CREATE TABLE t (id BIGINT PRIMARY KEY, tag TEXT NOT NULL);"));
    SqlParams p;
    auto inserted = session->execute(BoundSql{QStringLiteral("INSERT INTO t VALUES (%1, %2), (%3, %2), (%4, 'b')")
                                                  .arg(p.addInt(1), p.addString(QStringLiteral("a")), p.addInt(2), p.addInt(3)),
                                              p.take()},
                                     QStringLiteral("insert"));
    ASSERT_TRUE(inserted.ok()) << text(inserted.error());
    EXPECT_EQ(inserted.value(), 3);
    SqlParams q;
    auto updated = session->execute(
        BoundSql{QStringLiteral("UPDATE t SET tag = %1 WHERE tag = %2").arg(q.addString(QStringLiteral("c")), q.addString(QStringLiteral("a"))),
                 q.take()},
        QStringLiteral("update"));
    ASSERT_TRUE(updated.ok()) << text(updated.error());
    EXPECT_EQ(updated.value(), 2);
    auto none = session->execute(BoundSql{QStringLiteral("DELETE FROM t WHERE id > 100"), {}}, QStringLiteral("delete"));
    ASSERT_TRUE(none.ok()) << text(none.error());
    EXPECT_EQ(none.value(), 0);
    EXPECT_EQ(scalar(*session, QStringLiteral("SELECT count(*) FROM t WHERE tag = 'c'")), 2);
}

TEST_F(PostgresSessionTest, UniqueViolationIsAConflictWithItsSqlstate)
{
    auto session = open();
    ASSERT_TRUE(session);
    run(*session, QStringLiteral("CREATE TABLE t (id BIGINT PRIMARY KEY);\nINSERT INTO t VALUES (1);"));
    SqlParams p;
    auto r = session->execute(BoundSql{QStringLiteral("INSERT INTO t VALUES (%1)").arg(p.addInt(1)), p.take()},
                              QStringLiteral("save the segment"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Conflict) << text(r.error());
    EXPECT_EQ(r.error().code, QStringLiteral("23505"));
    EXPECT_TRUE(r.error().userMessage.startsWith(QStringLiteral("Could not save the segment: "))) << text(r.error());
    EXPECT_TRUE(r.error().detail.contains(QStringLiteral("duplicate key"))) << text(r.error());
}

TEST_F(PostgresSessionTest, MissingTableOrColumnIsRemoteAndAsksForProvisioning)
{
    auto session = open();
    ASSERT_TRUE(session);
    auto table = session->query(BoundSql{QStringLiteral("SELECT * FROM gold_segments"), {}}, QStringLiteral("load the segments"));
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.error().kind, ErrorKind::Remote) << text(table.error());
    EXPECT_EQ(table.error().code, QStringLiteral("42P01"));
    EXPECT_TRUE(table.error().remediation.contains(QStringLiteral("segctl provision"))) << text(table.error());
    auto column = session->query(BoundSql{QStringLiteral("SELECT no_such_column FROM pg_class"), {}}, QStringLiteral("load"));
    ASSERT_FALSE(column.ok());
    EXPECT_EQ(column.error().code, QStringLiteral("42703"));
    EXPECT_TRUE(column.error().remediation.contains(QStringLiteral("segctl provision")));
    // The session is still usable after a failed statement.
    EXPECT_EQ(scalar(*session, QStringLiteral("SELECT 41 + 1")), 42);
}

TEST_F(PostgresSessionTest, RoleWithoutGrantGetsAPermissionError)
{
    auto admin = open();
    ASSERT_TRUE(admin);
    const QString role = m_database + QStringLiteral("_reader");
    run(*admin, QStringLiteral("CREATE ROLE %1 LOGIN;\nCREATE TABLE private_data (id BIGINT);").arg(role));
    auto reader = open(role);
    ASSERT_TRUE(reader);
    auto r = reader->query(BoundSql{QStringLiteral("SELECT * FROM private_data"), {}}, QStringLiteral("load the segments"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Permission) << text(r.error());
    EXPECT_EQ(r.error().code, QStringLiteral("42501"));
    EXPECT_TRUE(r.error().remediation.contains(QStringLiteral("GRANT"))) << text(r.error());
    reader.reset();
    run(*admin, QStringLiteral("DROP TABLE private_data;\nDROP ROLE %1;").arg(role));
}

TEST_F(PostgresSessionTest, UnknownRoleIsAnAuthErrorOfTheTaskWithoutSecrets)
{
    const QString secret = QStringLiteral("tok-0123456789-very-secret");
    std::atomic<int> asked{0};
    PgConnectionSettings s = settings(QStringLiteral("no_such_role_here"));
    s.conninfo += QStringLiteral(" password=conninfoSecret42");
    s.password = [&]() -> Result<QString> {
        ++asked;
        return secret;
    };
    PgExecutor executor(s);
    auto r = await(executor.submit<SqlRows>(selectPid));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Auth) << text(r.error());
    EXPECT_EQ(r.error().code, QStringLiteral("28000"));
    EXPECT_EQ(asked.load(), 1);
    const QString all = r.error().toString();
    EXPECT_FALSE(all.contains(secret)) << all.toStdString();
    EXPECT_FALSE(all.contains(QStringLiteral("conninfoSecret42"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("no_such_role_here"))) << all.toStdString();
    EXPECT_FALSE(executor.printableConnInfo().contains(QStringLiteral("conninfoSecret42")));
}

TEST_F(PostgresSessionTest, PasswordCallbackIsAskedAtEveryConnectAndItsFailureIsTheTasksError)
{
    std::atomic<int> asked{0};
    std::atomic<bool> refuse{false};
    PgConnectionSettings s = settings();
    s.password = [&]() -> Result<QString> {
        ++asked;
        if (refuse)
            return Error{ErrorKind::Auth, 0, QStringLiteral("token_expired"), QStringLiteral("Sign in again."), {}, {}};
        return QStringLiteral("token-%1").arg(asked.load());
    };
    PgExecutor executor(s);
    auto first = await(executor.submit<SqlRows>(selectPid));
    ASSERT_TRUE(first.ok()) << text(first.error());
    auto second = await(executor.submit<SqlRows>(selectPid));
    ASSERT_TRUE(second.ok()) << text(second.error());
    EXPECT_EQ(asked.load(), 1) << "a healthy connection is reused";
    EXPECT_EQ(first.value().value(0, QStringLiteral("pid")), second.value().value(0, QStringLiteral("pid")));

    executor.resetConnection();
    auto third = await(executor.submit<SqlRows>(selectPid));
    ASSERT_TRUE(third.ok()) << text(third.error());
    EXPECT_EQ(asked.load(), 2);
    EXPECT_NE(third.value().value(0, QStringLiteral("pid")), first.value().value(0, QStringLiteral("pid")));

    refuse = true;
    executor.resetConnection();
    auto refused = await(executor.submit<SqlRows>(selectPid));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, QStringLiteral("token_expired"));
    EXPECT_EQ(asked.load(), 3);
}

// Decision: a connection the server closed while it sat idle is noticed before the next task is
// sent (PgSession::isConnected) and replaced transparently, asking for the password again.
TEST_F(PostgresSessionTest, IdleConnectionTerminatedByTheServerIsReplacedTransparently)
{
    std::atomic<int> asked{0};
    PgConnectionSettings s = settings();
    s.password = [&]() -> Result<QString> {
        ++asked;
        return QStringLiteral("renewed-token");
    };
    PgExecutor executor(s);
    auto before = await(executor.submit<SqlRows>(selectPid));
    ASSERT_TRUE(before.ok()) << text(before.error());
    const int pid = static_cast<int>(before.value().value(0, QStringLiteral("pid")).toLongLong());
    ASSERT_GT(pid, 0);

    auto admin = open();
    ASSERT_TRUE(admin);
    SqlParams p;
    auto killed = admin->query(BoundSql{QStringLiteral("SELECT pg_terminate_backend(%1::int4)").arg(p.addInt(pid)), p.take()},
                               QStringLiteral("terminate"));
    ASSERT_TRUE(killed.ok()) << text(killed.error());
    ASSERT_TRUE(waitUntilGone(*admin, pid));

    auto after = await(executor.submit<SqlRows>(selectPid));
    ASSERT_TRUE(after.ok()) << text(after.error());
    EXPECT_NE(after.value().value(0, QStringLiteral("pid")).toLongLong(), pid);
    EXPECT_EQ(asked.load(), 2);
}

// Decision: a connection lost while a task runs fails that task with a Network error (its
// statement is never retried: it may have run); the next task reconnects.
TEST_F(PostgresSessionTest, ConnectionLostDuringATaskIsANetworkErrorAndTheNextTaskReconnects)
{
    PgExecutor executor(settings());
    auto sleeping = executor.submit<SqlRows>([](SqlSession& s) {
        return s.query(BoundSql{QStringLiteral("SELECT pg_sleep(30)"), {}}, QStringLiteral("load the segments"));
    });
    auto admin = open();
    ASSERT_TRUE(admin);
    SqlParams p;
    const QString db = p.addString(m_database);
    const BoundSql find{QStringLiteral("SELECT pid FROM pg_stat_activity WHERE datname = %1 AND application_name = "
                                       "'segment-builder' AND state = 'active' AND pid <> pg_backend_pid() AND query LIKE 'SELECT pg_sleep%'")
                            .arg(db),
                        p.take()};
    int pid = 0;
    for (QDeadlineTimer deadline(10000); pid == 0 && !deadline.hasExpired(); QThread::msleep(20)) {
        auto r = admin->query(find, QStringLiteral("find the task"));
        ASSERT_TRUE(r.ok()) << text(r.error());
        if (!r.value().isEmpty())
            pid = static_cast<int>(r.value().rows.at(0).value(0).toLongLong());
    }
    ASSERT_GT(pid, 0) << "the sleeping statement never showed in pg_stat_activity";
    SqlParams k;
    ASSERT_TRUE(admin->query(BoundSql{QStringLiteral("SELECT pg_terminate_backend(%1::int4)").arg(k.addInt(pid)), k.take()},
                             QStringLiteral("terminate"))
                    .ok());

    auto lost = await(sleeping);
    ASSERT_FALSE(lost.ok());
    EXPECT_EQ(lost.error().kind, ErrorKind::Network) << text(lost.error());
    EXPECT_TRUE(lost.error().userMessage.startsWith(QStringLiteral("Could not load the segments:")));

    auto next = await(executor.submit<SqlRows>(selectPid));
    ASSERT_TRUE(next.ok()) << text(next.error());
    EXPECT_NE(next.value().value(0, QStringLiteral("pid")).toLongLong(), pid);
}

TEST_F(PostgresSessionTest, TransactionsRollBackUnlessCommitted)
{
    PgExecutor executor(settings());
    auto setup = await(executor.submit<qint64>([](SqlSession& s) {
        return s.execute(BoundSql{QStringLiteral("CREATE TABLE t (id BIGINT PRIMARY KEY)"), {}}, QStringLiteral("create"));
    }));
    ASSERT_TRUE(setup.ok()) << text(setup.error());
    auto insert = [](SqlSession& s, qint64 id) {
        SqlParams p;
        return s.execute(BoundSql{QStringLiteral("INSERT INTO t VALUES (%1)").arg(p.addInt(id)), p.take()}, QStringLiteral("insert"));
    };

    auto abandoned = await(executor.submit<Done>([&](SqlSession& s) -> Status {
        SqlTransaction tx(s);
        if (auto b = tx.begin(QStringLiteral("insert")); !b)
            return b;
        if (auto r = insert(s, 1); !r)
            return r.error();
        return success(); // no commit: the destructor rolls back
    }));
    ASSERT_TRUE(abandoned.ok()) << text(abandoned.error());

    auto leftOpen = await(executor.submit<Done>([&](SqlSession& s) -> Status {
        if (auto b = s.begin(QStringLiteral("insert")); !b)
            return b;
        if (auto r = insert(s, 2); !r)
            return r.error();
        return success(); // a raw begin() left open: the executor rolls it back after the task
    }));
    ASSERT_TRUE(leftOpen.ok()) << text(leftOpen.error());

    auto committed = await(executor.submit<Done>([&](SqlSession& s) -> Status {
        SqlTransaction tx(s);
        if (auto b = tx.begin(QStringLiteral("insert")); !b)
            return b;
        if (auto r = insert(s, 3); !r)
            return r.error();
        return tx.commit(QStringLiteral("insert"));
    }));
    ASSERT_TRUE(committed.ok()) << text(committed.error());

    auto failedCommit = await(executor.submit<Done>([&](SqlSession& s) -> Status {
        SqlTransaction tx(s);
        if (auto b = tx.begin(QStringLiteral("insert")); !b)
            return b;
        (void)insert(s, 4);
        (void)insert(s, 3); // duplicate: the transaction fails
        return tx.commit(QStringLiteral("save the segment"));
    }));
    ASSERT_FALSE(failedCommit.ok());
    EXPECT_EQ(failedCommit.error().code, QStringLiteral("25P02")) << text(failedCommit.error());

    auto ids = await(executor.submit<SqlRows>([](SqlSession& s) {
        return s.query(BoundSql{QStringLiteral("SELECT id FROM t ORDER BY id"), {}}, QStringLiteral("read"));
    }));
    ASSERT_TRUE(ids.ok()) << text(ids.error());
    ASSERT_EQ(ids.value().size(), 1);
    EXPECT_EQ(ids.value().rows.at(0).value(0), QVariant(qlonglong(3)));
}

TEST_F(PostgresSessionTest, MigrateCreatesTheSchemaAndASecondRunIsANoOp)
{
    ASSERT_GE(PgMigrator::latestVersion(), 2);
    auto session = open();
    ASSERT_TRUE(session);
    auto before = PgMigrator::currentVersion(*session);
    ASSERT_TRUE(before.ok()) << text(before.error());
    EXPECT_EQ(before.value(), 0);
    auto first = PgMigrator::migrate(*session);
    ASSERT_TRUE(first.ok()) << text(first.error());
    auto after = PgMigrator::currentVersion(*session);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after.value(), PgMigrator::latestVersion());

    const QStringList expected{
        QStringLiteral("advertiser_access"), QStringLiteral("advertisers"), QStringLiteral("audience_activity"), QStringLiteral("audience_profiles"),
        QStringLiteral("audit_log"), QStringLiteral("bronze_impressions"), QStringLiteral("customer_identifiers"), QStringLiteral("gold_experiment_versions"),
        QStringLiteral("gold_experiments"), QStringLiteral("gold_segment_daily_metrics"),
        QStringLiteral("gold_segment_versions"),
        QStringLiteral("gold_segments"), QStringLiteral("pipeline_batches"), QStringLiteral("pipeline_job_values"),
        QStringLiteral("pipeline_state"), QStringLiteral("ref_values"), QStringLiteral("saved_comparisons"),
        QStringLiteral("schema_migrations"), QStringLiteral("segment_reach_cache"), QStringLiteral("silver_impressions"),
        QStringLiteral("silver_quarantine")};
    auto tables = session->query(BoundSql{QStringLiteral("SELECT table_name::text FROM information_schema.tables WHERE "
                                                         "table_schema = 'public' ORDER BY 1"),
                                          {}},
                                 QStringLiteral("list tables"));
    ASSERT_TRUE(tables.ok()) << text(tables.error());
    QStringList names;
    for (const auto& row : tables.value().rows)
        names.append(row.value(0).toString());
    EXPECT_EQ(names, expected);

    const QString applied = QStringLiteral("SELECT count(*) FROM schema_migrations");
    EXPECT_EQ(scalar(*session, applied), migrationCount());
    auto stamp = session->query(BoundSql{QStringLiteral("SELECT max(applied_at)::text FROM schema_migrations"), {}},
                                QStringLiteral("read"));
    ASSERT_TRUE(stamp.ok());
    auto second = PgMigrator::migrate(*session);
    ASSERT_TRUE(second.ok()) << text(second.error());
    EXPECT_EQ(scalar(*session, applied), migrationCount());
    auto stampAgain = session->query(BoundSql{QStringLiteral("SELECT max(applied_at)::text FROM schema_migrations"), {}},
                                     QStringLiteral("read"));
    ASSERT_TRUE(stampAgain.ok());
    EXPECT_EQ(stamp.value().rows, stampAgain.value().rows);
}

TEST_F(PostgresSessionTest, ConcurrentMigrationsFromTwoExecutorsBothSucceedOnce)
{
    for (int round = 0; round < 3; ++round) {
        if (round > 0) {
            m_database = m_server->createUniqueDatabase(QStringLiteral("pgmigrate"));
            ASSERT_FALSE(m_database.isEmpty());
        }
        PgExecutor a(settings());
        PgExecutor b(settings());
        // Both connect first, so the migrations start as close together as possible.
        ASSERT_TRUE(await(a.submit<SqlRows>(selectPid)).ok());
        ASSERT_TRUE(await(b.submit<SqlRows>(selectPid)).ok());
        auto fa = a.submit<Done>([](SqlSession& s) { return PgMigrator::migrate(s); });
        auto fb = b.submit<Done>([](SqlSession& s) { return PgMigrator::migrate(s); });
        auto ra = await(fa);
        auto rb = await(fb);
        ASSERT_TRUE(ra.ok()) << text(ra.error());
        ASSERT_TRUE(rb.ok()) << text(rb.error());
        auto count = await(a.submit<SqlRows>([](SqlSession& s) {
            return s.query(BoundSql{QStringLiteral("SELECT count(*) AS migrations, count(DISTINCT version) AS versions, "
                                                   "(SELECT count(*) FROM pg_class WHERE relname = 'gold_segments') AS tables "
                                                   "FROM schema_migrations"),
                                    {}},
                           QStringLiteral("read"));
        }));
        ASSERT_TRUE(count.ok()) << text(count.error());
        EXPECT_EQ(count.value().value(0, QStringLiteral("migrations")).toLongLong(), migrationCount());
        EXPECT_EQ(count.value().value(0, QStringLiteral("versions")).toLongLong(), migrationCount());
        EXPECT_EQ(count.value().value(0, QStringLiteral("tables")).toLongLong(), 1);
    }
}

TEST_F(PostgresSessionTest, DatabaseNewerThanTheAppIsRefused)
{
    auto session = open();
    ASSERT_TRUE(session);
    ASSERT_TRUE(PgMigrator::migrate(*session).ok());
    run(*session, QStringLiteral("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from_the_future');"));
    auto s = PgMigrator::migrate(*session);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::Storage) << text(s.error());
    EXPECT_EQ(s.error().code, QStringLiteral("schema_too_new"));
    EXPECT_TRUE(s.error().detail.contains(QStringLiteral("9999")));
    EXPECT_FALSE(session->inTransaction());
}

TEST_F(PostgresSessionTest, LiveNameIsUniquePerAdvertiserUntilSoftDeleted)
{
    auto session = open();
    ASSERT_TRUE(session);
    ASSERT_TRUE(PgMigrator::migrate(*session).ok());
    run(*session, QStringLiteral("INSERT INTO advertisers VALUES ('adv-1', 'One'), ('adv-2', 'Two');"));
    auto insert = [&](const QString& id, const QString& advertiser, const QString& status = QStringLiteral("draft")) {
        SqlParams p;
        const QStringList v{p.addString(id), p.addString(advertiser), p.addString(QStringLiteral("Summer")),
                            p.addString(QStringLiteral("summer")), p.addString(status), p.addString(QStringLiteral("{}")),
                            p.addString(QStringLiteral("h")), p.addInt(1), p.addString(QStringLiteral("me")),
                            p.addString(QStringLiteral("2024-01-01T00:00:00.000Z"))};
        return session->execute(
            BoundSql{QStringLiteral("INSERT INTO gold_segments (segment_id, advertiser_id, name, name_key, status, definition, "
                                    "definition_hash, version, created_by, created_at, updated_by, updated_at) "
                                    "VALUES (%1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %9, %10)")
                         .arg(v.at(0), v.at(1), v.at(2), v.at(3), v.at(4), v.at(5), v.at(6), v.at(7), v.at(8))
                         .arg(v.at(9)),
                     p.take()},
            QStringLiteral("save the segment"));
    };
    auto first = insert(QStringLiteral("s1"), QStringLiteral("adv-1"));
    ASSERT_TRUE(first.ok()) << text(first.error());
    auto twin = insert(QStringLiteral("s2"), QStringLiteral("adv-1"));
    ASSERT_FALSE(twin.ok());
    EXPECT_EQ(twin.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(twin.error().code, QStringLiteral("23505"));
    EXPECT_TRUE(twin.error().detail.contains(QStringLiteral("gold_segments_live_name"))) << text(twin.error());
    auto otherAdvertiser = insert(QStringLiteral("s3"), QStringLiteral("adv-2"));
    EXPECT_TRUE(otherAdvertiser.ok()) << text(otherAdvertiser.error());

    SqlParams p;
    auto deleted = session->execute(BoundSql{QStringLiteral("UPDATE gold_segments SET deleted_at = %1 WHERE segment_id = %2")
                                                 .arg(p.addString(QStringLiteral("2024-02-01T00:00:00.000Z")),
                                                      p.addString(QStringLiteral("s1"))),
                                             p.take()},
                                    QStringLiteral("delete the segment"));
    ASSERT_TRUE(deleted.ok()) << text(deleted.error());
    EXPECT_EQ(deleted.value(), 1);
    auto again = insert(QStringLiteral("s2"), QStringLiteral("adv-1"));
    EXPECT_TRUE(again.ok()) << text(again.error());

    auto badStatus = insert(QStringLiteral("s4"), QStringLiteral("adv-2"), QStringLiteral("bogus"));
    ASSERT_FALSE(badStatus.ok());
    EXPECT_EQ(badStatus.error().code, QStringLiteral("23514")) << text(badStatus.error());
    auto orphan = insert(QStringLiteral("s5"), QStringLiteral("no-such-advertiser"));
    ASSERT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().code, QStringLiteral("23503")) << text(orphan.error());

    run(*session, QStringLiteral("INSERT INTO saved_comparisons (comparison_id, name, name_key, segment_ids, created_at, "
                                 "updated_at) VALUES ('c1', 'Q1', 'q1', '[]', 'x', 'x');"));
    auto sameName = session->execute(
        BoundSql{QStringLiteral("INSERT INTO saved_comparisons (comparison_id, name, name_key, segment_ids, created_at, "
                                "updated_at) VALUES ('c2', 'q1', 'q1', '[]', 'x', 'x')"),
                 {}},
        QStringLiteral("save the comparison"));
    ASSERT_FALSE(sameName.ok());
    EXPECT_EQ(sameName.error().code, QStringLiteral("23505"));
}

TEST_F(PostgresSessionTest, ValuesNeverAppearInTheServerStatementLog)
{
    auto session = open();
    ASSERT_TRUE(session);
    run(*session, QStringLiteral("SET log_statement = 'all';\nCREATE TABLE notes (body TEXT);"));
    const QString needle = QStringLiteral("needle") + QUuid::createUuid().toString(QUuid::Id128);
    SqlParams p;
    const QString v = p.addString(needle);
    auto r = session->query(BoundSql{QStringLiteral("SELECT %1::text AS echoed, length(%1) AS len").arg(v), p.take()},
                            QStringLiteral("echo"));
    ASSERT_TRUE(r.ok()) << text(r.error());
    EXPECT_EQ(r.value().value(0, QStringLiteral("echoed")), QVariant(needle));
    SqlParams q;
    auto w = session->execute(BoundSql{QStringLiteral("INSERT INTO notes VALUES (%1)").arg(q.addString(needle)), q.take()},
                              QStringLiteral("write"));
    ASSERT_TRUE(w.ok()) << text(w.error());
    run(*session, QStringLiteral("SELECT 'end-of-%1';").arg(m_database));

    QString log;
    for (QDeadlineTimer deadline(5000); !deadline.hasExpired(); QThread::msleep(20)) {
        log = m_server->serverLog();
        if (log.contains(QStringLiteral("end-of-%1").arg(m_database)))
            break;
    }
    ASSERT_TRUE(log.contains(QStringLiteral("INSERT INTO notes VALUES ($1)"))) << "statement logging was not on";
    int statementLines = 0;
    int parameterLines = 0;
    for (const auto& line : log.split(QLatin1Char('\n'))) {
        if (line.contains(QStringLiteral("statement:"), Qt::CaseInsensitive) ||
            line.contains(QStringLiteral("execute"), Qt::CaseInsensitive)) {
            ++statementLines;
            EXPECT_FALSE(line.contains(needle)) << "value in statement text: " << line.toStdString();
        }
        if (line.contains(needle)) {
            EXPECT_TRUE(line.contains(QStringLiteral("DETAIL:")) && line.contains(QStringLiteral("parameters:")))
                << line.toStdString();
            ++parameterLines;
        }
    }
    EXPECT_GE(statementLines, 3);
    EXPECT_GE(parameterLines, 1) << "the value travelled as a bound parameter";
}
