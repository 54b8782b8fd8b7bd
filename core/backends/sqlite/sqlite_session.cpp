#include "backends/sqlite/sqlite_session.h"

#include <QSqlQuery>
#include <QSqlRecord>

#include "backends/sqlite/sqlite_sql.h"

namespace core {

Result<SqlRows> SqliteSession::query(const BoundSql& sql, const QString& action)
{
    auto q = SqliteSql::exec(m_db, sql.sql, sql.params, action);
    if (!q)
        return q.error();
    SqlRows out;
    const QSqlRecord record = q.value().record();
    for (int i = 0; i < record.count(); ++i)
        out.columns.append(record.fieldName(i));
    while (q.value().next()) {
        QVariantList row;
        row.reserve(record.count());
        for (int i = 0; i < record.count(); ++i) {
            const QVariant v = q.value().value(i);
            row.append(v.isNull() ? QVariant() : v);
        }
        out.rows.append(std::move(row));
    }
    return out;
}

Result<qint64> SqliteSession::execute(const BoundSql& sql, const QString& action)
{
    auto q = SqliteSql::exec(m_db, sql.sql, sql.params, action);
    if (!q)
        return q.error();
    return static_cast<qint64>(q.value().numRowsAffected());
}

Status SqliteSession::begin(const QString& action)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return SqliteSql::error(m_db, q, action);
    return success();
}

Status SqliteSession::commit(const QString& action)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return SqliteSql::error(m_db, q, action);
    return success();
}

void SqliteSession::rollback()
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

} // namespace core
