#include "backends/session_experiment_store.h"

#include "backends/change_key_conflict.h"
#include "backends/session_access_store.h"
#include "backends/session_segment_rows.h"
#include "domain/audit_entry.h"
#include "domain/experiment_rules.h"
#include "domain/reach_estimate.h"
#include "domain/segment_change_rules.h"
#include "sql/audit_sql.h"
#include "sql/experiment_rows.h"
#include "sql/experiment_sql.h"

namespace core {

namespace {

constexpr int kWindowDays = kDefaultReachWindowDays;


// A result's cells by row and column name, for ExperimentRows.
ExperimentRows::Cell cellOf(const SqlRows& rows)
{
    return [&rows](qsizetype row, const QString& name) { return rows.value(row, name); };
}

// The experiment and segment rows of one session, inside the caller's transaction where it writes.
class ExperimentRowsOfSession
{
public:
    ExperimentRowsOfSession(SqlSession& session, const SqlTarget& target)
        : m_session(session), m_sql(target), m_segments(session, SegmentSql(target))
    {}

    Result<QList<Experiment>> read(const BoundSql& statement, const QString& action)
    {
        auto rows = m_session.query(statement, action);
        if (!rows)
            return rows.error();
        return ExperimentRows::experiments(rows.value().size(), cellOf(rows.value()));
    }

    Result<std::optional<Experiment>> find(const QString& id)
    {
        auto found = read(m_sql.selectById(id), QStringLiteral("read the experiment"));
        if (!found)
            return found.error();
        if (found.value().isEmpty())
            return std::optional<Experiment>();
        return std::optional<Experiment>(found.value().first());
    }

    Result<Experiment> require(const QString& id)
    {
        auto found = find(id);
        if (!found)
            return found.error();
        if (!found.value())
            return ExperimentRules::unknownExperiment(id);
        return *found.value();
    }

    // The live segment of an experiment; the Validation error of an unknown or deleted one.
    Result<Segment> liveSegment(const QString& segmentId)
    {
        auto s = m_segments.find(segmentId);
        if (!s)
            return s.error();
        if (!s.value() || s.value()->isDeleted())
            return ExperimentRules::unknownSegment(segmentId);
        return *s.value();
    }

    // Conflict when another experiment holds the key.
    Status keyFree(const Experiment& e)
    {
        auto holders = read(m_sql.selectByKey(e.key), QStringLiteral("check the experiment key"));
        if (!holders)
            return holders.error();
        for (const auto& other : holders.value()) {
            if (other.id != e.id)
                return ExperimentRules::keyTakenError(e.key, other.name);
        }
        return success();
    }

    // The row (inserted when there is no before, else updated if still at before's version), its
    // version and its audit entry.
    // changeKey: the change's idempotency key, kept with the version; a key used already refuses the
    // whole change (Conflict change_applied_already).
    Status record(const Experiment& e, const std::optional<Experiment>& before, const QString& change,
                  const QString& changeKey)
    {
        const int baseVersion = before ? before->version : 0;
        const QString action = QStringLiteral("save the experiment");
        if (baseVersion == 0) {
            auto inserted = m_session.execute(m_sql.insert(e), action);
            if (!inserted)
                return uniqueViolation(inserted.error(), e);
        } else {
            auto updated = m_session.execute(m_sql.updateWhereVersion(e, baseVersion), action);
            if (!updated)
                return uniqueViolation(updated.error(), e);
            if (updated.value() != 1)
                return Error::conflict(QStringLiteral("version_conflict"),
                                       QStringLiteral("“%1” was changed by someone else while you were saving.").arg(e.name),
                                       QStringLiteral("Reload the experiment and apply your changes again."));
        }
        auto version = m_session.execute(m_sql.insertVersionRow(e, change, changeKey),
                                         QStringLiteral("record the experiment's history"));
        if (!version)
            return changeAppliedAlready(version.error(), changeKey, QStringLiteral("the experiment's history"))
                .value_or(version.error());
        const AuditSql audit(m_sql.target());
        auto audited = m_session.execute(audit.record(AuditEntries::ofExperiment(before, e, change)),
                                         QStringLiteral("record the change in the audit trail"));
        if (!audited)
            return audited.error();
        return success();
    }

    Result<QList<ExperimentVersion>> history(const QString& id)
    {
        auto rows = m_session.query(m_sql.history(id), QStringLiteral("read the experiment's history"));
        if (!rows)
            return rows.error();
        return ExperimentRows::versions(rows.value().size(), cellOf(rows.value()));
    }

    SessionSegmentRows& segments() { return m_segments; }
    const ExperimentSql& sql() const { return m_sql; }

private:
    SqlSession& m_session;
    ExperimentSql m_sql;
    SessionSegmentRows m_segments;

    // A write the database refused for a unique key: another computer took the key (or the id)
    // between the check and the write.
    static Error uniqueViolation(const Error& error, const Experiment& e)
    {
        const bool unique = (error.kind == ErrorKind::Conflict && error.code == QLatin1String("23505")) ||
                            error.code == QLatin1String("2067") || error.code == QLatin1String("1555");
        if (!unique)
            return error;
        Error taken = ExperimentRules::keyTakenError(e.key, QStringLiteral("saved just now"));
        taken.detail = error.detail;
        return taken;
    }
};

// What assignments and results need: the experiment, its live segment and the last day with data.
struct Subject
{
    Experiment experiment;
    Segment segment;
    QDate asOf;
};

Result<Subject> subjectOf(ExperimentRowsOfSession& rows, const QString& id)
{
    auto e = rows.require(id);
    if (!e)
        return e.error();
    auto s = rows.segments().find(e.value().segmentId);
    if (!s)
        return s.error();
    if (!s.value() || s.value()->isDeleted())
        return Error::notFound(QStringLiteral("The segment of experiment “%1” (%2) was deleted; restore it to see who is "
                                              "in which arm.")
                                   .arg(e.value().name, e.value().segmentId));
    auto asOf = rows.segments().dataAsOf();
    if (!asOf)
        return asOf.error();
    return Subject{e.value(), *s.value(), asOf.value()};
}

} // namespace

SessionExperimentStore::SessionExperimentStore(SessionExecutor& executor, SqlTarget target)
    : m_executor(executor), m_target(std::move(target))
{}

QFuture<Result<QList<Experiment>>> SessionExperimentStore::list(const ExperimentQuery& query)
{
    return m_executor.run<QList<Experiment>>([this, query](SqlSession& db) {
        ExperimentRowsOfSession rows(db, m_target);
        return rows.read(rows.sql().list(query.advertiserId, query.segmentId), QStringLiteral("list the experiments"));
    });
}

QFuture<Result<Experiment>> SessionExperimentStore::get(const QString& id)
{
    return m_executor.run<Experiment>([this, id](SqlSession& db) { return ExperimentRowsOfSession(db, m_target).require(id); });
}

QFuture<Result<Experiment>> SessionExperimentStore::create(const Experiment& draft, const WriteOrigin& origin)
{
    return m_executor.run<Experiment>([this, draft, user = origin.user, key = origin.changeKey](SqlSession& db) -> Result<Experiment> {
        const QString action = QStringLiteral("save the new experiment");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        ExperimentRowsOfSession rows(db, m_target);
        if (draft.segmentId.trimmed().isEmpty())
            return experimentValidationError(ExperimentRules::validate(draft));
        auto segment = rows.liveSegment(draft.segmentId);
        if (!segment)
            return segment.error();
        auto writer = SessionAccessCheck::writer(db, user);
        if (!writer)
            return writer.error();
        if (auto s = SessionAccessCheck::require(db, m_target, segment.value().advertiserId, AccessRules::Action::EditExperiments, user); !s)
            return s.error();
        auto created = ExperimentRules::prepareCreate(draft, segment.value(), writer.value(), SegmentChangeRules::now());
        if (!created)
            return created;
        auto existing = rows.find(created.value().id);
        if (!existing)
            return existing.error();
        if (existing.value())
            return Error::conflict(QStringLiteral("id_taken"),
                                   QStringLiteral("An experiment with id %1 already exists.").arg(created.value().id),
                                   QStringLiteral("Save it as an update of that experiment instead."));
        if (auto s = rows.keyFree(created.value()); !s)
            return s.error();
        if (auto s = rows.record(created.value(), std::nullopt, QStringLiteral("created"), key); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return created;
    });
}

QFuture<Result<Experiment>> SessionExperimentStore::update(const Experiment& edited, const WriteOrigin& origin)
{
    return m_executor.run<Experiment>([this, edited, user = origin.user, key = origin.changeKey](SqlSession& db) -> Result<Experiment> {
        const QString action = QStringLiteral("save the experiment");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        ExperimentRowsOfSession rows(db, m_target);
        auto current = rows.require(edited.id);
        if (!current)
            return current;
        auto writer = SessionAccessCheck::writer(db, user);
        if (!writer)
            return writer.error();
        if (auto s = SessionAccessCheck::require(db, m_target, current.value().advertiserId, AccessRules::Action::EditExperiments, user); !s)
            return s.error();
        auto updated = ExperimentRules::prepareUpdate(current.value(), edited, writer.value(), SegmentChangeRules::now());
        if (!updated)
            return updated;
        if (auto s = rows.keyFree(updated.value()); !s)
            return s.error();
        if (auto s = rows.record(updated.value(), current.value(), QStringLiteral("updated"), key); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return updated;
    });
}

QFuture<Result<Experiment>> SessionExperimentStore::stop(const QString& id, int baseVersion, const WriteOrigin& origin)
{
    return m_executor.run<Experiment>([this, id, baseVersion, user = origin.user, key = origin.changeKey](SqlSession& db) -> Result<Experiment> {
        const QString action = QStringLiteral("stop the experiment");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        ExperimentRowsOfSession rows(db, m_target);
        auto current = rows.require(id);
        if (!current)
            return current;
        auto writer = SessionAccessCheck::writer(db, user);
        if (!writer)
            return writer.error();
        if (auto s = SessionAccessCheck::require(db, m_target, current.value().advertiserId, AccessRules::Action::EditExperiments, user); !s)
            return s.error();
        auto stopped = ExperimentRules::prepareStop(current.value(), baseVersion, writer.value(), SegmentChangeRules::now());
        if (!stopped)
            return stopped;
        if (auto s = rows.record(stopped.value(), current.value(), QStringLiteral("stopped"), key); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return stopped;
    });
}

QFuture<Result<QList<ExperimentVersion>>> SessionExperimentStore::history(const QString& id)
{
    return m_executor.run<QList<ExperimentVersion>>([this, id](SqlSession& db) -> Result<QList<ExperimentVersion>> {
        ExperimentRowsOfSession rows(db, m_target);
        if (auto e = rows.require(id); !e)
            return e.error();
        return rows.history(id);
    });
}

QFuture<Result<QList<ExperimentAssignmentRow>>> SessionExperimentStore::assignments(const QString& id)
{
    return m_executor.run<QList<ExperimentAssignmentRow>>(
        [this, id](SqlSession& db) -> Result<QList<ExperimentAssignmentRow>> {
            ExperimentRowsOfSession rows(db, m_target);
            auto subject = subjectOf(rows, id);
            if (!subject)
                return subject.error();
            QList<ExperimentAssignmentRow> out;
            if (!subject.value().asOf.isValid())
                return out; // no audience data yet: nobody is a member
            auto sql = rows.sql().assignments(subject.value().experiment, subject.value().segment, subject.value().asOf,
                                              kWindowDays, rows.segments().resolver());
            if (!sql)
                return sql.error();
            auto result = db.query(sql.value(), QStringLiteral("assign the segment's members to the arms"));
            if (!result)
                return result.error();
            const SqlRows& r = result.value();
            out.reserve(r.size());
            const int user = r.column(QStringLiteral("user_id"));
            const int arm = r.column(QStringLiteral("arm"));
            for (const auto& row : r.rows)
                out.append(ExperimentAssignmentRow{row.value(user).toString(), row.value(arm).toInt()});
            return out;
        });
}

QFuture<Result<ExperimentData>> SessionExperimentStore::data(const QString& id)
{
    return m_executor.run<ExperimentData>([this, id](SqlSession& db) -> Result<ExperimentData> {
        ExperimentRowsOfSession rows(db, m_target);
        auto subject = subjectOf(rows, id);
        if (!subject)
            return subject.error();
        const Experiment& e = subject.value().experiment;
        const QDate asOf = subject.value().asOf;
        const int armCount = static_cast<int>(e.arms.size());
        if (!asOf.isValid()) {
            ExperimentData empty = ExperimentRows::data(armCount, 0, {});
            empty.firstDay = e.startDate;
            return empty;
        }
        const QDate last = e.endDate.isValid() ? std::min(e.endDate, asOf) : asOf;
        auto sql = rows.sql().results(e, subject.value().segment, asOf, kWindowDays, rows.segments().resolver(),
                                      e.startDate, last, ExperimentSql::needsSquares(e.primaryMetric));
        if (!sql)
            return sql.error();
        auto result = db.query(sql.value(), QStringLiteral("compute the experiment's results"));
        if (!result)
            return result.error();
        ExperimentData out = ExperimentRows::data(armCount, result.value().size(), cellOf(result.value()));
        out.asOf = asOf;
        out.firstDay = e.startDate;
        out.lastDay = last >= e.startDate ? last : QDate();
        return out;
    });
}

} // namespace core
