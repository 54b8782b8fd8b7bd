#include "backends/session_saved_comparison_store.h"

#include "backends/session_segment_rows.h"
#include "domain/segment_change_rules.h"
#include "sql/saved_comparison_rows.h"
#include "sql/saved_comparison_sql.h"

namespace core {

namespace {

// The saved_comparisons rows of one session, inside the caller's transaction where it writes.
class ComparisonRows
{
public:
    ComparisonRows(SqlSession& session, const SqlTarget& target) : m_session(session), m_target(target), m_sql(target) {}

    Result<QList<SavedComparison>> read(const BoundSql& statement, const QString& action)
    {
        auto rows = m_session.query(statement, action);
        if (!rows)
            return rows.error();
        QList<SavedComparison> out;
        for (qsizetype i = 0; i < rows.value().size(); ++i) {
            auto c = SavedComparisonRows::read([&](const QString& column) { return rows.value().value(i, column); });
            if (!c)
                return c.error();
            out.append(c.value());
        }
        return out;
    }

    Result<SavedComparison> require(const QString& id)
    {
        auto found = read(m_sql.selectById(id), QStringLiteral("open the saved comparison"));
        if (!found)
            return found.error();
        if (found.value().isEmpty())
            return SavedComparisonRows::unknownComparison(id);
        return found.value().first();
    }

    Result<QList<SavedComparison>> list() { return read(m_sql.list(), QStringLiteral("list the saved comparisons")); }

    // The checks of a create or update, in the order a person fixes them.
    Status check(const SavedComparison& c, const QString& action)
    {
        if (auto s = SavedComparisonRows::validate(c); !s)
            return s;
        auto taken = m_session.query(m_sql.sameName(c.name, c.id), action);
        if (!taken)
            return taken.error();
        if (!taken.value().isEmpty())
            return SavedComparisonRows::nameTaken(taken.value().value(0, QStringLiteral("name")).toString());
        SessionSegmentRows segments(m_session, SegmentSql(m_target));
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
        auto written = m_session.execute(insert ? m_sql.insert(c) : m_sql.updateWhereId(c), action);
        if (!written) {
            // Another computer saved a comparison with this name since the check above.
            if (written.error().kind == ErrorKind::Conflict && written.error().code == QLatin1String("23505"))
                return SavedComparisonRows::nameTaken(c.name.trimmed());
            return written.error();
        }
        if (written.value() != 1)
            return SavedComparisonRows::unknownComparison(c.id);
        return success();
    }

private:
    SqlSession& m_session;
    SqlTarget m_target;
    SavedComparisonSql m_sql;
};

} // namespace

SessionSavedComparisonStore::SessionSavedComparisonStore(SessionExecutor& executor, SqlTarget target, QString location)
    : m_executor(executor), m_target(std::move(target)), m_location(std::move(location))
{}

QFuture<Result<QList<SavedComparison>>> SessionSavedComparisonStore::list()
{
    return m_executor.run<QList<SavedComparison>>(
        [target = m_target](SqlSession& db) { return ComparisonRows(db, target).list(); });
}

QFuture<Result<SavedComparison>> SessionSavedComparisonStore::get(const QString& id)
{
    return m_executor.run<SavedComparison>(
        [target = m_target, id](SqlSession& db) { return ComparisonRows(db, target).require(id); });
}

QFuture<Result<SavedComparison>> SessionSavedComparisonStore::create(const QString& name, const ComparisonRequest& request)
{
    return m_executor.run<SavedComparison>([target = m_target, name, request](SqlSession& db) -> Result<SavedComparison> {
        const QString action = QStringLiteral("save the comparison");
        SavedComparison c = SavedComparisonRows::prepareNew(name, request);
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        ComparisonRows rows(db, target);
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

QFuture<Result<SavedComparison>> SessionSavedComparisonStore::update(const SavedComparison& comparison)
{
    return m_executor.run<SavedComparison>([target = m_target, comparison](SqlSession& db) -> Result<SavedComparison> {
        const QString action = QStringLiteral("save the comparison");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        ComparisonRows rows(db, target);
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

QFuture<Status> SessionSavedComparisonStore::remove(const QString& id)
{
    return m_executor.run<Done>([target = m_target, id](SqlSession& db) -> Status {
        auto removed = db.execute(SavedComparisonSql(target).deleteById(id), QStringLiteral("delete the saved comparison"));
        if (!removed)
            return removed.error();
        if (removed.value() == 0)
            return SavedComparisonRows::unknownComparison(id);
        return success();
    });
}

} // namespace core
