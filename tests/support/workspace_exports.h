#pragma once

// What a local workspace file holds, written as the files another backend is loaded from: its
// bronze events as an events CSV file, its customer_identifiers as an identifiers CSV file.

#include <gtest/gtest.h>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include "domain/event_rows.h"
#include "export/csv_writer.h"
#include "sql/audience_sql.h"

namespace testsupport {

// Runs `read` on its own connection to the workspace file.
template <typename Read> void readWorkspace(const QString& workspace, Read read)
{
    const QString connection =
        QStringLiteral("workspace-export-") + QUuid::createUuid().toString(QUuid::Id128);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(workspace);
        EXPECT_TRUE(db.open()) << workspace.toStdString();
        read(db);
    }
    QSqlDatabase::removeDatabase(connection);
}

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile out(path);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    out.write(bytes);
}

// The bronze rows, in the order they were generated, as an events CSV file.
inline void writeEventsCsv(const QString& workspace, const QString& path)
{
    core::CsvWriter::Options options;
    options.formulaGuard = false; // data for the pipeline, not for a spreadsheet
    core::CsvWriter csv(options);
    const QStringList columns = core::bronzeEventColumns();
    readWorkspace(workspace, [&](QSqlDatabase& db) {
        QSqlQuery q(db);
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT %1 FROM bronze_impressions ORDER BY ingest_seq")
                               .arg(columns.join(QStringLiteral(", ")))));
        csv.writeRow(columns);
        while (q.next()) {
            for (int i = 0; i < columns.size(); ++i)
                csv.addField(q.value(i).toString());
            csv.endRow();
        }
    });
    writeFile(path, csv.takeData());
}

// The customer_identifiers rows, by user_id.
inline QList<core::CustomerIdentifiers> readIdentifiers(const QString& workspace)
{
    QList<core::CustomerIdentifiers> out;
    readWorkspace(workspace, [&](QSqlDatabase& db) {
        QSqlQuery q(db);
        EXPECT_TRUE(q.exec(QStringLiteral("SELECT %1 FROM customer_identifiers ORDER BY user_id")
                               .arg(core::AudienceSql::identifierColumns().join(QStringLiteral(", ")))));
        while (q.next())
            out.append(core::AudienceSql::read([&](const QString& column) { return q.value(column); }));
    });
    return out;
}

// Rows as an identifiers CSV file with these columns (any order of AudienceSql::identifierColumns()).
inline QByteArray identifiersCsv(const QList<core::CustomerIdentifiers>& rows, const QStringList& columns)
{
    core::CsvWriter::Options options;
    options.formulaGuard = false; // phones start with +
    core::CsvWriter csv(options);
    csv.writeRow(columns);
    for (const auto& r : rows) {
        const QHash<QString, QString> values{
            {QStringLiteral("user_id"), r.userId},     {QStringLiteral("email"), r.email},
            {QStringLiteral("phone"), r.phone},        {QStringLiteral("first_name"), r.firstName},
            {QStringLiteral("last_name"), r.lastName}, {QStringLiteral("city"), r.city},
            {QStringLiteral("region"), r.region},      {QStringLiteral("postal_code"), r.postalCode},
            {QStringLiteral("country"), r.country},    {QStringLiteral("birth_date"), r.birthDate}};
        for (const QString& c : columns)
            csv.addField(values.value(c));
        csv.endRow();
    }
    return csv.takeData();
}

} // namespace testsupport
