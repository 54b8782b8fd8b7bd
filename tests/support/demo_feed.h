#pragma once

// The demo feed of the pipeline equivalence tests (tests/integration/local_pipeline_test.cpp on
// the local workspace, postgres_pipeline_test.cpp on PostgreSQL): 60 days of DemoGenerator events
// of 3,000 people (with the feed's duplicates and bad rows) held aside in a SQLite workspace, each
// row with the batch it arrives in: by day in ten spans, every fourth event two batches late, rows
// without a readable day anywhere.

#include <QByteArray>
#include <QDate>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <gtest/gtest.h>

#include "backends/sqlite/sqlite_migrator.h"
#include "backends/sqlite/sqlite_sql.h"
#include "demo/demo_generator.h"
#include "domain/event_rows.h"
#include "export/csv_writer.h"
#include "support/test_catalogue.h"

namespace testsupport {

constexpr int kDemoFeedBatches = 10;

// Migrates the empty workspace, fills its bronze with the demo feed and moves the rows to the
// table `held` (bronze's columns and `arrives`, the batch 0–9), leaving bronze empty.
inline void holdDemoFeed(QSqlDatabase& db)
{
    ASSERT_TRUE(core::SqliteMigrator::migrate(db));
    core::DemoOptions options;
    options.seed = 11;
    options.endDate = QDate(2026, 5, 31);
    options.users = 3000;
    options.days = 60;
    options.meanEventsPerUserPerDay = 0.03;
    options.runPipeline = false;
    ASSERT_TRUE(core::DemoGenerator::fill(db, options, catalogue()));
    for (const QString& sql :
         {QStringLiteral(
              "CREATE TABLE held AS SELECT s.*, CASE WHEN s.span IS NULL THEN s.ingest_seq % 10 WHEN "
              "s.ingest_seq % 4 "
              "= 0 THEN min(9, s.span + 2) ELSE s.span END AS arrives FROM (SELECT b.*, CAST(10 * "
              "(julianday(substr(b.event_time, 1, 10)) - r.first) / (r.last - r.first + 1) AS INTEGER) AS span "
              "FROM bronze_impressions b CROSS JOIN (SELECT MIN(julianday(substr(event_time, 1, 10))) AS "
              "first, "
              "MAX(julianday(substr(event_time, 1, 10))) AS last FROM bronze_impressions) r) s"),
          QStringLiteral("DELETE FROM bronze_impressions")}) {
        auto q = core::SqliteSql::exec(db, sql, QVariantList{}, QStringLiteral("hold the demo feed"));
        ASSERT_TRUE(q) << q.error().toString().toStdString();
    }
}

// The held rows of one batch (of all when batch < 0) as an events CSV file: the 13 event columns,
// in the order the rows were generated (a SQL NULL as an empty field).
inline QByteArray heldBatchCsv(const QSqlDatabase& db, int batch)
{
    const QStringList columns = core::bronzeEventColumns();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM held WHERE arrives = ? OR ? < 0 ORDER BY ingest_seq")
                  .arg(columns.join(QStringLiteral(", "))));
    q.addBindValue(batch);
    q.addBindValue(batch);
    EXPECT_TRUE(q.exec()) << q.lastError().text().toStdString();
    core::CsvWriter::Options options;
    options.formulaGuard = false; // data for the pipeline, not for a spreadsheet
    core::CsvWriter csv(options);
    csv.writeRow(columns);
    while (q.next()) {
        for (int i = 0; i < columns.size(); ++i)
            csv.addField(q.value(i).toString());
        csv.endRow();
    }
    return csv.takeData();
}

} // namespace testsupport
