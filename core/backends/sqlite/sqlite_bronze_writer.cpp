#include "backends/sqlite/sqlite_bronze_writer.h"

#include "export/events_csv.h"
#include "sql/bronze_sql.h"

namespace core {

namespace {

constexpr int kEventValues = 13;

// Binds the text without copying it: the caller steps the statement while the string lives.
// A null QString is SQL NULL, as QSqlQuery binds it.
int bindText(sqlite3_stmt* statement, int parameter, const QString& text)
{
    if (text.isNull())
        return sqlite3_bind_null(statement, parameter);
    return sqlite3_bind_text16(statement, parameter, text.utf16(), static_cast<int>(text.size() * 2), SQLITE_STATIC);
}

} // namespace

SqliteBronzeWriter::SqliteBronzeWriter(QSqlDatabase& db, Batch batch, QString action)
    : m_connection(sqliteConnection(db)), m_batch(std::move(batch)), m_action(std::move(action))
{
    if (m_connection)
        m_prepared = m_insert.prepare(m_connection, BronzeSql::sqliteRowInsert().toUtf8());
}

Status SqliteBronzeWriter::failed() const
{
    if (!m_connection)
        return Error::internal(QStringLiteral("the workspace connection is not an open SQLite connection"));
    return Error::storage(QStringLiteral("Could not %1.").arg(m_action),
                          QString::fromUtf8(sqlite3_errmsg(m_connection)),
                          QStringLiteral("Check that the workspace file is writable and the disk has room, then try again."));
}

Status SqliteBronzeWriter::add(qint64 line, const QStringList& values)
{
    if (values.size() != kEventValues)
        return Error::internal(QStringLiteral("bronze row with %1 values").arg(values.size()));
    if (m_prepared != SQLITE_OK)
        return failed();
    sqlite3_stmt* insert = m_insert.get();
    int parameter = 1;
    for (const QString& v : values)
        bindText(insert, parameter++, v);
    bindText(insert, parameter++, m_batch.sourceFile);
    sqlite3_bind_int64(insert, parameter++, line);
    bindText(insert, parameter++, m_batch.id);
    bindText(insert, parameter++, m_batch.ingestTime);
    const int stepped = sqlite3_step(insert);
    sqlite3_reset(insert);
    sqlite3_clear_bindings(insert); // nothing bound may outlive the strings it points into
    if (stepped != SQLITE_DONE)
        return failed();
    ++m_written;
    return success();
}

} // namespace core
