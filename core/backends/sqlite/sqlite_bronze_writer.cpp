#include "backends/sqlite/sqlite_bronze_writer.h"

#include "export/events_csv.h"
#include "backends/sqlite/sqlite_sql.h"

namespace core {

namespace {

constexpr int kRowsPerInsert = 64;
constexpr int kValuesPerRow = 17; // the 13 event columns, source_line and the batch's three values

} // namespace

SqliteBronzeWriter::SqliteBronzeWriter(QSqlDatabase& db, Batch batch, QString action)
    : m_db(db), m_batch(std::move(batch)), m_action(std::move(action))
{
}

Status SqliteBronzeWriter::add(qint64 line, const QStringList& values)
{
    if (values.size() != kValuesPerRow - 4)
        return Error::internal(QStringLiteral("bronze row with %1 values").arg(values.size()));
    for (const auto& v : values)
        m_pending.append(v);
    m_pending.append(line);
    m_pending.append(m_batch.sourceFile);
    m_pending.append(m_batch.ingestTime);
    m_pending.append(m_batch.id);
    if (m_pending.size() / kValuesPerRow >= kRowsPerInsert)
        return flush();
    return success();
}

Status SqliteBronzeWriter::flush()
{
    const int rows = static_cast<int>(m_pending.size() / kValuesPerRow);
    if (rows == 0)
        return success();
    QSqlQuery& q = statement(rows);
    for (int i = 0; i < m_pending.size(); ++i)
        q.bindValue(i, m_pending.at(i));
    if (!q.exec())
        return SqliteSql::error(m_db, q, m_action);
    m_written += rows;
    m_pending.clear();
    return success();
}

QSqlQuery& SqliteBronzeWriter::statement(int rows)
{
    auto it = m_statements.find(rows);
    if (it != m_statements.end())
        return it->second;
    QStringList marks(kValuesPerRow, QStringLiteral("?"));
    const QString tuple = QLatin1Char('(') + marks.join(QStringLiteral(", ")) + QLatin1Char(')');
    const QStringList tuples(rows, tuple);
    const QString sql =
        QStringLiteral("INSERT INTO bronze_impressions (%1, source_line, source_file, ingest_time, "
                       "ingest_batch) VALUES %2")
            .arg(EventsCsv::columns().join(QStringLiteral(", ")), tuples.join(QStringLiteral(", ")));
    QSqlQuery q(m_db);
    q.prepare(sql);
    return m_statements.emplace(rows, std::move(q)).first->second;
}

} // namespace core
