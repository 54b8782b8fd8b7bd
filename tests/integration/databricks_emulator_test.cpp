// The Databricks emulator (tests/support/databricks_emulator) against the REST contract in
// ../shared/docs/reference/databricks-api.md: SQL translation, then end to end over HTTP with a
// plain QNetworkAccessManager (not core's client) on a private PostgreSQL cluster.
#include <memory>

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include "support/databricks_emulator/databricks_emulator.h"
#include "support/databricks_emulator/databricks_sql_translator.h"
#include "support/postgres_server.h"

// Readable gtest output for Qt strings.
void PrintTo(const QString& s, std::ostream* os)
{
    *os << '"' << s.toStdString() << '"';
}

void PrintTo(const QStringList& list, std::ostream* os)
{
    *os << '[' << list.join(QStringLiteral(" | ")).toStdString() << ']';
}

using emulator::DatabricksEmulator;
using emulator::Fault;
using emulator::Principal;
using emulator::translateDatabricksSqlToPostgres;

namespace {

const QString kWarehouse = QStringLiteral("abcdef0123456789");
const QString kAdminPat = QStringLiteral("dapi-admin");

QString translated(const char* sql, const char* catalog = "main", const char* schema = "ad_segments")
{
    return translateDatabricksSqlToPostgres(QString::fromUtf8(sql), QString::fromUtf8(catalog),
                                            QString::fromUtf8(schema));
}

// ------------------------------------------------------------------------------------------------
// Translation

TEST(DatabricksSqlTranslation, CreateTableDropsDeltaClausesAndMapsTypes)
{
    EXPECT_EQ(
        translated(
            "CREATE TABLE IF NOT EXISTS main.ad_segments.gold_segments (\n"
            "  segment_id STRING NOT NULL COMMENT 'Client-generated UUID, idempotency key',\n"
            "  advertiser_id STRING NOT NULL,\n"
            "  tags ARRAY<STRING>,\n"
            "  version BIGINT COMMENT 'Optimistic concurrency counter',\n"
            "  price DECIMAL(10,2), ok BOOLEAN, day DATE, ratio DOUBLE, n INT,\n"
            "  created_at TIMESTAMP, local_at TIMESTAMP_NTZ,\n"
            "  CONSTRAINT pk PRIMARY KEY (segment_id)\n"
            ") USING DELTA PARTITIONED BY (advertiser_id) CLUSTER BY (segment_id)\n"
            "COMMENT 'Advertiser audience segments' TBLPROPERTIES ('delta.feature.allowColumnDefaults' = "
            "'supported')"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"ad_segments\".\"gold_segments\" (\n"
                       "  segment_id text NOT NULL,\n"
                       "  advertiser_id text NOT NULL,\n"
                       "  tags text[],\n"
                       "  version bigint,\n"
                       "  price numeric(10,2), ok boolean, day date, ratio double precision, n integer,\n"
                       "  created_at timestamptz, local_at timestamp)"));
}

TEST(DatabricksSqlTranslation, CreateSchemaAndOrReplaceTable)
{
    EXPECT_EQ(translated("CREATE SCHEMA IF NOT EXISTS `main`.`ad_segments` COMMENT 'Segments' "
                         "MANAGED LOCATION 's3://bucket/x'"),
              QStringLiteral("CREATE SCHEMA IF NOT EXISTS \"ad_segments\""));
    EXPECT_EQ(
        translated("CREATE OR REPLACE TABLE main.ad_segments.t (a STRING) USING DELTA"),
        QStringLiteral(
            "DROP TABLE IF EXISTS \"ad_segments\".\"t\";\nCREATE TABLE \"ad_segments\".\"t\" (a text)"));
    EXPECT_EQ(
        translated("ALTER TABLE main.ad_segments.gold_segments ALTER COLUMN name COMMENT 'Display name'"),
        QStringLiteral("COMMENT ON COLUMN \"ad_segments\".\"gold_segments\".\"name\" IS 'Display name'"));
    EXPECT_EQ(
        translated("ALTER TABLE gold_segments ADD COLUMNS (note STRING COMMENT 'free text', score DOUBLE)"),
        QStringLiteral(
            "ALTER TABLE \"gold_segments\" ADD COLUMN note text, ADD COLUMN score double precision"));
    EXPECT_EQ(translated("ALTER TABLE gold_segments SET TBLPROPERTIES ('delta.appendOnly' = 'false')"),
              QString());
    EXPECT_EQ(translated("COMMENT ON TABLE main.ad_segments.gold_segments IS 'Segments'"),
              QStringLiteral("COMMENT ON TABLE \"ad_segments\".\"gold_segments\" IS 'Segments'"));
}

TEST(DatabricksSqlTranslation, MergeKeepsStructureDropsCatalogAndTargetQualifiers)
{
    const QString merge =
        translated("MERGE INTO main.ad_segments.gold_segments AS t\n"
                   "USING (SELECT :segment_id AS segment_id, :name AS name, from_json(:tags_json, "
                   "'ARRAY<STRING>') AS tags,\n"
                   "              CAST(:version AS BIGINT) AS version, current_user() AS updated_by) AS s\n"
                   "ON t.segment_id = s.segment_id\n"
                   "WHEN MATCHED AND s.version > t.version THEN UPDATE SET t.name = s.name, tags = s.tags,\n"
                   "  updated_by = s.updated_by, updated_at = current_timestamp()\n"
                   "WHEN NOT MATCHED BY TARGET THEN INSERT (t.segment_id, name, version, updated_at)\n"
                   "  VALUES (s.segment_id, s.name, s.version, current_timestamp())");
    EXPECT_EQ(
        merge,
        QStringLiteral(
            "MERGE INTO \"ad_segments\".\"gold_segments\" AS t\n"
            "USING (SELECT :segment_id AS segment_id, :name AS name, (CASE WHEN (:tags_json) IS NULL THEN "
            "NULL "
            "ELSE ARRAY(SELECT CAST(jsonb_array_elements_text(CAST(:tags_json AS jsonb)) AS text)) END) AS "
            "tags,\n"
            "              CAST(:version AS bigint) AS version, current_setting('databricks.current_user') "
            "AS "
            "updated_by) AS s\n"
            "ON \"t\".\"segment_id\" = \"s\".\"segment_id\"\n"
            "WHEN MATCHED AND \"s\".\"version\" > \"t\".\"version\" THEN UPDATE SET name = \"s\".\"name\", "
            "tags = \"s\".\"tags\",\n"
            "  updated_by = \"s\".\"updated_by\", updated_at = current_timestamp\n"
            "WHEN NOT MATCHED THEN INSERT (segment_id, name, version, updated_at)\n"
            "  VALUES (\"s\".\"segment_id\", \"s\".\"name\", \"s\".\"version\", current_timestamp)"));
}

TEST(DatabricksSqlTranslation, ThreePartNamesBackticksAndInformationSchema)
{
    EXPECT_EQ(
        translated("SELECT g.`Name` AS `Display Name`, `main`.`ad_segments`.`gold_segments`.version FROM "
                   "`main`.`ad_segments`.`gold_segments` g JOIN ad_segments.gold_segment_versions v ON "
                   "v.segment_id = g.segment_id, other_table WHERE g.name = \"it's\" AND g.id = 'a\\'b'"),
        QStringLiteral(
            "SELECT \"g\".\"name\" AS \"display name\", \"ad_segments\".\"gold_segments\".\"version\" "
            "FROM \"ad_segments\".\"gold_segments\" g JOIN \"ad_segments\".\"gold_segment_versions\" v "
            "ON \"v\".\"segment_id\" = \"g\".\"segment_id\", \"other_table\" WHERE \"g\".\"name\" = "
            "'it''s' AND \"g\".\"id\" = 'a''b'"));
    EXPECT_EQ(translated("SELECT table_name FROM main.information_schema.tables WHERE table_schema = :s"),
              QStringLiteral(
                  "SELECT table_name FROM databricks_information_schema.\"tables\" WHERE table_schema = :s"));
    // A bare table name stays unqualified: search_path is the request's schema.
    EXPECT_EQ(translated("DELETE FROM gold_segments WHERE segment_id = :id -- trailing comment\n;"),
              QStringLiteral("DELETE FROM \"gold_segments\" WHERE segment_id = :id"));
}

TEST(DatabricksSqlTranslation, FunctionsOperatorsAndTypedParameters)
{
    EXPECT_EQ(
        translated(
            "SELECT nvl(a, 'x'), if(b > 1, 'big', 'small'), array_contains(tags, :t), a <=> b, a == 1, "
            "current_catalog(), uuid(), unix_millis(ts), c RLIKE '^x', d NOT RLIKE 'y', ts + INTERVAL 3 "
            "DAYS, "
            "CAST(x AS STRING), y::BIGINT, 10L FROM t"),
        QStringLiteral(
            "SELECT coalesce(a, 'x'), (CASE WHEN b > 1 THEN 'big' ELSE 'small' END), (:t = ANY(tags)), "
            "a IS NOT DISTINCT FROM b, a = 1, current_setting('databricks.current_catalog'), "
            "CAST(gen_random_uuid() AS text), CAST(EXTRACT(EPOCH FROM (ts)) * 1000 AS bigint), c ~ '^x', "
            "d !~ 'y', ts + INTERVAL '3 days', CAST(x AS text), y::bigint, 10 FROM \"t\""));

    EXPECT_EQ(translated("SELECT element_at(split(:csv, ','), 2), try_divide(clicks, impressions), "
                         "array_join(tags, '|'), date_add(day, 7), datediff(a, b) FROM daily"),
              QStringLiteral("SELECT (string_to_array(:csv, ','))[2], (clicks / NULLIF(impressions, 0)), "
                             "array_to_string(tags, '|'), (CAST(day AS date) + CAST(7 AS integer)), "
                             "(CAST(a AS date) - CAST(b AS date)) FROM \"daily\""));

    emulator::SqlTranslationContext context;
    context.parameterTypes.insert(QStringLiteral("d"), QStringLiteral("DATE"));
    context.parameterTypes.insert(QStringLiteral("n"), QStringLiteral("DECIMAL(10,2)"));
    context.parameterTypes.insert(QStringLiteral("s"), QString());
    const emulator::SqlTranslation t =
        emulator::translateDatabricksSql(QStringLiteral("SELECT :d, :n, :s, :d"), context);
    ASSERT_TRUE(t.ok()) << t.errorMessage.toStdString();
    EXPECT_EQ(t.statements,
              QStringList{QStringLiteral("SELECT CAST(:d AS date), CAST(:n AS numeric(10,2)), :s, "
                                         "CAST(:d AS date)")});
    EXPECT_EQ(t.parameterNames, (QStringList{QStringLiteral("d"), QStringLiteral("n"), QStringLiteral("s")}));
}

TEST(DatabricksSqlTranslation, HigherOrderFunctionsXorAndSequence)
{
    // ^ is XOR in Spark and a power in PostgreSQL.
    EXPECT_EQ(translated("SELECT a ^ b, (h ^ 7) % 10 FROM t"), QStringLiteral("SELECT a # b, (h # 7) % 10 FROM \"t\""));
    EXPECT_EQ(translated("SELECT sequence(1, n), sequence(10, 1, -3) FROM t"),
              QStringLiteral("SELECT ARRAY(SELECT generate_series(1, n, CASE WHEN (1) <= (n) THEN 1 ELSE -1 END)), "
                             "ARRAY(SELECT generate_series(10, 1, -3)) FROM \"t\""));
    // The lambda's variable names the unnested column; the fold is a recursive subquery.
    EXPECT_EQ(translated("SELECT transform(xs, x -> x * 2) FROM t"),
              QStringLiteral("SELECT ARRAY(SELECT (x * 2) FROM unnest(xs) WITH ORDINALITY AS _l1(x, _l1_o) ORDER BY "
                             "_l1_o) FROM \"t\""));
    EXPECT_EQ(translated("SELECT aggregate(xs, CAST(0 AS BIGINT), (acc, x) -> acc + x) FROM t"),
              QStringLiteral("SELECT (CASE WHEN (xs) IS NULL THEN NULL ELSE (WITH RECURSIVE _l1_e(x, _l1_o) AS "
                             "(SELECT * FROM unnest(xs) WITH ORDINALITY), _l1_f(_l1_o, acc) AS (SELECT CAST(0 AS "
                             "bigint), (CAST(0 AS bigint)) UNION ALL SELECT _l1_e._l1_o, (acc + x) FROM _l1_f JOIN "
                             "_l1_e ON _l1_e._l1_o = _l1_f._l1_o + 1) SELECT acc FROM _l1_f ORDER BY _l1_o DESC LIMIT "
                             "1) END) FROM \"t\""));
    const emulator::SqlTranslation indexed =
        emulator::translateDatabricksSql(QStringLiteral("SELECT transform(xs, (x, i) -> x + i) FROM t"), {});
    EXPECT_FALSE(indexed.ok());
    EXPECT_EQ(indexed.errorClass, QStringLiteral("UNSUPPORTED_FEATURE"));
}

TEST(DatabricksSqlTranslation, RejectsPositionalMarkersAndSecondStatements)
{
    emulator::SqlTranslationContext context;
    const auto positional =
        emulator::translateDatabricksSql(QStringLiteral("SELECT * FROM t WHERE id = ?"), context);
    EXPECT_EQ(positional.errorClass, QStringLiteral("PARSE_SYNTAX_ERROR"));
    EXPECT_TRUE(positional.statements.isEmpty());
    const auto two = emulator::translateDatabricksSql(QStringLiteral("SELECT 1; DROP TABLE t"), context);
    EXPECT_EQ(two.errorClass, QStringLiteral("PARSE_SYNTAX_ERROR"));
    const auto bySource = emulator::translateDatabricksSql(
        QStringLiteral("MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE"),
        context);
    EXPECT_EQ(bySource.errorClass, QStringLiteral("UNSUPPORTED_FEATURE"));
    EXPECT_TRUE(bySource.errorMessage.contains(QLatin1String("SQLSTATE: 0A000")));
}

TEST(DatabricksSqlTranslation, ReportsTablesWithThePrivilegeTheyNeed)
{
    emulator::SqlTranslationContext context;
    context.catalog = QStringLiteral("main");
    context.schema = QStringLiteral("ad_segments");
    const auto insert = emulator::translateDatabricksSql(
        QStringLiteral("INSERT INTO gold_segments SELECT * FROM other.source_table"), context);
    ASSERT_EQ(insert.tables.size(), 2);
    EXPECT_EQ(insert.tables[0].table, QStringLiteral("gold_segments"));
    EXPECT_EQ(insert.tables[0].schema, QStringLiteral("ad_segments"));
    EXPECT_EQ(insert.tables[0].access, emulator::TableReference::Access::Write);
    EXPECT_EQ(insert.tables[1].schema, QStringLiteral("other"));
    EXPECT_EQ(insert.tables[1].access, emulator::TableReference::Access::Read);
    EXPECT_EQ(insert.targetTable, QStringLiteral("\"ad_segments\".\"gold_segments\""));

    const auto create =
        emulator::translateDatabricksSql(QStringLiteral("CREATE TABLE x.y.z (a INT)"), context);
    ASSERT_EQ(create.tables.size(), 1);
    EXPECT_EQ(create.tables[0].catalog, QStringLiteral("x"));
    EXPECT_EQ(create.tables[0].access, emulator::TableReference::Access::Create);

    context.parameterValues.insert(QStringLiteral("t"), QStringLiteral("main.ad_segments.gold_segments"));
    const auto identifier =
        emulator::translateDatabricksSql(QStringLiteral("SELECT count(*) FROM IDENTIFIER(:t)"), context);
    EXPECT_EQ(identifier.statements,
              QStringList{QStringLiteral("SELECT count(*) FROM \"ad_segments\".\"gold_segments\"")});
    EXPECT_TRUE(identifier.parameterNames.isEmpty());

    const auto grant = emulator::translateDatabricksSql(
        QStringLiteral("GRANT SELECT, MODIFY ON TABLE main.ad_segments.gold_segments TO `segments-sp`"),
        context);
    EXPECT_EQ(grant.kind, emulator::StatementKind::Grant);
    EXPECT_EQ(grant.privileges, (QStringList{QStringLiteral("SELECT"), QStringLiteral("MODIFY")}));
    EXPECT_EQ(grant.grantee, QStringLiteral("segments-sp"));
    EXPECT_EQ(grant.securable, QStringLiteral("main.ad_segments.gold_segments"));
}

// ------------------------------------------------------------------------------------------------
// The private PostgreSQL cluster

TEST(PostgresServer, MissingBinariesGiveAClearErrorNotACrash)
{
    qputenv("SB_POSTGRES_BINDIR", "/nonexistent/postgresql/bin");
    testsupport::PostgresServer server;
    qunsetenv("SB_POSTGRES_BINDIR");
    EXPECT_FALSE(server.start());
    EXPECT_FALSE(server.isRunning());
    EXPECT_TRUE(server.errorString().contains(QLatin1String("/nonexistent/postgresql/bin/initdb")))
        << server.errorString().toStdString();
    EXPECT_TRUE(server.errorString().contains(QLatin1String("postgresql-15")));
    EXPECT_FALSE(server.createDatabase(QStringLiteral("x")));
}

TEST(PostgresServer, OwnClusterListensOnLoopbackOnlyAndIsDeletedWhenDestroyed)
{
    QString directory;
    quint16 port = 0;
    {
        testsupport::PostgresServer server;
        ASSERT_TRUE(server.start()) << server.errorString().toStdString();
        directory = server.socketDirectory();
        port = server.port();
        EXPECT_TRUE(QFileInfo::exists(QStringLiteral("%1/.s.PGSQL.%2").arg(directory).arg(port)))
            << "unix socket inside the private directory";
        EXPECT_FALSE(server.createDatabase(QStringLiteral("bad name; DROP")));
        const QString db = server.createUniqueDatabase(QStringLiteral("probe"));
        ASSERT_FALSE(db.isEmpty()) << server.errorString().toStdString();
        ASSERT_TRUE(server.openConnection(QStringLiteral("probe"), db)) << server.errorString().toStdString();
        {
            QSqlQuery q(QSqlDatabase::database(QStringLiteral("probe")));
            ASSERT_TRUE(q.exec(QStringLiteral("SELECT current_setting('listen_addresses'), current_user")))
                << q.lastError().text().toStdString();
            ASSERT_TRUE(q.next());
            EXPECT_EQ(q.value(0).toString(), QStringLiteral("127.0.0.1"));
            EXPECT_EQ(q.value(1).toString(), QStringLiteral("postgres"));
        }
        QSqlDatabase::database(QStringLiteral("probe"), false).close();
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    }
    EXPECT_FALSE(QFileInfo::exists(directory)) << "the cluster directory is deleted";
    QTcpSocket probe;
    probe.connectToHost(QStringLiteral("127.0.0.1"), port);
    EXPECT_FALSE(probe.waitForConnected(1000)) << "the server is stopped";
}

// ------------------------------------------------------------------------------------------------
// HTTP

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    bool jsonValid = false;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    bool timedOut = false;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    qint64 elapsedMs = 0;
};

class EmulatorTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QString error;
        m_postgres = testsupport::PostgresServer::shared(&error);
        ASSERT_NE(m_postgres, nullptr) << "private PostgreSQL cluster: " << error.toStdString();
        m_database = m_postgres->createUniqueDatabase(QStringLiteral("emulator"));
        ASSERT_FALSE(m_database.isEmpty()) << m_postgres->errorString().toStdString();
        m_connection = QStringLiteral("conn_") + m_database;
        ASSERT_TRUE(m_postgres->openConnection(m_connection, m_database))
            << m_postgres->errorString().toStdString();
        m_emulator = std::make_unique<DatabricksEmulator>(m_connection);
        ASSERT_TRUE(m_emulator->listen());
        m_emulator->addWarehouse(kWarehouse, QStringLiteral("Test warehouse"));
        Principal admin;
        admin.name = QStringLiteral("admin@example.com");
        m_emulator->addPersonalAccessToken(kAdminPat, admin);
        m_network = std::make_unique<QNetworkAccessManager>();
    }

    void TearDown() override
    {
        m_network.reset();
        m_emulator.reset();
        if (!m_connection.isEmpty()) {
            QSqlDatabase::database(m_connection, false).close();
            QSqlDatabase::removeDatabase(m_connection);
        }
        if (m_postgres && !m_database.isEmpty())
            m_postgres->dropDatabase(m_database);
    }

    HttpReply send(const QByteArray& method, const QString& pathOrUrl, const QByteArray& body = {},
                   const QString& token = kAdminPat, int timeoutMs = 15000,
                   const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        const QUrl url = pathOrUrl.startsWith(QLatin1String("http"))
                             ? QUrl(pathOrUrl)
                             : QUrl(m_emulator->baseUrl().toString() + pathOrUrl);
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        QElapsedTimer clock;
        clock.start();
        QNetworkReply* reply = m_network->sendCustomRequest(request, method, body);
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        HttpReply out;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
            out.timedOut = true;
            reply->abort();
        });
        timer.start(timeoutMs);
        if (!reply->isFinished())
            loop.exec();
        out.elapsedMs = clock.elapsed();
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->isOpen() ? reply->readAll() : QByteArray();
        out.error = reply->error();
        for (const auto& [name, value] : reply->rawHeaderPairs())
            out.headers.insert(name.toLower(), value);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(out.body, &parseError);
        out.jsonValid = parseError.error == QJsonParseError::NoError && doc.isObject();
        out.json = doc.object();
        reply->deleteLater();
        return out;
    }

    HttpReply submit(const QString& sql, QJsonObject extra = {}, const QString& token = kAdminPat)
    {
        extra.insert(QStringLiteral("statement"), sql);
        extra.insert(QStringLiteral("warehouse_id"), kWarehouse);
        if (!extra.contains(QStringLiteral("catalog")))
            extra.insert(QStringLiteral("catalog"), QStringLiteral("main"));
        if (!extra.contains(QStringLiteral("schema")))
            extra.insert(QStringLiteral("schema"), QStringLiteral("ad_segments"));
        if (!extra.contains(QStringLiteral("wait_timeout")))
            extra.insert(QStringLiteral("wait_timeout"), QStringLiteral("50s"));
        return send("POST", QStringLiteral("/api/2.0/sql/statements"), QJsonDocument(extra).toJson(), token);
    }

    static QJsonArray params(std::initializer_list<std::array<const char*, 3>> list)
    {
        QJsonArray out;
        for (const auto& p : list) {
            QJsonObject o{{QStringLiteral("name"), QString::fromUtf8(p[0])}};
            if (p[1])
                o.insert(QStringLiteral("value"), QString::fromUtf8(p[1]));
            if (p[2])
                o.insert(QStringLiteral("type"), QString::fromUtf8(p[2]));
            out.append(o);
        }
        return out;
    }

    static QString state(const HttpReply& r)
    {
        return r.json.value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString();
    }

    static QJsonArray rows(const HttpReply& r)
    {
        return r.json.value(QStringLiteral("result"))
            .toObject()
            .value(QStringLiteral("data_array"))
            .toArray();
    }

    // Runs a statement that must succeed; returns the response.
    HttpReply ok(const QString& sql, QJsonObject extra = {}, const QString& token = kAdminPat)
    {
        HttpReply r = submit(sql, extra, token);
        EXPECT_EQ(r.status, 200) << r.body.toStdString();
        EXPECT_EQ(state(r), QStringLiteral("SUCCEEDED")) << sql.toStdString() << "\n" << r.body.toStdString();
        return r;
    }

    void createSegmentsTable()
    {
        ok(QStringLiteral("CREATE SCHEMA IF NOT EXISTS main.ad_segments COMMENT 'Segments'"));
        ok(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS main.ad_segments.gold_segments (segment_id STRING NOT NULL COMMENT "
            "'key', name STRING, version BIGINT, updated_at TIMESTAMP) USING DELTA COMMENT 'Segments' "
            "TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')"));
    }

    qint64 countRows(const QString& table)
    {
        QSqlQuery q(QSqlDatabase::database(m_connection));
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)));
        return q.next() ? q.value(0).toLongLong() : -1;
    }

    testsupport::PostgresServer* m_postgres = nullptr;
    QString m_database;
    QString m_connection;
    std::unique_ptr<DatabricksEmulator> m_emulator;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

TEST_F(EmulatorTest, PersonalAccessTokenIsRequiredAndChecked)
{
    const HttpReply none = send("GET", QStringLiteral("/api/2.0/preview/scim/v2/Me"), {}, QString());
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.json.value(QStringLiteral("error_code")).toInt(), 401);
    EXPECT_TRUE(none.json.value(QStringLiteral("error_code")).isDouble()) << "auth error_code is an integer";
    EXPECT_EQ(none.headers.value("www-authenticate"), QByteArrayLiteral("Bearer realm=\"DatabricksRealm\""));

    const HttpReply wrong =
        send("GET", QStringLiteral("/api/2.0/preview/scim/v2/Me"), {}, QStringLiteral("dapi-nope"));
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(wrong.json.value(QStringLiteral("message")).toString(),
              QStringLiteral("Invalid access token."));

    const HttpReply me = send("GET", QStringLiteral("/api/2.0/preview/scim/v2/Me"));
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(me.json.value(QStringLiteral("userName")).toString(), QStringLiteral("admin@example.com"));
    EXPECT_FALSE(me.json.value(QStringLiteral("id")).toString().isEmpty());

    const HttpReply unknown = send("GET", QStringLiteral("/api/2.0/no/such/api"));
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.json.value(QStringLiteral("error_code")).toString(),
              QStringLiteral("ENDPOINT_NOT_FOUND"));
}

TEST_F(EmulatorTest, MachineToMachineTokensAreIssuedAndExpire)
{
    Principal sp;
    sp.name = QStringLiteral("segments-sp");
    m_emulator->addServicePrincipal(QStringLiteral("client-1"), QStringLiteral("secret-1"), sp);
    m_emulator->setAccessTokenLifetimeSeconds(1);

    auto tokenRequest = [&](const QByteArray& credentials) {
        return send(
            "POST", QStringLiteral("/oidc/v1/token"),
            QByteArrayLiteral("grant_type=client_credentials&scope=all-apis"), QString(), 15000,
            {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + credentials.toBase64()},
             {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")}});
    };
    const HttpReply bad = tokenRequest(QByteArrayLiteral("client-1:wrong"));
    EXPECT_EQ(bad.status, 401);
    EXPECT_EQ(bad.json.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_client"));

    const HttpReply issued = tokenRequest(QByteArrayLiteral("client-1:secret-1"));
    ASSERT_EQ(issued.status, 200) << issued.body.toStdString();
    EXPECT_EQ(issued.json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
    EXPECT_EQ(issued.json.value(QStringLiteral("expires_in")).toInt(), 1);
    const QString token = issued.json.value(QStringLiteral("access_token")).toString();
    ASSERT_FALSE(token.isEmpty());

    const HttpReply me = send("GET", QStringLiteral("/api/2.0/preview/scim/v2/Me"), {}, token);
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(me.json.value(QStringLiteral("userName")).toString(), QStringLiteral("segments-sp"));

    QThread::msleep(1200);
    const HttpReply expired = send("GET", QStringLiteral("/api/2.0/preview/scim/v2/Me"), {}, token);
    EXPECT_EQ(expired.status, 403);
    EXPECT_EQ(expired.json.value(QStringLiteral("error_code")).toInt(), 403);
    EXPECT_EQ(expired.json.value(QStringLiteral("message")).toString(),
              QStringLiteral("Invalid access token."));

    const HttpReply discovery =
        send("GET", QStringLiteral("/oidc/.well-known/oauth-authorization-server"), {}, QString());
    EXPECT_TRUE(discovery.json.value(QStringLiteral("token_endpoint"))
                    .toString()
                    .endsWith(QLatin1String("/oidc/v1/token")));
}

TEST_F(EmulatorTest, BrowserLoginWithPkceIssuesRotatingRefreshTokens)
{
    const QByteArray verifier = QByteArrayLiteral("a-verifier-that-is-long-enough-0123456789-abcdef");
    const QByteArray challenge =
        QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    q.addQueryItem(QStringLiteral("client_id"), QStringLiteral("databricks-cli"));
    q.addQueryItem(QStringLiteral("redirect_uri"), QStringLiteral("http://localhost:8020"));
    q.addQueryItem(QStringLiteral("scope"), QStringLiteral("all-apis offline_access"));
    q.addQueryItem(QStringLiteral("state"), QStringLiteral("st4te"));
    q.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
    q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    const HttpReply authorize =
        send("GET", QStringLiteral("/oidc/v1/authorize?") + q.toString(QUrl::FullyEncoded), {}, QString());
    ASSERT_EQ(authorize.status, 302);
    const QUrl location(QString::fromUtf8(authorize.headers.value("location")));
    EXPECT_EQ(location.port(), 8020);
    const QUrlQuery back(location);
    EXPECT_EQ(back.queryItemValue(QStringLiteral("state")), QStringLiteral("st4te"));
    const QString code = back.queryItemValue(QStringLiteral("code"));
    ASSERT_FALSE(code.isEmpty());

    const QList<QPair<QByteArray, QByteArray>> form{
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")}};
    auto exchange = [&](const QByteArray& v) {
        return send("POST", QStringLiteral("/oidc/v1/token"),
                    "grant_type=authorization_code&code=" + code.toUtf8() + "&code_verifier=" + v +
                        "&redirect_uri=http%3A%2F%2Flocalhost%3A8020&client_id=databricks-cli",
                    QString(), 15000, form);
    };
    const HttpReply wrongVerifier = exchange(QByteArrayLiteral("not-the-verifier"));
    EXPECT_EQ(wrongVerifier.status, 400);
    EXPECT_EQ(wrongVerifier.json.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    // The code was spent by the failed attempt: log in again.
    const HttpReply again =
        send("GET", QStringLiteral("/oidc/v1/authorize?") + q.toString(QUrl::FullyEncoded), {}, QString());
    const QString code2 = QUrlQuery(QUrl(QString::fromUtf8(again.headers.value("location"))))
                              .queryItemValue(QStringLiteral("code"));
    const HttpReply tokens =
        send("POST", QStringLiteral("/oidc/v1/token"),
             "grant_type=authorization_code&code=" + code2.toUtf8() + "&code_verifier=" + verifier +
                 "&redirect_uri=http%3A%2F%2Flocalhost%3A8020&client_id=databricks-cli",
             QString(), 15000, form);
    ASSERT_EQ(tokens.status, 200) << tokens.body.toStdString();
    const QString refresh = tokens.json.value(QStringLiteral("refresh_token")).toString();
    ASSERT_FALSE(refresh.isEmpty());
    const HttpReply me = send("GET", QStringLiteral("/api/2.0/preview/scim/v2/Me"), {},
                              tokens.json.value(QStringLiteral("access_token")).toString());
    EXPECT_EQ(me.json.value(QStringLiteral("userName")).toString(), QStringLiteral("user@example.com"));

    const QByteArray refreshBody =
        "grant_type=refresh_token&refresh_token=" + refresh.toUtf8() + "&client_id=databricks-cli";
    const HttpReply refreshed =
        send("POST", QStringLiteral("/oidc/v1/token"), refreshBody, QString(), 15000, form);
    EXPECT_EQ(refreshed.status, 200);
    EXPECT_NE(refreshed.json.value(QStringLiteral("refresh_token")).toString(), refresh);
    const HttpReply reused =
        send("POST", QStringLiteral("/oidc/v1/token"), refreshBody, QString(), 15000, form);
    EXPECT_EQ(reused.status, 400) << "a rotated refresh token is spent";
}

TEST_F(EmulatorTest, SelectReturnsTypedJsonStringsAndNulls)
{
    m_emulator->setSessionTimeZone(QByteArrayLiteral("Europe/Berlin"));
    const HttpReply r = ok(
        QStringLiteral("SELECT CAST(:big AS BIGINT) AS big, 42 AS small, CAST(1.5 AS DOUBLE) AS d, "
                       "CAST('12.30' AS DECIMAL(10,2)) AS price, true AS yes, DATE '2025-01-31' AS day, "
                       "TIMESTAMP '2025-01-01 12:34:56.789+00:00' AS ts, :name AS name, :missing AS nothing, "
                       "current_user() AS who, array('a', 'b') AS tags"),
        QJsonObject{{QStringLiteral("parameters"), params({{"big", "9007199254740993", "BIGINT"},
                                                           {"name", "O'Brien; DROP TABLE x --", nullptr},
                                                           {"missing", nullptr, nullptr}})}});
    const QJsonObject manifest = r.json.value(QStringLiteral("manifest")).toObject();
    EXPECT_EQ(manifest.value(QStringLiteral("format")).toString(), QStringLiteral("JSON_ARRAY"));
    EXPECT_EQ(manifest.value(QStringLiteral("total_row_count")).toInt(), 1);
    const QJsonArray columns =
        manifest.value(QStringLiteral("schema")).toObject().value(QStringLiteral("columns")).toArray();
    ASSERT_EQ(columns.size(), 11);
    EXPECT_EQ(columns[0].toObject().value(QStringLiteral("type_name")).toString(), QStringLiteral("LONG"));
    EXPECT_EQ(columns[0].toObject().value(QStringLiteral("type_text")).toString(), QStringLiteral("BIGINT"));
    EXPECT_EQ(columns[3].toObject().value(QStringLiteral("type_text")).toString(),
              QStringLiteral("DECIMAL(10,2)"));
    EXPECT_EQ(columns[6].toObject().value(QStringLiteral("type_name")).toString(),
              QStringLiteral("TIMESTAMP"));
    EXPECT_EQ(columns[10].toObject().value(QStringLiteral("position")).toInt(), 10);

    const QJsonArray row = rows(r).at(0).toArray();
    ASSERT_EQ(row.size(), 11);
    EXPECT_EQ(row[0], QJsonValue(QStringLiteral("9007199254740993"))) << "BIGINT as an exact decimal string";
    EXPECT_EQ(row[1], QJsonValue(QStringLiteral("42")));
    EXPECT_EQ(row[2], QJsonValue(QStringLiteral("1.5")));
    EXPECT_EQ(row[3], QJsonValue(QStringLiteral("12.30")));
    EXPECT_EQ(row[4], QJsonValue(QStringLiteral("true")));
    EXPECT_EQ(row[5], QJsonValue(QStringLiteral("2025-01-31")));
    EXPECT_EQ(row[6], QJsonValue(QStringLiteral("2025-01-01T13:34:56.789+01:00")));
    EXPECT_EQ(row[7], QJsonValue(QStringLiteral("O'Brien; DROP TABLE x --"))) << "parameters are data";
    EXPECT_TRUE(row[8].isNull());
    EXPECT_EQ(row[9], QJsonValue(QStringLiteral("admin@example.com")));
    EXPECT_EQ(row[10], QJsonValue(QStringLiteral("[\"a\",\"b\"]")))
        << "arrays are JSON text inside the string";
}

TEST_F(EmulatorTest, HigherOrderFunctionsFoldInOrderLikeSpark)
{
    // 32-bit FNV-1a of "seeda" is 717764279 (GrowthBook's cases.json intermediate, §3.1), computed
    // the way core/sql/experiment_sql.h writes it for Databricks.
    const HttpReply r = ok(QStringLiteral(
        "SELECT aggregate(transform(sequence(1, length(s)), i -> ascii(substring(s, i, 1))), CAST(2166136261 AS "
        "BIGINT), (h, c) -> ((h ^ c) * 16777619) % 4294967296) AS fnv, "
        "aggregate(array(1, 2, 3), 0, (acc, x) -> acc * 10 + x, acc -> acc + 1) AS finished, "
        "aggregate(transform(sequence(1, 0), i -> i), 7, (acc, x) -> acc + 1) AS descending, "
        "aggregate(CAST(NULL AS ARRAY<INT>), 0, (acc, x) -> acc + x) AS of_null, "
        "array_join(transform(sequence(3, 1), x -> CAST(x * x AS STRING)), ',') AS squares "
        "FROM (SELECT 'seeda' AS s) v"));
    const QJsonArray row = rows(r).at(0).toArray();
    ASSERT_EQ(row.size(), 5) << r.body.toStdString();
    EXPECT_EQ(row[0], QJsonValue(QStringLiteral("717764279")));
    EXPECT_EQ(row[1], QJsonValue(QStringLiteral("124"))) << "merge in order, then finish";
    EXPECT_EQ(row[2], QJsonValue(QStringLiteral("9"))) << "sequence(1, 0) is [1, 0] in Spark: two elements";
    EXPECT_TRUE(row[3].isNull()) << "a NULL array folds to NULL";
    EXPECT_EQ(row[4], QJsonValue(QStringLiteral("9,4,1")));
}

TEST_F(EmulatorTest, LargeResultsAreSplitIntoLinkedChunks)
{
    m_emulator->setRowsPerChunk(3);
    const HttpReply first = ok(
        QStringLiteral("SELECT id FROM range_table ORDER BY id")
            .replace(QStringLiteral("range_table"),
                     QStringLiteral("(SELECT CAST(g AS BIGINT) AS id FROM generate_series(1, 10) AS g) x")));
    const QJsonObject manifest = first.json.value(QStringLiteral("manifest")).toObject();
    EXPECT_EQ(manifest.value(QStringLiteral("total_chunk_count")).toInt(), 4);
    EXPECT_EQ(manifest.value(QStringLiteral("total_row_count")).toInt(), 10);
    EXPECT_EQ(manifest.value(QStringLiteral("chunks"))
                  .toArray()
                  .at(3)
                  .toObject()
                  .value(QStringLiteral("row_offset"))
                  .toInt(),
              9);

    QStringList ids;
    QJsonObject result = first.json.value(QStringLiteral("result")).toObject();
    int fetched = 1;
    while (true) {
        for (const QJsonValue& row : result.value(QStringLiteral("data_array")).toArray())
            ids << row.toArray().at(0).toString();
        if (!result.contains(QStringLiteral("next_chunk_internal_link")))
            break;
        EXPECT_EQ(result.value(QStringLiteral("next_chunk_index")).toInt(),
                  result.value(QStringLiteral("chunk_index")).toInt() + 1);
        const HttpReply next =
            send("GET", result.value(QStringLiteral("next_chunk_internal_link")).toString());
        ASSERT_EQ(next.status, 200) << next.body.toStdString();
        result = next.json;
        ++fetched;
    }
    EXPECT_EQ(fetched, 4);
    EXPECT_EQ(ids.join(QLatin1Char(',')), QStringLiteral("1,2,3,4,5,6,7,8,9,10"));
    const QString id = first.json.value(QStringLiteral("statement_id")).toString();
    EXPECT_EQ(send("GET", QStringLiteral("/api/2.0/sql/statements/%1/result/chunks/4").arg(id)).status, 400);
}

TEST_F(EmulatorTest, ExternalLinksDownloadWithoutAuthorizationAndExpire)
{
    m_emulator->setRowsPerChunk(2);
    const HttpReply r =
        ok(QStringLiteral("SELECT g AS n, 'x' || g AS label FROM generate_series(1, 3) AS g ORDER BY g"),
           QJsonObject{{QStringLiteral("disposition"), QStringLiteral("EXTERNAL_LINKS")}});
    const QJsonArray links =
        r.json.value(QStringLiteral("result")).toObject().value(QStringLiteral("external_links")).toArray();
    ASSERT_EQ(links.size(), 1);
    const QJsonObject link = links[0].toObject();
    EXPECT_FALSE(link.value(QStringLiteral("expiration")).toString().isEmpty());
    EXPECT_EQ(link.value(QStringLiteral("next_chunk_index")).toInt(), 1);
    const QString url = link.value(QStringLiteral("external_link")).toString();
    EXPECT_TRUE(url.contains(QLatin1String("X-Amz-Signature=")))
        << "looks presigned, so redaction can be tested";

    const HttpReply download = send("GET", url, {}, QString());
    ASSERT_EQ(download.status, 200);
    EXPECT_EQ(QJsonDocument::fromJson(download.body).array(),
              (QJsonArray{QJsonArray{QStringLiteral("1"), QStringLiteral("x1")},
                          QJsonArray{QStringLiteral("2"), QStringLiteral("x2")}}));
    EXPECT_EQ(m_emulator->externalDownloadsWithAuthorization(), 0);

    const HttpReply withAuth = send("GET", url, {}, kAdminPat);
    EXPECT_EQ(withAuth.status, 400) << "storage rejects a second auth mechanism";
    EXPECT_EQ(m_emulator->externalDownloadsWithAuthorization(), 1);

    Fault expired;
    expired.kind = Fault::Kind::ExpiredExternalLink;
    m_emulator->injectFault(expired);
    EXPECT_EQ(send("GET", url, {}, QString()).status, 403);
    // Re-fetching the chunk issues a fresh link that works.
    const QString id = r.json.value(QStringLiteral("statement_id")).toString();
    const HttpReply again = send("GET", QStringLiteral("/api/2.0/sql/statements/%1/result/chunks/0").arg(id));
    const QString fresh = again.json.value(QStringLiteral("external_links"))
                              .toArray()
                              .at(0)
                              .toObject()
                              .value(QStringLiteral("external_link"))
                              .toString();
    EXPECT_NE(fresh, url);
    EXPECT_EQ(send("GET", fresh, {}, QString()).status, 200);
    // CSV (EXTERNAL_LINKS only): RFC 4180, header in the first chunk, NULL as the literal null.
    m_emulator->setRowsPerChunk(10);
    const HttpReply csv = ok(QStringLiteral("SELECT 'a,b' AS text, CAST(NULL AS STRING) AS nothing"),
                             QJsonObject{{QStringLiteral("disposition"), QStringLiteral("EXTERNAL_LINKS")},
                                         {QStringLiteral("format"), QStringLiteral("CSV")}});
    const QString csvUrl = csv.json.value(QStringLiteral("result"))
                               .toObject()
                               .value(QStringLiteral("external_links"))
                               .toArray()
                               .at(0)
                               .toObject()
                               .value(QStringLiteral("external_link"))
                               .toString();
    EXPECT_EQ(send("GET", csvUrl, {}, QString()).body, QByteArrayLiteral("text,nothing\r\n\"a,b\",null\r\n"));
    EXPECT_EQ(
        submit(QStringLiteral("SELECT 1"), QJsonObject{{QStringLiteral("format"), QStringLiteral("CSV")}})
            .status,
        400)
        << "CSV needs EXTERNAL_LINKS";

    // The second chunk, via the internal link of the first.
    const HttpReply second = send("GET", link.value(QStringLiteral("next_chunk_internal_link")).toString());
    const QString secondUrl = second.json.value(QStringLiteral("external_links"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QStringLiteral("external_link"))
                                  .toString();
    EXPECT_EQ(QJsonDocument::fromJson(send("GET", secondUrl, {}, QString()).body).array(),
              (QJsonArray{QJsonArray{QStringLiteral("3"), QStringLiteral("x3")}}));
}

TEST_F(EmulatorTest, DmlReportsAffectedRowCounts)
{
    createSegmentsTable();
    const HttpReply insert =
        ok(QStringLiteral("INSERT INTO gold_segments (segment_id, name, version, updated_at) VALUES "
                          "(:a, 'A', 1, current_timestamp()), (:b, 'B', 1, current_timestamp())"),
           QJsonObject{{QStringLiteral("parameters"), params({{"a", "s1", nullptr}, {"b", "s2", nullptr}})}});
    const QJsonArray insertColumns = insert.json.value(QStringLiteral("manifest"))
                                         .toObject()
                                         .value(QStringLiteral("schema"))
                                         .toObject()
                                         .value(QStringLiteral("columns"))
                                         .toArray();
    ASSERT_EQ(insertColumns.size(), 2);
    EXPECT_EQ(insertColumns[0].toObject().value(QStringLiteral("name")).toString(),
              QStringLiteral("num_affected_rows"));
    EXPECT_EQ(insertColumns[1].toObject().value(QStringLiteral("name")).toString(),
              QStringLiteral("num_inserted_rows"));
    EXPECT_EQ(rows(insert).at(0).toArray(), (QJsonArray{QStringLiteral("2"), QStringLiteral("2")}));

    const HttpReply update =
        ok(QStringLiteral("UPDATE main.ad_segments.gold_segments SET name = 'A2' WHERE segment_id = :a"),
           QJsonObject{{QStringLiteral("parameters"), params({{"a", "s1", nullptr}})}});
    EXPECT_EQ(rows(update).at(0).toArray(), QJsonArray{QStringLiteral("1")});

    const QString merge = QStringLiteral(
        "MERGE INTO main.ad_segments.gold_segments AS t USING (SELECT :id AS segment_id, :name AS name, "
        "CAST(:version AS BIGINT) AS version) AS s ON t.segment_id = s.segment_id "
        "WHEN MATCHED AND s.version > t.version THEN UPDATE SET name = s.name, version = s.version "
        "WHEN NOT MATCHED THEN INSERT (segment_id, name, version) VALUES (s.segment_id, s.name, s.version)");
    const HttpReply updated = ok(
        merge,
        QJsonObject{{QStringLiteral("parameters"),
                     params({{"id", "s2", nullptr}, {"name", "B2", nullptr}, {"version", "2", "BIGINT"}})}});
    // num_affected_rows, num_updated_rows, num_deleted_rows, num_inserted_rows
    EXPECT_EQ(rows(updated).at(0).toArray(), (QJsonArray{QStringLiteral("1"), QStringLiteral("1"),
                                                         QStringLiteral("0"), QStringLiteral("0")}));
    const HttpReply inserted = ok(
        merge,
        QJsonObject{{QStringLiteral("parameters"),
                     params({{"id", "s3", nullptr}, {"name", "C", nullptr}, {"version", "1", "BIGINT"}})}});
    EXPECT_EQ(rows(inserted).at(0).toArray(), (QJsonArray{QStringLiteral("1"), QStringLiteral("0"),
                                                          QStringLiteral("0"), QStringLiteral("1")}));
    const HttpReply replay = ok(
        merge,
        QJsonObject{{QStringLiteral("parameters"),
                     params({{"id", "s2", nullptr}, {"name", "B2", nullptr}, {"version", "2", "BIGINT"}})}});
    EXPECT_EQ(rows(replay).at(0).toArray().at(0), QJsonValue(QStringLiteral("0")))
        << "version guard: a replay is a no-op";

    const HttpReply del = ok(QStringLiteral("DELETE FROM gold_segments WHERE version < 5"));
    EXPECT_EQ(rows(del).at(0).toArray(), QJsonArray{QStringLiteral("3")});
    EXPECT_EQ(countRows(QStringLiteral("ad_segments.gold_segments")), 0);

    const HttpReply ddl = ok(QStringLiteral("CREATE TABLE IF NOT EXISTS gold_segments (segment_id STRING)"));
    EXPECT_EQ(ddl.json.value(QStringLiteral("manifest"))
                  .toObject()
                  .value(QStringLiteral("schema"))
                  .toObject()
                  .value(QStringLiteral("column_count"))
                  .toInt(),
              0);
    EXPECT_TRUE(ddl.json.value(QStringLiteral("result")).toObject().isEmpty());
}

TEST_F(EmulatorTest, SyntaxErrorIsHttp200Failed)
{
    const HttpReply r = submit(QStringLiteral("INSER INTO gold_segments VALUES (1)"));
    EXPECT_EQ(r.status, 200) << "SQL failures arrive with HTTP 200";
    EXPECT_EQ(state(r), QStringLiteral("FAILED"));
    const QJsonObject status = r.json.value(QStringLiteral("status")).toObject();
    const QJsonObject error = status.value(QStringLiteral("error")).toObject();
    EXPECT_EQ(error.value(QStringLiteral("error_code")).toString(), QStringLiteral("BAD_REQUEST"));
    EXPECT_TRUE(error.value(QStringLiteral("message"))
                    .toString()
                    .startsWith(QLatin1String(
                        "[PARSE_SYNTAX_ERROR] Syntax error at or near 'INSER'. SQLSTATE: 42601")))
        << error.value(QStringLiteral("message")).toString().toStdString();
    EXPECT_EQ(status.value(QStringLiteral("sql_state")).toString(), QStringLiteral("42601"));
    EXPECT_FALSE(r.json.contains(QStringLiteral("manifest")));

    const HttpReply missing = submit(QStringLiteral("SELECT * FROM main.ad_segments.nope"));
    EXPECT_EQ(state(missing), QStringLiteral("FAILED"));
    EXPECT_TRUE(missing.json.value(QStringLiteral("status"))
                    .toObject()
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .startsWith(QLatin1String(
                        "[TABLE_OR_VIEW_NOT_FOUND] The table or view `main`.`ad_segments`.`nope`")));

    const HttpReply unbound = submit(QStringLiteral("SELECT :nope"));
    EXPECT_EQ(
        unbound.json.value(QStringLiteral("status")).toObject().value(QStringLiteral("sql_state")).toString(),
        QStringLiteral("42P02"));
}

TEST_F(EmulatorTest, MissingModifyFailsWithTheGrantToName)
{
    createSegmentsTable();
    Principal sp;
    sp.name = QStringLiteral("segments-sp");
    sp.canModify = false;
    m_emulator->addPersonalAccessToken(QStringLiteral("dapi-sp"), sp);

    const HttpReply r = submit(
        QStringLiteral("INSERT INTO main.ad_segments.gold_segments (segment_id, name) VALUES (:id, :n)"),
        QJsonObject{{QStringLiteral("parameters"), params({{"id", "s1", nullptr}, {"n", "x", nullptr}})}},
        QStringLiteral("dapi-sp"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(state(r), QStringLiteral("FAILED"));
    const QJsonObject status = r.json.value(QStringLiteral("status")).toObject();
    EXPECT_EQ(status.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
              QStringLiteral(
                  "[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have MODIFY on Table "
                  "'main.ad_segments.gold_segments'. SQLSTATE: 42501"));
    EXPECT_EQ(status.value(QStringLiteral("sql_state")).toString(), QStringLiteral("42501"));
    EXPECT_EQ(countRows(QStringLiteral("ad_segments.gold_segments")), 0) << "nothing was written";

    ok(QStringLiteral("SELECT count(*) FROM gold_segments"), {},
       QStringLiteral("dapi-sp")); // SELECT is granted

    m_emulator->principal(QStringLiteral("segments-sp")).canUseSchema = false;
    const HttpReply noSchema =
        submit(QStringLiteral("SELECT * FROM gold_segments"), {}, QStringLiteral("dapi-sp"));
    EXPECT_TRUE(noSchema.json.value(QStringLiteral("status"))
                    .toObject()
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("User does not have USE SCHEMA on Schema 'main.ad_segments'")));

    // The fix the doctor prints, run by an admin, makes the write pass.
    ok(QStringLiteral("GRANT USE SCHEMA ON SCHEMA main.ad_segments TO `segments-sp`"));
    ok(QStringLiteral("GRANT MODIFY ON TABLE main.ad_segments.gold_segments TO `segments-sp`"));
    ok(QStringLiteral("INSERT INTO main.ad_segments.gold_segments (segment_id) VALUES ('s1')"), {},
       QStringLiteral("dapi-sp"));
    EXPECT_EQ(countRows(QStringLiteral("ad_segments.gold_segments")), 1);

    // Without CAN USE on the warehouse the request itself is refused, and the warehouse is not listed.
    m_emulator->principal(QStringLiteral("segments-sp")).canUseWarehouse = false;
    const HttpReply noWarehouse = submit(QStringLiteral("SELECT 1"), {}, QStringLiteral("dapi-sp"));
    EXPECT_EQ(noWarehouse.status, 403);
    EXPECT_EQ(noWarehouse.json.value(QStringLiteral("error_code")).toString(),
              QStringLiteral("PERMISSION_DENIED"));
    EXPECT_TRUE(send("GET", QStringLiteral("/api/2.0/sql/warehouses"), {}, QStringLiteral("dapi-sp"))
                    .json.value(QStringLiteral("warehouses"))
                    .toArray()
                    .isEmpty());
}

TEST_F(EmulatorTest, PollingGoesPendingRunningSucceeded)
{
    m_emulator->setRunningPolls(1);
    const HttpReply submitted = submit(QStringLiteral("SELECT 7 AS seven"));
    EXPECT_EQ(state(submitted), QStringLiteral("PENDING"));
    EXPECT_FALSE(submitted.json.contains(QStringLiteral("result")));
    const QString id = submitted.json.value(QStringLiteral("statement_id")).toString();
    const HttpReply running = send("GET", QStringLiteral("/api/2.0/sql/statements/") + id);
    EXPECT_EQ(state(running), QStringLiteral("RUNNING"));
    const HttpReply done = send("GET", QStringLiteral("/api/2.0/sql/statements/") + id);
    EXPECT_EQ(state(done), QStringLiteral("SUCCEEDED"));
    EXPECT_EQ(rows(done).at(0).toArray(), QJsonArray{QStringLiteral("7")});

    // wait_timeout 0s always answers PENDING first; CANCEL on timeout cancels a slow statement.
    m_emulator->setRunningPolls(0);
    const HttpReply async = submit(QStringLiteral("SELECT 1"),
                                   QJsonObject{{QStringLiteral("wait_timeout"), QStringLiteral("0s")}});
    EXPECT_EQ(state(async), QStringLiteral("PENDING"));
    EXPECT_EQ(state(send("GET", QStringLiteral("/api/2.0/sql/statements/") +
                                    async.json.value(QStringLiteral("statement_id")).toString())),
              QStringLiteral("SUCCEEDED"));
    m_emulator->setRunningPolls(3);
    const HttpReply sync = submit(QStringLiteral("SELECT 1"),
                                  QJsonObject{{QStringLiteral("on_wait_timeout"), QStringLiteral("CANCEL")}});
    EXPECT_EQ(state(sync), QStringLiteral("CANCELED"));

    const HttpReply badWait = submit(QStringLiteral("SELECT 1"),
                                     QJsonObject{{QStringLiteral("wait_timeout"), QStringLiteral("3s")}});
    EXPECT_EQ(badWait.status, 400);
    EXPECT_EQ(badWait.json.value(QStringLiteral("error_code")).toString(),
              QStringLiteral("INVALID_PARAMETER_VALUE"));
}

TEST_F(EmulatorTest, CancelStopsAWriteThatHasNotRun)
{
    createSegmentsTable();
    m_emulator->setRunningPolls(2);
    const HttpReply submitted =
        submit(QStringLiteral("INSERT INTO gold_segments (segment_id) VALUES ('s1')"));
    ASSERT_EQ(state(submitted), QStringLiteral("PENDING"));
    const QString id = submitted.json.value(QStringLiteral("statement_id")).toString();
    const HttpReply cancelled =
        send("POST", QStringLiteral("/api/2.0/sql/statements/%1/cancel").arg(id), QByteArrayLiteral("{}"));
    EXPECT_EQ(cancelled.status, 200);
    EXPECT_TRUE(cancelled.json.isEmpty());
    EXPECT_EQ(state(send("GET", QStringLiteral("/api/2.0/sql/statements/") + id)),
              QStringLiteral("CANCELED"));
    EXPECT_EQ(countRows(QStringLiteral("ad_segments.gold_segments")), 0);
}

TEST_F(EmulatorTest, UnknownStatementIs404)
{
    const QString id = QStringLiteral("01ef0000-0000-0000-0000-000000000000");
    for (const auto& [method, path] :
         {std::pair{QByteArrayLiteral("GET"), QStringLiteral("/api/2.0/sql/statements/%1")},
          std::pair{QByteArrayLiteral("GET"), QStringLiteral("/api/2.0/sql/statements/%1/result/chunks/0")},
          std::pair{QByteArrayLiteral("POST"), QStringLiteral("/api/2.0/sql/statements/%1/cancel")}}) {
        const HttpReply r =
            send(method, path.arg(id), method == "POST" ? QByteArrayLiteral("{}") : QByteArray());
        EXPECT_EQ(r.status, 404) << path.toStdString();
        EXPECT_EQ(r.json.value(QStringLiteral("error_code")).toString(), QStringLiteral("NOT_FOUND"));
    }
}

TEST_F(EmulatorTest, RateLimitAnswers429WithRetryAfterOnce)
{
    Fault fault;
    fault.kind = Fault::Kind::RetryAfter;
    fault.pathContains = QStringLiteral("/sql/statements");
    fault.retryAfterSeconds = 7;
    m_emulator->injectFault(fault);
    const HttpReply limited = submit(QStringLiteral("SELECT 1"));
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.headers.value("retry-after"), QByteArrayLiteral("7"));
    EXPECT_EQ(limited.json.value(QStringLiteral("error_code")).toString(),
              QStringLiteral("REQUEST_LIMIT_EXCEEDED"));
    EXPECT_EQ(state(submit(QStringLiteral("SELECT 1"))), QStringLiteral("SUCCEEDED")) << "remaining = 1";
}

TEST_F(EmulatorTest, ServiceUnavailableWithAndWithoutTheWriteLanding)
{
    createSegmentsTable();
    Fault fault; // defaults: 503 TEMPORARILY_UNAVAILABLE, request not executed
    fault.sqlContains = QStringLiteral("INSERT");
    m_emulator->injectFault(fault);
    const HttpReply unavailable =
        submit(QStringLiteral("INSERT INTO gold_segments (segment_id) VALUES ('s1')"));
    EXPECT_EQ(unavailable.status, 503);
    EXPECT_EQ(unavailable.json.value(QStringLiteral("error_code")).toString(),
              QStringLiteral("TEMPORARILY_UNAVAILABLE"));
    EXPECT_EQ(countRows(QStringLiteral("ad_segments.gold_segments")), 0);

    fault.processRequest = true; // the write lands, the answer is lost: a blind retry would duplicate it
    m_emulator->injectFault(fault);
    EXPECT_EQ(submit(QStringLiteral("INSERT INTO gold_segments (segment_id) VALUES ('s1')")).status, 503);
    EXPECT_EQ(countRows(QStringLiteral("ad_segments.gold_segments")), 1);
    EXPECT_EQ(state(submit(QStringLiteral("SELECT 1"))), QStringLiteral("SUCCEEDED"))
        << "faults only hit matching SQL";
}

TEST_F(EmulatorTest, MalformedAndTruncatedBodies)
{
    Fault html;
    html.kind = Fault::Kind::MalformedJson;
    m_emulator->injectFault(html);
    const HttpReply login = submit(QStringLiteral("SELECT 1"));
    EXPECT_EQ(login.status, 200);
    EXPECT_FALSE(login.jsonValid);
    EXPECT_TRUE(login.headers.value("content-type").startsWith("text/html"));

    Fault truncated;
    truncated.kind = Fault::Kind::TruncatedJson;
    m_emulator->injectFault(truncated);
    const HttpReply cut = submit(QStringLiteral("SELECT 1 AS one"));
    EXPECT_EQ(cut.status, 200);
    EXPECT_FALSE(cut.jsonValid);
    EXPECT_TRUE(cut.body.startsWith("{\"manifest\"")) << cut.body.toStdString();

    const HttpReply badRequest =
        send("POST", QStringLiteral("/api/2.0/sql/statements"), QByteArrayLiteral("{\"statement\":"));
    EXPECT_EQ(badRequest.status, 400);
    EXPECT_EQ(badRequest.json.value(QStringLiteral("error_code")).toString(),
              QStringLiteral("MALFORMED_REQUEST"));
    const HttpReply unknownField = submit(QStringLiteral("SELECT 1"),
                                          QJsonObject{{QStringLiteral("waitTimeout"), QStringLiteral("5s")}});
    EXPECT_EQ(unknownField.status, 400);
    EXPECT_EQ(unknownField.json.value(QStringLiteral("error_code")).toString(),
              QStringLiteral("INVALID_PARAMETER_VALUE"));
}

TEST_F(EmulatorTest, HangDelayAndDroppedConnections)
{
    Fault hang;
    hang.kind = Fault::Kind::Hang;
    hang.method = QStringLiteral("GET");
    m_emulator->injectFault(hang);
    const HttpReply hung = send("GET", QStringLiteral("/api/2.0/sql/warehouses"), {}, kAdminPat, 400);
    EXPECT_TRUE(hung.timedOut) << "only a client-side timeout ends a hung request";
    EXPECT_EQ(send("GET", QStringLiteral("/api/2.0/sql/warehouses")).status, 200)
        << "the emulator keeps serving";

    Fault delay;
    delay.kind = Fault::Kind::Delay;
    delay.delayMs = 300;
    m_emulator->injectFault(delay);
    const HttpReply slow = send("GET", QStringLiteral("/api/2.0/sql/warehouses"));
    EXPECT_EQ(slow.status, 200);
    EXPECT_GE(slow.elapsedMs, 290);

    Fault drop;
    drop.kind = Fault::Kind::CloseConnection;
    drop.remaining = -1; // QNetworkAccessManager silently resends a GET once when a connection drops
    m_emulator->injectFault(drop);
    const HttpReply dropped = send("GET", QStringLiteral("/api/2.0/sql/warehouses"));
    EXPECT_NE(dropped.error, QNetworkReply::NoError);
    EXPECT_EQ(dropped.status, 0);
    m_emulator->clearFaults();

    Fault expired;
    expired.kind = Fault::Kind::ExpiredToken;
    m_emulator->injectFault(expired);
    const HttpReply refused = send("GET", QStringLiteral("/api/2.0/sql/warehouses"));
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.json.value(QStringLiteral("error_code")).toInt(), 403);
}

TEST_F(EmulatorTest, StoppedWarehouseAutoStartsWhileStatementsStayPending)
{
    m_emulator->addWarehouse(QStringLiteral("cold0000000000ff"), QStringLiteral("Cold"),
                             QStringLiteral("STOPPED"));
    m_emulator->setWarehouseStartupPolls(2);
    QJsonObject body{{QStringLiteral("statement"), QStringLiteral("SELECT 1 AS one")},
                     {QStringLiteral("warehouse_id"), QStringLiteral("cold0000000000ff")},
                     {QStringLiteral("wait_timeout"), QStringLiteral("50s")}};
    const HttpReply submitted =
        send("POST", QStringLiteral("/api/2.0/sql/statements/"), QJsonDocument(body).toJson());
    EXPECT_EQ(state(submitted), QStringLiteral("PENDING")) << "with the trailing slash too";
    EXPECT_EQ(m_emulator->warehouseState(QStringLiteral("cold0000000000ff")), QStringLiteral("STARTING"));
    const QString path = QStringLiteral("/api/2.0/sql/statements/") +
                         submitted.json.value(QStringLiteral("statement_id")).toString();
    EXPECT_EQ(state(send("GET", path)), QStringLiteral("PENDING"));
    EXPECT_EQ(state(send("GET", path)), QStringLiteral("PENDING"));
    EXPECT_EQ(m_emulator->warehouseState(QStringLiteral("cold0000000000ff")), QStringLiteral("RUNNING"));
    EXPECT_EQ(state(send("GET", path)), QStringLiteral("SUCCEEDED"));

    const HttpReply list = send("GET", QStringLiteral("/api/2.0/sql/warehouses?page_size=1"));
    EXPECT_EQ(list.json.value(QStringLiteral("warehouses")).toArray().size(), 1);
    const QString next = list.json.value(QStringLiteral("next_page_token")).toString();
    ASSERT_FALSE(next.isEmpty());
    const HttpReply page2 =
        send("GET", QStringLiteral("/api/2.0/sql/warehouses?page_size=1&page_token=") + next);
    EXPECT_EQ(page2.json.value(QStringLiteral("warehouses"))
                  .toArray()
                  .at(0)
                  .toObject()
                  .value(QStringLiteral("id"))
                  .toString(),
              QStringLiteral("cold0000000000ff"));
    EXPECT_FALSE(page2.json.contains(QStringLiteral("next_page_token")));

    EXPECT_EQ(
        send("POST", QStringLiteral("/api/2.0/sql/warehouses/cold0000000000ff/stop"), QByteArrayLiteral("{}"))
            .status,
        200);
    EXPECT_EQ(send("GET", QStringLiteral("/api/2.0/sql/warehouses/cold0000000000ff"))
                  .json.value(QStringLiteral("state"))
                  .toString(),
              QStringLiteral("STOPPED"));
    send("POST", QStringLiteral("/api/2.0/sql/warehouses/cold0000000000ff/start"), QByteArrayLiteral("{}"));
    EXPECT_EQ(send("GET", QStringLiteral("/api/2.0/sql/warehouses/cold0000000000ff"))
                  .json.value(QStringLiteral("state"))
                  .toString(),
              QStringLiteral("STARTING"));
    EXPECT_EQ(send("GET", QStringLiteral("/api/2.0/sql/warehouses/cold0000000000ff"))
                  .json.value(QStringLiteral("state"))
                  .toString(),
              QStringLiteral("RUNNING"));
    EXPECT_EQ(send("GET", QStringLiteral("/api/2.0/sql/warehouses/nope")).status, 404);
    body.insert(QStringLiteral("warehouse_id"), QStringLiteral("nope"));
    EXPECT_EQ(send("POST", QStringLiteral("/api/2.0/sql/statements"), QJsonDocument(body).toJson()).status,
              404);
}

TEST_F(EmulatorTest, InjectedStatementFaults)
{
    Fault pending;
    pending.kind = Fault::Kind::StaysPending;
    pending.pendingPolls = 3;
    m_emulator->injectFault(pending);
    const HttpReply submitted = submit(QStringLiteral("SELECT 1"));
    const QString path = QStringLiteral("/api/2.0/sql/statements/") +
                         submitted.json.value(QStringLiteral("statement_id")).toString();
    EXPECT_EQ(state(submitted), QStringLiteral("PENDING"));
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(state(send("GET", path)), QStringLiteral("PENDING")) << i;
    EXPECT_EQ(state(send("GET", path)), QStringLiteral("SUCCEEDED"));

    Fault failed;
    failed.kind = Fault::Kind::StatementFailed;
    failed.sqlContains = QStringLiteral("gold_segments");
    failed.errorCode = QStringLiteral("BAD_REQUEST");
    failed.message =
        QStringLiteral("[DELTA_CONCURRENT_APPEND] Files were added by a concurrent update. SQLSTATE: 2D521");
    m_emulator->injectFault(failed);
    const HttpReply r = submit(QStringLiteral("SELECT * FROM gold_segments"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(state(r), QStringLiteral("FAILED"));
    EXPECT_EQ(r.json.value(QStringLiteral("status")).toObject().value(QStringLiteral("sql_state")).toString(),
              QStringLiteral("2D521"));
    EXPECT_EQ(m_emulator->executedStatements().last(), QStringLiteral("SELECT * FROM gold_segments"));
}

TEST_F(EmulatorTest, MetadataQueriesAndClosedResults)
{
    createSegmentsTable();
    const HttpReply tables =
        ok(QStringLiteral("SELECT table_name, table_type, comment FROM main.information_schema.tables "
                          "WHERE table_schema = :s"),
           QJsonObject{{QStringLiteral("parameters"), params({{"s", "ad_segments", nullptr}})}});
    EXPECT_EQ(rows(tables).at(0).toArray(),
              (QJsonArray{QStringLiteral("gold_segments"), QStringLiteral("MANAGED"), QJsonValue()}));
    const HttpReply columns = ok(QStringLiteral("DESCRIBE TABLE main.ad_segments.gold_segments"));
    EXPECT_EQ(rows(columns).at(2).toArray().at(1), QJsonValue(QStringLiteral("bigint")));
    const HttpReply show = ok(QStringLiteral("SHOW TABLES IN main.ad_segments"));
    EXPECT_EQ(rows(show).at(0).toArray().at(1), QJsonValue(QStringLiteral("gold_segments")));
    const HttpReply unknownCatalog = submit(QStringLiteral("SELECT * FROM nocat.ad_segments.gold_segments"));
    EXPECT_EQ(unknownCatalog.json.value(QStringLiteral("status"))
                  .toObject()
                  .value(QStringLiteral("sql_state"))
                  .toString(),
              QStringLiteral("42704"));

    m_emulator->setResultLifetimeSeconds(0);
    const HttpReply r = ok(QStringLiteral("SELECT 1"));
    EXPECT_EQ(state(send("GET", QStringLiteral("/api/2.0/sql/statements/") +
                                    r.json.value(QStringLiteral("statement_id")).toString())),
              QStringLiteral("CLOSED"));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

namespace {

// ------------------------------------------------------------------------------------------------
// Files API, COPY INTO, Workspace and Jobs APIs

TEST_F(EmulatorTest, VolumesTakeFilesThroughTheFilesApiAndCopyIntoLoadsEachFileOnce)
{
    const QString file = QStringLiteral("/api/2.0/fs/files/Volumes/main/ad_segments/landing/in/a.csv");
    const QByteArray csv = "id,name,n\n1,\"Ann, \"\"the\"\" first\",7\n2,,8\n";
    // No volume yet: 404.
    EXPECT_EQ(send("PUT", file, csv).status, 404);
    ok(QStringLiteral("CREATE SCHEMA IF NOT EXISTS main.ad_segments"));
    ok(QStringLiteral("CREATE VOLUME IF NOT EXISTS main.ad_segments.landing COMMENT 'files'"));
    const HttpReply put = send("PUT", file + QStringLiteral("?overwrite=true"), csv);
    EXPECT_EQ(put.status, 204) << put.body.toStdString();
    EXPECT_TRUE(put.body.isEmpty());
    EXPECT_EQ(m_emulator->volumeFile(QStringLiteral("/Volumes/main/ad_segments/landing/in/a.csv")), csv);
    EXPECT_EQ(send("PUT", file + QStringLiteral("?overwrite=false"), csv).status, 409);
    EXPECT_EQ(send("GET", file).body, csv);

    ok(QStringLiteral("CREATE TABLE main.ad_segments.people (id BIGINT, name STRING, n STRING, loaded TIMESTAMP)"));
    const QString copy = QStringLiteral(
        "COPY INTO main.ad_segments.people FROM (SELECT CAST(id AS BIGINT) AS id, name, n, current_timestamp() AS loaded "
        "FROM '/Volumes/main/ad_segments/landing/in/a.csv') FILEFORMAT = CSV FORMAT_OPTIONS ('header' = 'true', "
        "'escape' = '\"')");
    HttpReply first = ok(copy);
    EXPECT_EQ(rows(first).first().toArray().at(1).toString(), QStringLiteral("2")) << first.body.toStdString();
    HttpReply again = ok(copy);
    EXPECT_EQ(rows(again).first().toArray().at(1).toString(), QStringLiteral("0")) << "a loaded file is skipped";
    EXPECT_EQ(countRows(QStringLiteral("ad_segments.people")), 2);
    HttpReply read = ok(QStringLiteral("SELECT name FROM main.ad_segments.people ORDER BY id"));
    EXPECT_EQ(rows(read).at(0).toArray().at(0).toString(), QStringLiteral("Ann, \"the\" first"));
    EXPECT_TRUE(rows(read).at(1).toArray().at(0).isNull()) << "an empty field is NULL";
    ok(copy + QStringLiteral(" COPY_OPTIONS ('force' = 'true')"));
    EXPECT_EQ(countRows(QStringLiteral("ad_segments.people")), 4) << "force loads it again";

    HttpReply missing = submit(QStringLiteral("COPY INTO main.ad_segments.people FROM '/Volumes/main/ad_segments/landing/none.csv' "
                                              "FILEFORMAT = CSV FORMAT_OPTIONS ('header' = 'true')"));
    EXPECT_EQ(state(missing), QStringLiteral("FAILED"));
    EXPECT_TRUE(missing.body.contains("PATH_NOT_FOUND")) << missing.body.toStdString();
    EXPECT_EQ(send("DELETE", file).status, 204);
    EXPECT_TRUE(m_emulator->volumeFiles().isEmpty());
}

TEST_F(EmulatorTest, JobsRunTheirWorkspaceSqlFileAndKeepTheirSchedule)
{
    ok(QStringLiteral("CREATE SCHEMA IF NOT EXISTS main.ad_segments"));
    ok(QStringLiteral("CREATE TABLE main.ad_segments.counter (n BIGINT)"));
    const QByteArray script = "-- two statements\nINSERT INTO main.ad_segments.counter VALUES (1);\n"
                              "INSERT INTO main.ad_segments.counter SELECT n + 1 FROM main.ad_segments.counter WHERE n = 1 "
                              "AND ';' = ';';\n";
    EXPECT_EQ(send("POST", QStringLiteral("/api/2.0/workspace/import"),
                   QJsonDocument(QJsonObject{{QStringLiteral("path"), QStringLiteral("/Workspace/Shared/x/job.sql")},
                                             {QStringLiteral("content"), QString::fromLatin1(script.toBase64())},
                                             {QStringLiteral("format"), QStringLiteral("AUTO")}})
                       .toJson())
                  .status,
              404) << "the folder must exist";
    EXPECT_EQ(send("POST", QStringLiteral("/api/2.0/workspace/mkdirs"),
                   QJsonDocument(QJsonObject{{QStringLiteral("path"), QStringLiteral("/Workspace/Shared/x")}}).toJson())
                  .status,
              200);
    EXPECT_EQ(send("POST", QStringLiteral("/api/2.0/workspace/import"),
                   QJsonDocument(QJsonObject{{QStringLiteral("path"), QStringLiteral("/Workspace/Shared/x/job.sql")},
                                             {QStringLiteral("content"), QString::fromLatin1(script.toBase64())},
                                             {QStringLiteral("format"), QStringLiteral("AUTO")}})
                       .toJson())
                  .status,
              200);
    QJsonObject settings{
        {QStringLiteral("name"), QStringLiteral("count")},
        {QStringLiteral("tasks"),
         QJsonArray{QJsonObject{{QStringLiteral("task_key"), QStringLiteral("t")},
                                {QStringLiteral("sql_task"),
                                 QJsonObject{{QStringLiteral("warehouse_id"), kWarehouse},
                                             {QStringLiteral("file"), QJsonObject{{QStringLiteral("path"),
                                                                                    QStringLiteral("/Workspace/Shared/x/job.sql")}}}}}}}},
        {QStringLiteral("schedule"), QJsonObject{{QStringLiteral("quartz_cron_expression"), QStringLiteral("0 30 6 * * ?")},
                                                 {QStringLiteral("timezone_id"), QStringLiteral("Europe/Berlin")}}}};
    QJsonObject badCron = settings;
    badCron.insert(QStringLiteral("schedule"), QJsonObject{{QStringLiteral("quartz_cron_expression"), QStringLiteral("0 30 6 * * *")},
                                                           {QStringLiteral("timezone_id"), QStringLiteral("Europe/Berlin")}});
    EXPECT_EQ(send("POST", QStringLiteral("/api/2.1/jobs/create"), QJsonDocument(badCron).toJson()).status, 400);
    const HttpReply created = send("POST", QStringLiteral("/api/2.1/jobs/create"), QJsonDocument(settings).toJson());
    ASSERT_EQ(created.status, 200) << created.body.toStdString();
    const qint64 id = created.json.value(QStringLiteral("job_id")).toInteger();
    const HttpReply got = send("GET", QStringLiteral("/api/2.1/jobs/get?job_id=%1").arg(id));
    EXPECT_EQ(got.json.value(QStringLiteral("settings")).toObject().value(QStringLiteral("schedule")).toObject().value(
                  QStringLiteral("quartz_cron_expression")),
              QStringLiteral("0 30 6 * * ?"));
    EXPECT_EQ(got.json.value(QStringLiteral("creator_user_name")).toString(), QStringLiteral("admin@example.com"));

    const HttpReply started = send("POST", QStringLiteral("/api/2.1/jobs/run-now"),
                                   QJsonDocument(QJsonObject{{QStringLiteral("job_id"), id}}).toJson());
    ASSERT_EQ(started.status, 200) << started.body.toStdString();
    const HttpReply run = send("GET", QStringLiteral("/api/2.1/jobs/runs/get?run_id=%1")
                                          .arg(started.json.value(QStringLiteral("run_id")).toInteger()));
    const QJsonObject runState = run.json.value(QStringLiteral("state")).toObject();
    EXPECT_EQ(runState.value(QStringLiteral("life_cycle_state")).toString(), QStringLiteral("TERMINATED"));
    EXPECT_EQ(runState.value(QStringLiteral("result_state")).toString(), QStringLiteral("SUCCESS")) << run.body.toStdString();
    EXPECT_EQ(countRows(QStringLiteral("ad_segments.counter")), 2) << "both statements of the file ran";
    EXPECT_EQ(m_emulator->jobRunCount(id), 1);

    EXPECT_EQ(send("POST", QStringLiteral("/api/2.1/jobs/delete"), QJsonDocument(QJsonObject{{QStringLiteral("job_id"), id}}).toJson()).status,
              200);
    const HttpReply gone = send("GET", QStringLiteral("/api/2.1/jobs/get?job_id=%1").arg(id));
    EXPECT_EQ(gone.status, 400);
    EXPECT_TRUE(gone.body.contains("does not exist")) << gone.body.toStdString();
    EXPECT_EQ(m_emulator->jobCount(), 0);
}

} // namespace
