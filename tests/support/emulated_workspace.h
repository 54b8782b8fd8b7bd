#pragma once

// A Databricks workspace for tests: the emulator on its own PostgreSQL database, with a PAT,
// a warehouse, and the app's REST stack (PatAuth → ApiClient → StatementClient) pointed at it.

#include "common/future_wait.h"
#include "databricks/auth/pat_auth.h"
#include "databricks/http/api_client.h"
#include "databricks/statement/statement_client.h"
#include "databricks_emulator.h"
#include "sql/audience_sql.h"
#include "sql/provisioning_sql.h"
#include "support/postgres_server.h"

#include <gtest/gtest.h>

#include <QNetworkAccessManager>

namespace testsupport {

struct EmulatedWorkspace
{
    static inline const QString kToken = QStringLiteral("dapi-emulated-workspace-token");
    static inline const QString kWarehouse = QStringLiteral("wh-test");
    static inline const QString kPrincipal = QStringLiteral("tester@example.com");

    std::unique_ptr<emulator::DatabricksEmulator> emulator;
    QString connectionName; // the emulator's PostgreSQL connection (another emulator may take it over)
    QNetworkAccessManager network;
    std::unique_ptr<core::PatAuth> auth;
    std::unique_ptr<core::ApiClient> api;
    std::unique_ptr<core::StatementClient> statements;

    // Returns nullptr (after ADD_FAILURE) when PostgreSQL or the emulator cannot start.
    static std::unique_ptr<EmulatedWorkspace> create(core::RetryPolicy policy = fastPolicy())
    {
        QString why;
        auto* postgres = PostgresServer::shared(&why);
        if (!postgres) {
            ADD_FAILURE() << "PostgreSQL for the emulator: " << why.toStdString();
            return nullptr;
        }
        const QString database = postgres->createUniqueDatabase(QStringLiteral("emu"));
        const QString connection = QStringLiteral("emulator-") + database;
        if (database.isEmpty() || !postgres->openConnection(connection, database)) {
            ADD_FAILURE() << postgres->errorString().toStdString();
            return nullptr;
        }
        auto ws = std::make_unique<EmulatedWorkspace>();
        ws->connectionName = connection;
        ws->emulator = std::make_unique<emulator::DatabricksEmulator>(connection);
        if (!ws->emulator->listen()) {
            ADD_FAILURE() << "emulator could not listen";
            return nullptr;
        }
        ws->emulator->addPersonalAccessToken(kToken, emulator::Principal{kPrincipal});
        ws->emulator->addWarehouse(kWarehouse, QStringLiteral("Test warehouse"));
        ws->auth = std::make_unique<core::PatAuth>(kToken);
        ws->api = std::make_unique<core::ApiClient>(&ws->network, ws->auth.get(), ws->emulator->baseUrl(), policy);
        ws->statements = std::make_unique<core::StatementClient>(ws->api.get(), kWarehouse);
        ws->statements->setPollBackoff(std::chrono::milliseconds(5), std::chrono::milliseconds(50));
        return ws;
    }

    static core::RetryPolicy fastPolicy()
    {
        core::RetryPolicy policy;
        policy.firstDelay = std::chrono::milliseconds(10);
        policy.maxDelay = std::chrono::milliseconds(100);
        policy.requestTimeout = std::chrono::milliseconds(10000);
        policy.deadline = std::chrono::milliseconds(30000);
        return policy;
    }

    core::Result<core::StatementResult> execute(const QString& sql, const QList<core::SqlParam>& params = {},
                                                bool externalLinks = false)
    {
        core::StatementRequest request;
        request.sql = sql;
        request.params = params;
        request.what = QStringLiteral("run the test statement");
        request.externalLinks = externalLinks;
        return core::awaitFuture(statements->execute(request));
    }

    // What the data engineers do: rows straight into `main`.`ad_segments`.customer_identifiers.
    bool insertIdentifiers(const QList<core::CustomerIdentifiers>& rows)
    {
        constexpr int kRowsPerInsert = 50;
        for (qsizetype start = 0; start < rows.size(); start += kRowsPerInsert) {
            core::SqlParams params;
            QStringList tuples;
            for (const auto& row : rows.mid(start, kRowsPerInsert)) {
                QStringList values;
                for (const QString& v : {row.userId, row.email, row.phone, row.firstName, row.lastName, row.city,
                                         row.region, row.postalCode, row.country})
                    values.append(v.isEmpty() ? QStringLiteral("NULL") : params.addString(v));
                values.append(row.birthDate.isEmpty() ? QStringLiteral("NULL") : params.addDate(row.birthDate));
                tuples.append(QLatin1Char('(') + values.join(QStringLiteral(", ")) + QLatin1Char(')'));
            }
            auto inserted = execute(QStringLiteral("INSERT INTO `main`.`ad_segments`.`customer_identifiers` (%1) VALUES %2")
                                        .arg(core::AudienceSql::identifierColumns().join(QStringLiteral(", ")),
                                             tuples.join(QStringLiteral(", "))),
                                    params.take());
            if (!inserted) {
                ADD_FAILURE() << "inserting identifiers: " << inserted.error().toString().toStdString();
                return false;
            }
        }
        return true;
    }

    bool provision(const QString& catalog = QStringLiteral("main"), const QString& schema = QStringLiteral("ad_segments"))
    {
        for (const auto& statement : core::ProvisioningSql(catalog, schema).statements()) {
            auto done = execute(statement.sql);
            if (!done) {
                ADD_FAILURE() << "provisioning " << statement.object.toStdString() << ": "
                              << done.error().toString().toStdString();
                return false;
            }
        }
        return true;
    }
};

} // namespace testsupport
