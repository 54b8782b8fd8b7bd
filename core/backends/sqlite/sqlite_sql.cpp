#include "backends/sqlite/sqlite_sql.h"

#include "logging/logging.h"

#include <spdlog/spdlog.h>

#include <QRegularExpression>
#include <QSqlError>

namespace core {

Error SqliteSql::error(const QSqlDatabase& db, const QSqlQuery& query, const QString& action)
{
    const QSqlError err = query.lastError().isValid() ? query.lastError() : db.lastError();
    const QString native = err.nativeErrorCode();
    Error e = Error::storage(QStringLiteral("The local workspace could not %1.").arg(action),
                             QStringLiteral("SQLite error %1: %2").arg(native, err.text()),
                             QStringLiteral("Check that the disk has space and the workspace file %1 is writable.")
                                 .arg(db.databaseName()));
    e.code = native;
    // Extended result codes carry the primary code in their low byte.
    switch (native.toInt() & 0xff) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        e.remediation = QStringLiteral("Another program is using the workspace file; close it and try again.");
        break;
    case 13: // SQLITE_FULL
        e.remediation = QStringLiteral("The disk is full; free some space and try again.");
        break;
    case 8:  // SQLITE_READONLY
    case 14: // SQLITE_CANTOPEN
    case 23: // SQLITE_AUTH
        e.remediation = QStringLiteral("The workspace file %1 cannot be written; check its permissions or choose "
                                       "another workspace.").arg(db.databaseName());
        break;
    case 10: // SQLITE_IOERR
        e.remediation = QStringLiteral("The disk reported an error; check the drive and try again.");
        break;
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        e.remediation = QStringLiteral("The workspace file %1 is damaged or not a workspace; open another one or "
                                       "restore it from a backup.").arg(db.databaseName());
        break;
    default: // SQLITE_ERROR and the rest: a statement the app should not have sent
        e.remediation = QStringLiteral("This is a problem in the app, not in your data; please report it with the "
                                       "log file. Nothing was changed.");
        break;
    }
    logging::logger("core.store")->error("could not {}: {} [{}]", action.toStdString(), err.text().toStdString(),
                                         query.lastQuery().left(200).toStdString());
    return e;
}

Result<QSqlQuery> SqliteSql::exec(QSqlDatabase& db, const QString& sql, const QList<SqlParam>& params,
                                  const QString& action)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return error(db, q, action);
    for (const auto& p : params)
        q.bindValue(QLatin1Char(':') + p.name, p.value);
    if (!q.exec())
        return error(db, q, action);
    return q;
}

Result<QSqlQuery> SqliteSql::exec(QSqlDatabase& db, const QString& sql, const QVariantList& positional,
                                  const QString& action)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return error(db, q, action);
    for (const auto& v : positional)
        q.addBindValue(v);
    if (!q.exec())
        return error(db, q, action);
    return q;
}

Status SqliteSql::execScript(QSqlDatabase& db, const QString& script, const QString& action)
{
    QStringList lines;
    const QStringList all = script.split(QLatin1Char('\n'));
    for (const auto& line : all) {
        if (!line.trimmed().startsWith(QStringLiteral("--")))
            lines.append(line);
    }
    static const QRegularExpression separator(QStringLiteral(";\\s*(\\n|$)"));
    const QStringList statements = lines.join(QLatin1Char('\n')).split(separator, Qt::SkipEmptyParts);
    for (const auto& statement : statements) {
        if (statement.trimmed().isEmpty())
            continue;
        QSqlQuery q(db);
        if (!q.exec(statement))
            return error(db, q, action);
    }
    return success();
}

SqliteTransaction::SqliteTransaction(QSqlDatabase& db) : m_session(db), m_transaction(m_session) {}

SqliteTransaction::~SqliteTransaction() = default;

Status SqliteTransaction::begin(const QString& action) { return m_transaction.begin(action); }

Status SqliteTransaction::commit(const QString& action) { return m_transaction.commit(action); }

} // namespace core
