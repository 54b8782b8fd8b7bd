#include "backends/sqlite/local_pipeline.h"

#include <spdlog/spdlog.h>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>

#include "logging/logging.h"
#include "sql/pipeline_sql.h"
#include "backends/sqlite/sqlite_deferred_indexes.h"
#include "backends/sqlite/sqlite_functions.h"
#include "backends/sqlite/sqlite_native_staging.h"
#include "backends/sqlite/sqlite_scratch_database.h"
#include "backends/session_segment_rows.h"
#include "sql/pipeline_state_sql.h"
#include "sql/segment_sql.h"
#include "backends/sqlite/sqlite_session.h"
#include "backends/sqlite/sqlite_sql.h"

namespace core {

namespace {

const QString kAction = QStringLiteral("refresh the analytics");
const PipelineSql kSql(SqlTarget{SqlDialect::Sqlite, {}});
constexpr qint64 kBulkRows = 10000; // new rows into an empty silver from which its indexes are built afterwards
const QString kGoldInputs = QStringLiteral("gold_inputs:"); // pipeline_state key prefix, then the segment id

// What a segment's daily metrics were computed with: its statements and their values.
QString fingerprint(const QList<PipelineStatement>& statements)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto& statement : statements) {
        hash.addData(statement.sql.sql.toUtf8());
        for (const auto& p : statement.sql.params)
            hash.addData(QStringLiteral("\x1f%1=%2:%3")
                             .arg(p.name, QLatin1String(p.value.typeName()), p.value.toString())
                             .toUtf8());
        hash.addData(QByteArrayLiteral("\x1e"));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QList<PipelineStatement> goldInputsStatements(const QString& segmentId, const QString& fingerprint)
{
    return {{QStringLiteral("remember the inputs of segment %1").arg(segmentId),
             PipelineStateSql(SqliteSession::target()).setValue(kGoldInputs + segmentId, fingerprint)}};
}

} // namespace

LocalPipeline::LocalPipeline(QSqlDatabase& db, std::shared_ptr<const Catalogue> catalogue)
    : m_db(db), m_catalogue(std::move(catalogue))
{
}

Status LocalPipeline::run(const QList<PipelineStatement>& statements, PipelineReport& report)
{
    for (const auto& statement : statements) {
        QElapsedTimer clock;
        clock.start();
        auto q = SqliteSql::exec(m_db, statement.sql.sql, statement.sql.params, kAction);
        if (!q)
            return q.error();
        logging::logger("core.pipeline")->debug("  {} ms: {}", clock.elapsed(), statement.step.toStdString());
        QSqlQuery& query = q.value();
        switch (statement.counter) {
        case PipelineCounter::None:
            break;
        case PipelineCounter::Processed:
        case PipelineCounter::Audience:
            absorb(report, statement.counter, query.next() ? query.value(0).toLongLong() : 0);
            break;
        case PipelineCounter::Quarantined:
        case PipelineCounter::SilverAdded:
            absorb(report, statement.counter, query.numRowsAffected());
            break;
        case PipelineCounter::Reasons:
            while (query.next())
                absorbReason(report, query.value(0).toString(), query.value(1).toLongLong());
            break;
        }
    }
    return success();
}

Result<PipelineReport> LocalPipeline::refresh(const Progress& progress)
{
    QElapsedTimer clock;
    clock.start();
    auto say = [&](int percent, const QString& step) {
        logging::logger("core.pipeline")->debug("{} ms: {}", clock.elapsed(), step.toStdString());
        if (progress)
            progress(percent, step);
    };
    if (auto s = SqliteFunctions::install(m_db); !s) // the SQLite spelling of PipelineSql's primitives
        return s.error();
    SqliteBulkSettings bulk(m_db); // restored after the transaction
    SqliteScratchDatabase work(m_db, PipelineSql::sqliteWorkSchema()); // detached after the transaction
    if (auto s = work.attach(kAction); !s)
        return s.error();
    SqliteTransaction tx(m_db);
    if (auto s = tx.begin(kAction); !s)
        return s.error();
    PipelineReport report;
    say(0, QStringLiteral("Loading reference values"));
    if (auto s = run(kSql.referenceValues(*m_catalogue), report); !s)
        return s.error();
    say(10, QStringLiteral("Cleaning events (silver)"));
    if (auto s = run(kSql.claimBatches(), report); !s)
        return s.error();
    if (auto staged = SqliteNativeStaging(m_db).stage(kAction); !staged) // stageClaimedRows(), in code
        return staged.error();
    if (auto s = run(kSql.afterStaging(), report); !s)
        return s.error();
    auto requested = audienceRebuildRequested();
    if (!requested)
        return requested.error();
    auto state = goldState();
    if (!state)
        return state.error();
    bool incremental = false;
    if (!requested.value() && state.value().asOf.isValid() && !state.value().computedWith.isEmpty()) {
        auto started = startIncremental(report);
        if (!started)
            return started.error();
        incremental = started.value();
    }
    // Into an empty silver (the first refresh, or after a reset) the rows go without its secondary
    // indexes, which are built once they are in: a sort each instead of an insert per row each.
    SqliteDeferredIndexes silverIndexes(m_db, QStringLiteral("silver_impressions"));
    auto empty = silverIsEmpty();
    if (!empty)
        return empty.error();
    if (empty.value() && report.bronzeRowsProcessed >= kBulkRows) {
        if (auto s = silverIndexes.setAside(kAction); !s)
            return s.error();
    }
    if (auto s = run(kSql.silverAdding(), report); !s)
        return s.error();
    if (auto s = silverIndexes.rebuild(kAction); !s)
        return s.error();
    if (incremental && report.silverRowsAdded > 0) {
        report.incremental = true;
        say(40, QStringLiteral("Updating the audience and daily metrics of the people with new events"));
        if (auto s = refreshIncrementally(report, state.value()); !s)
            return s.error();
    } else {
        const bool rebuildAudience = report.silverRowsAdded > 0 || requested.value();
        say(40, rebuildAudience ? QStringLiteral("Building the audience")
                                : QStringLiteral("The audience is current"));
        auto audience = kSql.audience();
        if (!rebuildAudience) // silver is unchanged: only the audience's size is read
            audience.removeIf(
                [](const PipelineStatement& st) { return st.counter != PipelineCounter::Audience; });
        if (auto s = run(audience, report); !s)
            return s.error();
        say(70, QStringLiteral("Computing daily segment metrics (gold)"));
        if (auto s = refreshGold(report, state.value(), rebuildAudience); !s)
            return s.error();
    }
    if (auto s = run(kSql.dropIncrementalTables() +
                         QList<PipelineStatement>{{QStringLiteral("forget cached reach"),
                                                   SegmentSql(SqliteSession::target()).clearReachCache()}},
                     report);
        !s)
        return s.error();
    logging::logger("core.pipeline")->debug("{} ms: committing", clock.elapsed());
    if (auto s = tx.commit(kAction); !s)
        return s.error();
    say(100, QStringLiteral("Done"));
    logging::logger("core.pipeline")
        ->info(
            "refresh in {} ms{}: {} bronze rows, {} to silver, {} duplicates, {} quarantined, {} users, {} "
            "segments ({} skipped)",
            clock.elapsed(), incremental ? " (incremental)" : "", report.bronzeRowsProcessed,
            report.silverRowsAdded, report.duplicatesSkipped, report.quarantined, report.audienceUsers,
            report.segmentsRefreshed, report.segmentsSkipped);
    return report;
}

Result<bool> LocalPipeline::silverIsEmpty()
{
    auto q = SqliteSql::exec(m_db, kSql.silverIsEmpty().sql, QList<SqlParam>{}, kAction);
    if (!q)
        return q.error();
    return q.value().next() && q.value().value(0).toLongLong() > 0;
}

Result<bool> LocalPipeline::audienceRebuildRequested()
{
    const BoundSql has = PipelineStateSql(SqliteSession::target()).has(PipelineStateSql::kAudienceRebuildNeeded);
    auto q = SqliteSql::exec(m_db, has.sql, has.params, kAction);
    if (!q)
        return q.error();
    return q.value().next() && q.value().value(0).toLongLong() > 0;
}

Result<LocalPipeline::GoldState> LocalPipeline::goldState()
{
    GoldState state;
    auto q = SqliteSql::exec(m_db, kSql.dataAsOf().sql, QList<SqlParam>{}, kAction);
    if (!q)
        return q.error();
    if (q.value().next())
        state.asOf = QDate::fromString(q.value().value(0).toString(), Qt::ISODate);
    const BoundSql remembered = PipelineStateSql(SqliteSession::target()).withPrefix(kGoldInputs);
    auto inputs = SqliteSql::exec(m_db, remembered.sql, remembered.params, kAction);
    if (!inputs)
        return inputs.error();
    while (inputs.value().next())
        state.computedWith.insert(inputs.value().value(0).toString().mid(kGoldInputs.size()),
                                  inputs.value().value(1).toString());
    return state;
}

// Between cleaning and adding: the people with new valid rows, and (when they are few enough for
// the incremental refresh to pay) where the new rows will start in silver.
Result<bool> LocalPipeline::startIncremental(PipelineReport& report)
{
    if (auto s = run(kSql.touchedPeople(), report); !s)
        return s.error();
    qint64& touched = m_touched;
    qint64& audience = m_audience;
    {
        auto q = SqliteSql::exec(m_db, kSql.touchedAndAudienceSize().sql, QList<SqlParam>{}, kAction);
        if (!q)
            return q.error();
        if (q.value().next()) {
            touched = q.value().value(0).toLongLong();
            audience = q.value().value(1).toLongLong();
        }
    }
    logging::logger("core.pipeline")
        ->debug("{} people with new events, {} in the audience", touched, audience);
    if (touched == 0 || touched * 2 > audience)
        return false;
    if (auto s = run(kSql.markSilver(), report); !s)
        return s.error();
    return true;
}

QList<LocalPipeline::GoldPlan> LocalPipeline::plan(const QList<Segment>& segments, QDate asOf,
                                                   const GoldState& state, PipelineReport& report,
                                                   QDate windowsFrom) const
{
    SqliteSession rowsSession(m_db);
    SessionSegmentRows rows(rowsSession, SegmentSql(SqliteSession::target()));
    const auto resolver = rows.resolver();
    QList<GoldPlan> out;
    for (const auto& segment : segments) {
        auto statements = kSql.gold(segment, asOf, resolver);
        if (!statements) {
            ++report.segmentsSkipped;
            logging::logger("core.pipeline")
                ->warn("segment {} skipped: {}", segment.id.toStdString(),
                       statements.error().toString().toStdString());
            continue;
        }
        GoldPlan p;
        p.segment = &segment;
        p.fingerprint = fingerprint(statements.value());
        p.current = state.computedWith.value(segment.id) == p.fingerprint;
        if (!p.current && windowsFrom.isValid() && windowsFrom < asOf) {
            auto before = kSql.gold(segment, windowsFrom, resolver);
            p.windowMoved = before && state.computedWith.value(segment.id) == fingerprint(before.value());
        }
        p.statements = std::move(statements).value();
        out.append(std::move(p));
    }
    return out;
}

Status LocalPipeline::recompute(const GoldPlan& plan, PipelineReport& report)
{
    QList<PipelineStatement> all{kSql.clearGold(plan.segment->id)};
    all += plan.statements;
    all += goldInputsStatements(plan.segment->id, plan.fingerprint);
    ++report.segmentsRecomputed;
    return run(all, report);
}

Status LocalPipeline::refreshGold(PipelineReport& report, const GoldState& before, bool audienceRebuilt)
{
    SqliteSession rowsSession(m_db);
    SessionSegmentRows rows(rowsSession, SegmentSql(SqliteSession::target()));
    auto segments = rows.list(SegmentQuery{});
    if (!segments)
        return segments.error();
    auto now = goldState(); // the audience may have been rebuilt: its last day
    if (!now)
        return now.error();
    GoldState state{now.value().asOf, before.computedWith};
    const PipelineStatement forgetInputs{
        QStringLiteral("forget the inputs of the daily metrics"),
        PipelineStateSql(SqliteSession::target()).removeWithPrefix(kGoldInputs)};
    if (audienceRebuilt || !state.asOf.isValid()) {
        if (auto s = run(kSql.clearGold() + QList<PipelineStatement>{forgetInputs}, report); !s)
            return s;
        state.computedWith.clear();
    }
    if (!state.asOf.isValid())
        return success(); // no events yet
    const auto plans = plan(segments.value(), state.asOf, state, report);
    for (const auto& p : plans) {
        if (!p.current) {
            if (auto s = recompute(p, report); !s)
                return s;
        }
        ++report.segmentsRefreshed;
    }
    logging::logger("core.pipeline")
        ->debug("daily metrics of {} segments recomputed, {} current", report.segmentsRecomputed,
                report.segmentsRefreshed - report.segmentsRecomputed);
    return tidyGold(plans, state, report);
}

// Silver has the new events; the audience and the daily metrics are those of before.
Status LocalPipeline::refreshIncrementally(PipelineReport& report, const GoldState& state)
{
    using Moment = PipelineSql::Moment;
    SqliteSession rowsSession(m_db);
    SessionSegmentRows rows(rowsSession, SegmentSql(SqliteSession::target()));
    auto segments = rows.list(SegmentQuery{});
    if (!segments)
        return segments.error();
    if (auto s = run(kSql.newDaily(), report); !s)
        return s;
    QDate asOf;
    {
        auto q = SqliteSql::exec(m_db, kSql.dataAsOfAfterAdding().sql, QList<SqlParam>{}, kAction);
        if (!q)
            return q.error();
        if (q.value().next())
            asOf = QDate::fromString(q.value().value(0).toString(), Qt::ISODate);
    }
    const auto plans = plan(segments.value(), asOf, state, report, state.asOf);
    const auto resolver = rows.resolver();
    auto perPerson = behaviourCountedPerPerson();
    if (!perPerson)
        return perPerson.error();
    // Who may join or leave a segment whose windows moved, then who was a member before the
    // audience changes (with the windows of before where they moved).
    for (const auto& p : plans) {
        if (!p.windowMoved)
            continue;
        auto leavers = kSql.leaversOf(*p.segment, state.asOf, asOf, resolver);
        if (!leavers)
            return leavers.error();
        if (auto s = run(leavers.value(), report); !s)
            return s;
    }
    if (auto s = run(kSql.peopleAt(Moment::Before), report); !s)
        return s;
    for (const auto& p : plans) {
        if (!p.current && !p.windowMoved)
            continue;
        auto members =
            kSql.membersOfTouched(*p.segment, p.current ? asOf : state.asOf, resolver, Moment::Before, p.windowMoved,
                                  perPerson.value());
        if (!members)
            return members.error();
        if (auto s = run(members.value(), report); !s)
            return s;
    }
    auto audience = kSql.audienceOfTouched();
    audience += kSql.audience().last(1); // its size
    audience += kSql.peopleAt(Moment::After);
    if (auto s = run(audience, report); !s)
        return s;
    for (const auto& p : plans) {
        if (p.current || p.windowMoved) {
            auto members =
                kSql.membersOfTouched(*p.segment, asOf, resolver, Moment::After, p.windowMoved, perPerson.value());
            if (!members)
                return members.error();
            auto moves = members.value() + kSql.goldDifference(*p.segment);
            if (p.windowMoved) {
                moves += goldInputsStatements(p.segment->id, p.fingerprint);
                ++report.segmentsWindowsMoved;
            }
            if (auto s = run(moves, report); !s)
                return s;
        } else if (auto s = recompute(p, report); !s) {
            return s;
        }
        ++report.segmentsRefreshed;
    }
    logging::logger("core.pipeline")
        ->debug("daily metrics of {} segments moved by the new events ({} with their windows), {} recomputed",
                report.segmentsRefreshed - report.segmentsRecomputed, report.segmentsWindowsMoved,
                report.segmentsRecomputed);
    return tidyGold(plans, state, report);
}

Result<std::function<bool(const BehaviourRule&)>> LocalPipeline::behaviourCountedPerPerson()
{
    if (m_counting != BehaviourCounting::Cheaper) {
        const bool always = m_counting == BehaviourCounting::PerPerson;
        return std::function<bool(const BehaviourRule&)>([always](const BehaviourRule&) { return always; });
    }
    auto q = SqliteSql::exec(m_db, kSql.newEventsShape().sql, QList<SqlParam>{}, kAction);
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::function<bool(const BehaviourRule&)>{};
    const double silverRows = q.value().value(0).toDouble();
    const double days = std::max(1.0, q.value().value(1).toDouble());
    QHash<QString, double> peopleDaysPerDay; // audience_activity's rows a day, by event type
    const char* types[] = {"impression", "click", "conversion"};
    for (int i = 0; i < 3; ++i)
        peopleDaysPerDay.insert(QLatin1String(types[i]), q.value().value(2 + i).toDouble() / days);
    // The people concerned: the touched, about as many leaving a window; each with their events.
    const double perPersonRows =
        2.0 * static_cast<double>(m_touched) * silverRows / static_cast<double>(std::max<qint64>(1, m_audience));
    return std::function<bool(const BehaviourRule&)>([peopleDaysPerDay, perPersonRows](const BehaviourRule& rule) {
        return perPersonRows < rule.days * peopleDaysPerDay.value(rule.eventType, 0.0);
    });
}

// What is left of the known inputs belongs to segments deleted or skipped since; then gold keeps
// only the segments whose inputs it knows (also dropping metrics from before the fingerprints).
Status LocalPipeline::tidyGold(const QList<GoldPlan>& plans, const GoldState& state, PipelineReport& report)
{
    QHash<QString, QString> gone = state.computedWith;
    for (const auto& p : plans)
        gone.remove(p.segment->id);
    QList<PipelineStatement> tidy;
    for (auto it = gone.cbegin(); it != gone.cend(); ++it)
        tidy.append({QStringLiteral("forget the inputs of segment %1").arg(it.key()),
                     PipelineStateSql(SqliteSession::target()).remove(kGoldInputs + it.key())});
    tidy.append(
        {QStringLiteral("drop the daily metrics of segments gone"),
         PipelineStateSql(SqliteSession::target()).dropMetricsNotUnder(kGoldInputs)});
    return run(tidy, report);
}

} // namespace core
