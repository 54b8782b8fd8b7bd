#include "backends/sqlite/sqlite_saved_comparison_store.h"

#include <QDir>

#include "sql/saved_comparison_rows.h"
#include "domain/segment_change_rules.h"
#include "backends/sqlite/sqlite_executor.h"
#include "backends/session_segment_rows.h"
#include "backends/sqlite/sqlite_session.h"
#include "backends/sqlite/sqlite_sql.h"

namespace core {

namespace {

Result<SavedComparison> readRow(const QSqlQuery& q)
{
    return SavedComparisonRows::read([&q](const QString& column) { return q.value(column); });
}

class SqliteComparisonRows
{
public:
    explicit SqliteComparisonRows(QSqlDatabase& db) : m_db(db) {}

    Result<std::optional<SavedComparison>> find(const QString& id)
    {
        auto q = SqliteSql::exec(m_db,
                                 QStringLiteral("SELECT %1 FROM saved_comparisons WHERE comparison_id = ?")
                                     .arg(SavedComparisonRows::kColumns),
                                 QVariantList{id}, QStringLiteral("open the saved comparison"));
        if (!q)
            return q.error();
        if (!q.value().next())
            return std::optional<SavedComparison>();
        auto c = readRow(q.value());
        if (!c)
            return c.error();
        return std::optional<SavedComparison>(c.value());
    }

    Result<SavedComparison> require(const QString& id)
    {
        auto found = find(id);
        if (!found)
            return found.error();
        if (!found.value())
            return SavedComparisonRows::unknownComparison(id);
        return *found.value();
    }

    Result<QList<SavedComparison>> list()
    {
        auto q = SqliteSql::exec(
            m_db,
            QStringLiteral("SELECT %1 FROM saved_comparisons ORDER BY name_key, comparison_id")
                .arg(SavedComparisonRows::kColumns),
            QVariantList{}, QStringLiteral("list the saved comparisons"));
        if (!q)
            return q.error();
        QList<SavedComparison> out;
        while (q.value().next()) {
            auto c = readRow(q.value());
            if (!c)
                return c.error();
            out.append(c.value());
        }
        return out;
    }

    // The checks of a create or update, in the order a person fixes them.
    Status check(const SavedComparison& c, const QString& action)
    {
        if (auto s = SavedComparisonRows::validate(c); !s)
            return s;
        auto taken = SqliteSql::exec(
            m_db,
            QStringLiteral("SELECT name FROM saved_comparisons WHERE name_key = ? AND comparison_id <> ?"),
            QVariantList{SavedComparison::nameKey(c.name), c.id}, action);
        if (!taken)
            return taken.error();
        if (taken.value().next())
            return SavedComparisonRows::nameTaken(taken.value().value(0).toString());
        SqliteSession segmentsSession(m_db);
        SessionSegmentRows segments(segmentsSession, SegmentSql(SqliteSession::target()));
        for (const auto& id : c.request.segmentIds) {
            auto s = segments.find(id);
            if (!s)
                return s.error();
            if (!s.value() || s.value()->isDeleted())
                return SavedComparisonRows::segmentGone(id);
        }
        return success();
    }

    Status write(const SavedComparison& c, bool insert, const QString& action)
    {
        const QVariantList values{c.name.trimmed(),
                                  SavedComparison::nameKey(c.name),
                                  SavedComparisonRows::segmentIdsText(c.request.segmentIds),
                                  SavedComparisonRows::dayText(c.request.range.first),
                                  SavedComparisonRows::dayText(c.request.range.last),
                                  SavedComparisonRows::timeText(c.updatedAt),
                                  c.id};
        QVariantList params = values;
        QString sql;
        if (insert) {
            sql = QStringLiteral(
                "INSERT INTO saved_comparisons (name, name_key, segment_ids, first_day, last_day, "
                "updated_at, comparison_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            params.append(SavedComparisonRows::timeText(c.createdAt));
        } else {
            sql = QStringLiteral(
                "UPDATE saved_comparisons SET name = ?, name_key = ?, segment_ids = ?, first_day = ?, "
                "last_day = ?, updated_at = ? WHERE comparison_id = ?");
        }
        auto q = SqliteSql::exec(m_db, sql, params, action);
        if (!q)
            return q.error();
        return success();
    }

private:
    QSqlDatabase& m_db;
};

} // namespace

SqliteSavedComparisonStore::SqliteSavedComparisonStore(SqliteExecutor& executor) : m_executor(executor) {}

QString SqliteSavedComparisonStore::location() const
{
    return QStringLiteral("the local workspace file %1").arg(QDir::toNativeSeparators(m_executor.path()));
}

QFuture<Result<QList<SavedComparison>>> SqliteSavedComparisonStore::list()
{
    return m_executor.submit<QList<SavedComparison>>(
        [](QSqlDatabase& db) { return SqliteComparisonRows(db).list(); });
}

QFuture<Result<SavedComparison>> SqliteSavedComparisonStore::get(const QString& id)
{
    return m_executor.submit<SavedComparison>(
        [id](QSqlDatabase& db) { return SqliteComparisonRows(db).require(id); });
}

QFuture<Result<SavedComparison>> SqliteSavedComparisonStore::create(const QString& name,
                                                                    const ComparisonRequest& request)
{
    return m_executor.submit<SavedComparison>([name, request](QSqlDatabase& db) -> Result<SavedComparison> {
        const QString action = QStringLiteral("save the comparison");
        SavedComparison c = SavedComparisonRows::prepareNew(name, request);
        SqliteTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SqliteComparisonRows rows(db);
        if (auto s = rows.check(c, action); !s)
            return s.error();
        if (auto s = rows.write(c, true, action); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        c.name = c.name.trimmed();
        return c;
    });
}

QFuture<Result<SavedComparison>> SqliteSavedComparisonStore::update(const SavedComparison& comparison)
{
    return m_executor.submit<SavedComparison>([comparison](QSqlDatabase& db) -> Result<SavedComparison> {
        const QString action = QStringLiteral("save the comparison");
        SqliteTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SqliteComparisonRows rows(db);
        auto current = rows.require(comparison.id);
        if (!current)
            return current;
        SavedComparison c = comparison;
        c.createdAt = current.value().createdAt;
        c.updatedAt = SegmentChangeRules::now();
        if (auto s = rows.check(c, action); !s)
            return s.error();
        if (auto s = rows.write(c, false, action); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        c.name = c.name.trimmed();
        return c;
    });
}

QFuture<Status> SqliteSavedComparisonStore::remove(const QString& id)
{
    return m_executor.submit<Done>([id](QSqlDatabase& db) -> Status {
        const QString action = QStringLiteral("delete the saved comparison");
        auto q = SqliteSql::exec(db, QStringLiteral("DELETE FROM saved_comparisons WHERE comparison_id = ?"),
                                 QVariantList{id}, action);
        if (!q)
            return q.error();
        if (q.value().numRowsAffected() == 0)
            return SavedComparisonRows::unknownComparison(id);
        return success();
    });
}

} // namespace core
