#include "pipeline/local_pipeline.h"

#include "logging/logging.h"
#include "sql/definition_sql_builder.h"
#include "store/sqlite/sqlite_segment_rows.h"
#include "store/sqlite/sqlite_sql.h"

#include <spdlog/spdlog.h>

#include <QElapsedTimer>

namespace core {

namespace {

const QString kAction = QStringLiteral("refresh the analytics");

// Normalised columns of a bronze row; NULL where a value cannot be normalised.
const QString kNormalised = QStringLiteral(R"SQL(
SELECT b.ingest_seq,
       NULLIF(trim(b.event_id), '') AS event_id,
       CASE WHEN datetime(b.event_time) IS NOT NULL THEN strftime('%Y-%m-%dT%H:%M:%SZ', b.event_time) END AS event_time,
       date(b.event_time) AS event_date,
       NULLIF(trim(b.advertiser_id), '') AS advertiser_id,
       COALESCE(NULLIF(trim(b.campaign_id), ''), 'unknown') AS campaign_id,
       NULLIF(trim(b.user_id), '') AS user_id,
       CASE
         WHEN trim(b.age) IN (SELECT value FROM ref_values WHERE dimension = 'age') THEN trim(b.age)
         WHEN trim(b.age) GLOB '[0-9]*' AND trim(b.age) NOT GLOB '*[^0-9]*' THEN
           CASE WHEN CAST(b.age AS INTEGER) BETWEEN 18 AND 24 THEN '18-24'
                WHEN CAST(b.age AS INTEGER) BETWEEN 25 AND 34 THEN '25-34'
                WHEN CAST(b.age AS INTEGER) BETWEEN 35 AND 44 THEN '35-44'
                WHEN CAST(b.age AS INTEGER) BETWEEN 45 AND 54 THEN '45-54'
                WHEN CAST(b.age AS INTEGER) BETWEEN 55 AND 64 THEN '55-64'
                WHEN CAST(b.age AS INTEGER) BETWEEN 65 AND 120 THEN '65+' END
       END AS age_bucket,
       CASE lower(trim(COALESCE(b.gender, '')))
         WHEN 'female' THEN 'female' WHEN 'f' THEN 'female'
         WHEN 'male' THEN 'male' WHEN 'm' THEN 'male'
         WHEN 'unknown' THEN 'unknown' WHEN 'u' THEN 'unknown' WHEN '' THEN 'unknown' END AS gender,
       CASE WHEN upper(trim(b.country)) IN (SELECT value FROM ref_values WHERE dimension = 'country')
            THEN upper(trim(b.country)) END AS country,
       CASE WHEN NULLIF(trim(b.region), '') IS NULL THEN ''
            WHEN upper(trim(b.region)) IN (SELECT value FROM ref_values WHERE dimension = 'region')
             AND upper(trim(b.region)) LIKE upper(trim(b.country)) || '-%' THEN upper(trim(b.region)) END AS region,
       CASE WHEN lower(trim(b.device)) IN (SELECT value FROM ref_values WHERE dimension = 'device')
            THEN lower(trim(b.device)) END AS device,
       CASE WHEN lower(trim(COALESCE(b.interests, ''))) NOT GLOB '*[^a-z0-9_.|]*'
            THEN lower(trim(COALESCE(b.interests, ''))) END AS interests,
       CASE WHEN lower(trim(b.event_type)) IN (SELECT value FROM ref_values WHERE dimension = 'event')
            THEN lower(trim(b.event_type)) END AS event_type,
       CASE WHEN trim(COALESCE(b.cost_micros, '0')) = '' THEN 0
            WHEN trim(b.cost_micros) NOT GLOB '*[^0-9]*' THEN CAST(trim(b.cost_micros) AS INTEGER) END AS cost_micros
FROM bronze_impressions b
WHERE b.ingest_seq > :watermark
)SQL");

const QString kReason = QStringLiteral(R"SQL(
CASE
  WHEN n.event_id IS NULL THEN 'event_id is missing'
  WHEN n.event_time IS NULL THEN 'event_time is not an ISO 8601 time'
  WHEN n.advertiser_id IS NULL THEN 'advertiser_id is missing'
  WHEN n.user_id IS NULL THEN 'user_id is missing'
  WHEN n.age_bucket IS NULL THEN 'age is not 18-120 or an age bucket'
  WHEN n.gender IS NULL THEN 'gender is not female, male or unknown'
  WHEN n.country IS NULL THEN 'country is not an ISO 3166-1 alpha-2 code'
  WHEN n.region IS NULL THEN 'region is not an ISO 3166-2 code of the country'
  WHEN n.device IS NULL THEN 'device is not desktop, mobile, tablet or ctv'
  WHEN n.interests IS NULL THEN 'interests contain characters other than a-z, 0-9, _, . and |'
  WHEN n.event_type IS NULL THEN 'event_type is not impression, click or conversion'
  WHEN n.cost_micros IS NULL THEN 'cost_micros is not a whole non-negative number'
END
)SQL");

Result<qint64> scalar(QSqlDatabase& db, const QString& sql, const QVariantList& params = {})
{
    auto q = SqliteSql::exec(db, sql, params, kAction);
    if (!q)
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : 0;
}

Status run(QSqlDatabase& db, const QString& sql, const QVariantList& params = {})
{
    auto q = SqliteSql::exec(db, sql, params, kAction);
    if (!q)
        return q.error();
    return success();
}

} // namespace

LocalPipeline::LocalPipeline(QSqlDatabase& db, std::shared_ptr<const Catalogue> catalogue)
    : m_db(db), m_catalogue(std::move(catalogue))
{}

Result<PipelineReport> LocalPipeline::refresh(const Progress& progress)
{
    QElapsedTimer clock;
    clock.start();
    auto say = [&](int percent, const QString& step) {
        logging::logger("core.pipeline")->debug("{} ms: {}", clock.elapsed(), step.toStdString());
        if (progress)
            progress(percent, step);
    };
    SqliteTransaction tx(m_db);
    if (auto s = tx.begin(kAction); !s)
        return s.error();
    say(0, QStringLiteral("Loading reference values"));
    if (auto s = loadReferenceValues(); !s)
        return s.error();
    say(10, QStringLiteral("Cleaning events (silver)"));
    auto report = refreshSilver(PipelineReport{});
    if (!report)
        return report;
    say(40, QStringLiteral("Building the audience"));
    if (auto s = rebuildAudience(); !s)
        return s.error();
    auto users = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM audience_profiles"));
    if (!users)
        return users.error();
    report.value().audienceUsers = users.value();
    say(70, QStringLiteral("Computing daily segment metrics (gold)"));
    auto segments = refreshGold();
    if (!segments)
        return segments.error();
    report.value().segmentsRefreshed = segments.value();
    if (auto s = run(m_db, QStringLiteral("DELETE FROM segment_reach_cache")); !s)
        return s.error();
    if (auto s = tx.commit(kAction); !s)
        return s.error();
    say(100, QStringLiteral("Done"));
    const auto& r = report.value();
    logging::logger("core.pipeline")
        ->info("refresh: {} bronze rows, {} to silver, {} duplicates, {} quarantined, {} users, {} segments",
               r.bronzeRowsProcessed, r.silverRowsAdded, r.duplicatesSkipped, r.quarantined, r.audienceUsers,
               r.segmentsRefreshed);
    return report;
}

Status LocalPipeline::loadReferenceValues()
{
    if (auto s = run(m_db, QStringLiteral("DELETE FROM ref_values")); !s)
        return s;
    QSqlQuery q(m_db);
    if (!q.prepare(QStringLiteral("INSERT INTO ref_values (dimension, value) VALUES (?, ?)")))
        return SqliteSql::error(m_db, q, kAction);
    auto insert = [&](const QString& dimension, const QString& value) -> Status {
        q.bindValue(0, dimension);
        q.bindValue(1, value);
        if (!q.exec())
            return SqliteSql::error(m_db, q, kAction);
        return success();
    };
    for (Dimension d : kAllDimensions) {
        for (const auto& v : m_catalogue->values(d)) {
            if (auto s = insert(dimensionKey(d), v); !s)
                return s;
        }
    }
    for (const auto& e : m_catalogue->eventTypes()) {
        if (auto s = insert(QStringLiteral("event"), e); !s)
            return s;
    }
    return success();
}

Result<PipelineReport> LocalPipeline::refreshSilver(PipelineReport report)
{
    auto watermark = scalar(m_db, QStringLiteral("SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM pipeline_state "
                                                 "WHERE key = 'silver_watermark'), 0)"));
    if (!watermark)
        return watermark.error();
    auto maxSeq = scalar(m_db, QStringLiteral("SELECT COALESCE(MAX(ingest_seq), 0) FROM bronze_impressions"));
    if (!maxSeq)
        return maxSeq.error();
    if (maxSeq.value() <= watermark.value())
        return report;
    const QVariantList bounds{watermark.value()};
    auto pending = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM bronze_impressions WHERE ingest_seq > ?"), bounds);
    if (!pending)
        return pending.error();
    report.bronzeRowsProcessed = pending.value();

    if (auto s = run(m_db, QStringLiteral("DROP TABLE IF EXISTS temp.normalised")); !s)
        return s.error();
    QString normalised = kNormalised;
    normalised.replace(QStringLiteral(":watermark"), QStringLiteral("?"));
    if (auto s = run(m_db, QStringLiteral("CREATE TEMP TABLE normalised AS ") + normalised, bounds); !s)
        return s.error();
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (auto s = run(m_db,
                     QStringLiteral("INSERT OR REPLACE INTO silver_quarantine (ingest_seq, event_id, reason, quarantined_at) "
                                    "SELECT n.ingest_seq, n.event_id, %1, ? FROM temp.normalised n WHERE %1 IS NOT NULL")
                         .arg(kReason),
                     QVariantList{now});
        !s)
        return s.error();
    auto quarantined = scalar(m_db, QStringLiteral("SELECT changes()"));
    if (!quarantined)
        return quarantined.error();
    report.quarantined = quarantined.value();
    if (auto s = run(m_db,
                     QStringLiteral("INSERT OR IGNORE INTO silver_impressions (event_id, event_time, event_date, "
                                    "advertiser_id, campaign_id, user_id, age_bucket, gender, country, region, device, "
                                    "interests, event_type, cost_micros, ingest_seq) "
                                    "SELECT n.event_id, n.event_time, n.event_date, n.advertiser_id, n.campaign_id, "
                                    "n.user_id, n.age_bucket, n.gender, n.country, NULLIF(n.region, ''), n.device, "
                                    "n.interests, n.event_type, n.cost_micros, n.ingest_seq FROM temp.normalised n "
                                    "WHERE %1 IS NULL ORDER BY n.ingest_seq")
                         .arg(kReason));
        !s)
        return s.error();
    auto added = scalar(m_db, QStringLiteral("SELECT changes()"));
    if (!added)
        return added.error();
    report.silverRowsAdded = added.value();
    report.duplicatesSkipped = report.bronzeRowsProcessed - report.quarantined - report.silverRowsAdded;
    if (auto s = run(m_db, QStringLiteral("DROP TABLE temp.normalised")); !s)
        return s.error();
    if (auto s = run(m_db,
                     QStringLiteral("INSERT INTO pipeline_state (key, value) VALUES ('silver_watermark', ?) "
                                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                     QVariantList{QString::number(maxSeq.value())});
        !s)
        return s.error();
    return report;
}

Status LocalPipeline::rebuildAudience()
{
    const QStringList statements{
        QStringLiteral("DELETE FROM audience_profiles"),
        QStringLiteral("DELETE FROM audience_activity"),
        QStringLiteral("DROP TABLE IF EXISTS temp.latest"),
        QStringLiteral("DROP TABLE IF EXISTS temp.user_devices"),
        // The latest event of each user carries the user's current attributes.
        QStringLiteral("CREATE TEMP TABLE latest AS SELECT user_id, MAX(event_time || event_id) AS latest_key, "
                       "MIN(event_date) AS first_seen, MAX(event_date) AS last_seen FROM silver_impressions GROUP BY user_id"),
        QStringLiteral("CREATE TEMP TABLE user_devices AS SELECT user_id, '|' || group_concat(device, '|') || '|' AS devices "
                       "FROM (SELECT DISTINCT user_id, device FROM silver_impressions ORDER BY user_id, device) GROUP BY user_id"),
        // Interests outside the catalogue are dropped from the profile (they stay in silver).
        QStringLiteral("INSERT INTO audience_profiles (user_id, age_bucket, gender, country, region, interests, devices, "
                       "first_seen, last_seen) "
                       "SELECT s.user_id, s.age_bucket, s.gender, s.country, s.region, "
                       "COALESCE((SELECT '|' || group_concat(j.value, '|') || '|' FROM "
                       "json_each('[\"' || replace(s.interests, '|', '\",\"') || '\"]') j "
                       "WHERE s.interests <> '' AND j.value IN (SELECT value FROM ref_values WHERE dimension = 'interest')), '|'), "
                       "d.devices, l.first_seen, l.last_seen "
                       "FROM temp.latest l JOIN silver_impressions s ON s.user_id = l.user_id "
                       "AND s.event_time || s.event_id = l.latest_key JOIN temp.user_devices d ON d.user_id = l.user_id"),
        QStringLiteral("INSERT INTO audience_activity (event_type, day, user_id, events) "
                       "SELECT event_type, event_date, user_id, COUNT(*) FROM silver_impressions "
                       "GROUP BY event_type, event_date, user_id"),
        QStringLiteral("DROP TABLE temp.latest"),
        QStringLiteral("DROP TABLE temp.user_devices"),
    };
    for (const auto& sql : statements) {
        if (auto s = run(m_db, sql); !s)
            return s;
    }
    return success();
}

Result<int> LocalPipeline::refreshGold()
{
    SqliteSegmentRows rows(m_db);
    SegmentQuery query;
    auto segments = rows.list(query);
    if (!segments)
        return segments.error();
    QDate asOf;
    {
        auto asOfText = SqliteSql::exec(m_db, QStringLiteral("SELECT MAX(last_seen) FROM audience_profiles"),
                                        QVariantList{}, kAction);
        if (!asOfText)
            return asOfText.error();
        if (asOfText.value().next())
            asOf = QDate::fromString(asOfText.value().value(0).toString(), Qt::ISODate);
    } // the statement must be finished before tables are dropped
    if (auto s = run(m_db, QStringLiteral("DELETE FROM gold_segment_daily_metrics")); !s)
        return s.error();
    if (!asOf.isValid())
        return 0;
    const DefinitionSqlBuilder builder(SqlTarget{SqlDialect::Sqlite, {}}, asOf, rows.resolver());
    int refreshed = 0;
    for (const auto& segment : segments.value()) {
        SqlParams params;
        QStringList joins;
        auto predicate = builder.predicate(segment.definition.root(), QStringLiteral("p"), params, joins);
        if (!predicate) {
            logging::logger("core.pipeline")
                ->warn("segment {} skipped: {}", segment.id.toStdString(), predicate.error().toString().toStdString());
            continue;
        }
        if (auto s = run(m_db, QStringLiteral("DROP TABLE IF EXISTS temp.members")); !s)
            return s.error();
        if (auto s = run(m_db, QStringLiteral("CREATE TEMP TABLE members (user_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID")); !s)
            return s.error();
        auto members = SqliteSql::exec(
            m_db, QStringLiteral("INSERT INTO temp.members (user_id) SELECT p.user_id FROM audience_profiles p %1 WHERE %2")
                          .arg(joins.join(QLatin1Char(' ')), predicate.value()),
            params.list(), kAction);
        if (!members)
            return members.error();
        // CROSS JOIN pins SQLite's loop order: members outside, the user index of silver inside.
        auto metrics = SqliteSql::exec(
            m_db,
            QStringLiteral("INSERT INTO gold_segment_daily_metrics (segment_id, day, impressions, clicks, conversions, "
                           "unique_users, spend_micros) "
                           "SELECT ?, e.event_date, SUM(e.event_type = 'impression'), SUM(e.event_type = 'click'), "
                           "SUM(e.event_type = 'conversion'), COUNT(DISTINCT e.user_id), SUM(e.cost_micros) "
                           "FROM temp.members m CROSS JOIN silver_impressions e ON e.user_id = m.user_id "
                           "WHERE e.advertiser_id = ? GROUP BY e.event_date"),
            QVariantList{segment.id, segment.advertiserId}, kAction);
        if (!metrics)
            return metrics.error();
        ++refreshed;
    }
    if (auto s = run(m_db, QStringLiteral("DROP TABLE IF EXISTS temp.members")); !s)
        return s.error();
    return refreshed;
}

} // namespace core
