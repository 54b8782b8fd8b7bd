#pragma once

#include <functional>

#include <QDate>
#include <QHash>
#include <QSqlDatabase>

#include "common/result.h"
#include "domain/catalogue.h"
#include "domain/pipeline_report.h"
#include "sql/pipeline_sql.h"

namespace core {

// Runs the impressions pipeline (PipelineSql rendered for SQLite) on the local workspace:
// reference values, bronze → silver, the audience, and gold_segment_daily_metrics, in one
// transaction on the workspace thread (a failure changes nothing). Re-running never
// double-counts: only batches not done yet are cleaned.
// What nothing changed is not recomputed. When the new events concern at most half of the
// audience and the daily metrics are known, the refresh is incremental: only those people's
// audience rows are computed again and each segment's metrics move by the difference they make
// (PipelineSql::goldDifference); for a segment whose behaviour windows moved with the last day, so
// do those of the people with events on the days leaving them (PipelineSql::leaversOf). Otherwise the audience is rebuilt from silver (also when a
// migration asked for it, pipeline_state audience_rebuild_needed) and the metrics recomputed. A
// segment whose statements differ from those that computed its metrics is always recomputed
// whole (pipeline_state gold_inputs:<segment id> holds their fingerprint; gold keeps only
// segments with one).
class LocalPipeline
{
public:
    using Progress = std::function<void(int percent, const QString& step)>;

    LocalPipeline(QSqlDatabase& db, std::shared_ptr<const Catalogue> catalogue);

    Result<PipelineReport> refresh(const Progress& progress = {});

    // How the incremental refresh counts the behaviour windows of the people concerned: by what
    // reads fewer rows (the default), or always one way (tests compare both with a full refresh).
    enum class BehaviourCounting
    {
        Cheaper,
        PerPerson,
        ByWindow
    };
    void setBehaviourCounting(BehaviourCounting counting) { m_counting = counting; }

private:
    // A live segment's daily-metrics statements for this refresh.
    struct GoldPlan
    {
        const Segment* segment = nullptr;
        QList<PipelineStatement> statements;
        QString fingerprint;
        bool current = false; // the metrics were computed by these very statements
        // Not current, but computed by the statements of the last day before: only the behaviour
        // windows moved (the incremental refresh then moves the metrics as well).
        bool windowMoved = false;
    };
    struct GoldState
    {
        QDate asOf;                           // the last day with data before this refresh
        QHash<QString, QString> computedWith; // segment id → fingerprint of its metrics' statements
    };

    QSqlDatabase& m_db;
    std::shared_ptr<const Catalogue> m_catalogue;
    BehaviourCounting m_counting = BehaviourCounting::Cheaper;
    qint64 m_touched = 0;  // the people with new events (incremental refresh)
    qint64 m_audience = 0; // the audience's size before

    Status run(const QList<PipelineStatement>& statements, PipelineReport& report);
    Result<bool> audienceRebuildRequested();
    Result<bool> silverIsEmpty();
    Result<GoldState> goldState();
    Result<bool> startIncremental(PipelineReport& report);
    Status refreshGold(PipelineReport& report, const GoldState& state, bool audienceRebuilt);
    Status refreshIncrementally(PipelineReport& report, const GoldState& state);
    // windowsFrom: the last day of before, when the behaviour windows may have moved from it.
    QList<GoldPlan> plan(const QList<Segment>& segments, QDate asOf, const GoldState& state,
                         PipelineReport& report, QDate windowsFrom = {}) const;
    Status recompute(const GoldPlan& plan, PipelineReport& report);
    // Which behaviour rules the members of the people concerned count per person in silver (their
    // events) rather than from the window of audience_activity (its rows of everyone): the fewer rows.
    Result<std::function<bool(const BehaviourRule&)>> behaviourCountedPerPerson();
    Status tidyGold(const QList<GoldPlan>& plans, const GoldState& state, PipelineReport& report);
};

} // namespace core
