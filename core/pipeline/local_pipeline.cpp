#include "pipeline/local_pipeline.h"

#include <spdlog/spdlog.h>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>

#include "logging/logging.h"
#include "sql/pipeline_sql.h"
#include "store/sqlite/sqlite_functions.h"
#include "store/sqlite/sqlite_segment_rows.h"
#include "store/sqlite/sqlite_sql.h"

namespace core {

namespace {

const QString kAction = QStringLiteral("refresh the analytics");
const PipelineSql kSql(SqlTarget{SqlDialect::Sqlite, {}});
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
             {QStringLiteral("INSERT OR REPLACE INTO pipeline_state (key, value) VALUES (:key, :value)"),
              {{QStringLiteral("key"), kGoldInputs + segmentId}, {QStringLiteral("value"), fingerprint}}}}};
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
    SqliteTransaction tx(m_db);
    if (auto s = tx.begin(kAction); !s)
        return s.error();
    PipelineReport report;
    say(0, QStringLiteral("Loading reference values"));
    if (auto s = run(kSql.referenceValues(*m_catalogue), report); !s)
        return s.error();
    say(10, QStringLiteral("Cleaning events (silver)"));
    if (auto s = run(kSql.silver(), report); !s)
        return s.error();
    auto requested = audienceRebuildRequested();
    if (!requested)
        return requested.error();
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
    if (auto s = refreshGold(report, rebuildAudience); !s)
        return s.error();
    if (auto s = run({{QStringLiteral("forget cached reach"),
                       {QStringLiteral("DELETE FROM segment_reach_cache"), {}}}},
                     report);
        !s)
        return s.error();
    if (auto s = tx.commit(kAction); !s)
        return s.error();
    say(100, QStringLiteral("Done"));
    logging::logger("core.pipeline")
        ->info("refresh in {} ms: {} bronze rows, {} to silver, {} duplicates, {} quarantined, {} users, {} "
               "segments "
               "({} skipped)",
               clock.elapsed(), report.bronzeRowsProcessed, report.silverRowsAdded, report.duplicatesSkipped,
               report.quarantined, report.audienceUsers, report.segmentsRefreshed, report.segmentsSkipped);
    return report;
}

Result<bool> LocalPipeline::audienceRebuildRequested()
{
    auto q = SqliteSql::exec(
        m_db, QStringLiteral("SELECT COUNT(*) FROM pipeline_state WHERE key = 'audience_rebuild_needed'"),
        QList<SqlParam>{}, kAction);
    if (!q)
        return q.error();
    return q.value().next() && q.value().value(0).toLongLong() > 0;
}

Status LocalPipeline::refreshGold(PipelineReport& report, bool audienceRebuilt)
{
    SqliteSegmentRows rows(m_db);
    auto segments = rows.list(SegmentQuery{});
    if (!segments)
        return segments.error();
    QDate asOf;
    QHash<QString, QString> computedWith; // segment id → fingerprint of the statements behind its metrics
    {
        auto q = SqliteSql::exec(m_db, kSql.dataAsOf().sql, QList<SqlParam>{}, kAction);
        if (!q)
            return q.error();
        if (q.value().next())
            asOf = QDate::fromString(q.value().value(0).toString(), Qt::ISODate);
        auto inputs = SqliteSql::exec(
            m_db, QStringLiteral("SELECT key, value FROM pipeline_state WHERE substr(key, 1, :n) = :prefix"),
            QList<SqlParam>{{QStringLiteral("n"), kGoldInputs.size()},
                            {QStringLiteral("prefix"), kGoldInputs}},
            kAction);
        if (!inputs)
            return inputs.error();
        while (inputs.value().next())
            computedWith.insert(inputs.value().value(0).toString().mid(kGoldInputs.size()),
                                inputs.value().value(1).toString());
    } // the statements must be finished before tables are dropped
    const PipelineStatement forgetInputs{
        QStringLiteral("forget the inputs of the daily metrics"),
        {QStringLiteral("DELETE FROM pipeline_state WHERE substr(key, 1, :n) = :prefix"),
         {{QStringLiteral("n"), kGoldInputs.size()}, {QStringLiteral("prefix"), kGoldInputs}}}};
    if (audienceRebuilt || !asOf.isValid()) {
        if (auto s = run(kSql.clearGold() + QList<PipelineStatement>{forgetInputs}, report); !s)
            return s;
        computedWith.clear();
    }
    if (!asOf.isValid())
        return success(); // no events yet
    const auto resolver = rows.resolver();
    int recomputed = 0;
    for (const auto& segment : segments.value()) {
        auto statements = kSql.gold(segment, asOf, resolver);
        if (!statements) {
            ++report.segmentsSkipped;
            logging::logger("core.pipeline")
                ->warn("segment {} skipped: {}", segment.id.toStdString(),
                       statements.error().toString().toStdString());
            continue;
        }
        const QString inputs = fingerprint(statements.value());
        if (computedWith.value(segment.id) != inputs) {
            QList<PipelineStatement> all{kSql.clearGold(segment.id)};
            all += statements.value();
            all += goldInputsStatements(segment.id, inputs);
            if (auto s = run(all, report); !s)
                return s;
            ++recomputed;
        }
        computedWith.remove(segment.id);
        ++report.segmentsRefreshed;
    }
    // What is left belongs to segments deleted or skipped since; then gold keeps only the
    // segments whose inputs it knows (also dropping metrics from before the fingerprints).
    QList<PipelineStatement> tidy;
    for (auto it = computedWith.cbegin(); it != computedWith.cend(); ++it)
        tidy.append({QStringLiteral("forget the inputs of segment %1").arg(it.key()),
                     {QStringLiteral("DELETE FROM pipeline_state WHERE key = :key"),
                      {{QStringLiteral("key"), kGoldInputs + it.key()}}}});
    tidy.append(
        {QStringLiteral("drop the daily metrics of segments gone"),
         {QStringLiteral("DELETE FROM gold_segment_daily_metrics WHERE segment_id NOT IN (SELECT "
                         "substr(key, :from) FROM pipeline_state WHERE substr(key, 1, :n) = :prefix)"),
          {{QStringLiteral("from"), kGoldInputs.size() + 1},
           {QStringLiteral("n"), kGoldInputs.size()},
           {QStringLiteral("prefix"), kGoldInputs}}}});
    if (auto s = run(tidy, report); !s)
        return s;
    logging::logger("core.pipeline")
        ->debug("daily metrics of {} segments recomputed, {} current", recomputed,
                report.segmentsRefreshed - recomputed);
    return success();
}

} // namespace core
