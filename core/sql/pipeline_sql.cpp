#include "sql/pipeline_sql.h"

namespace core {

namespace {

constexpr int kReferenceRowsPerInsert = 200; // SQLite allows 500 terms in a compound SELECT
constexpr qint64 kRefreshLockKey = 0x5365675069706521; // PostgreSQL advisory lock: "SegPipe!" in ASCII

// Why a staged row (alias s) is rejected: the first failing check; NULL when the row is valid.
const QString kReason = QStringLiteral(
    "CASE"
    " WHEN s.event_id IS NULL THEN 'event_id is missing'"
    " WHEN s.event_time IS NULL THEN 'event_time is not an ISO 8601 time'"
    " WHEN s.advertiser_id IS NULL THEN 'advertiser_id is missing'"
    " WHEN s.user_id IS NULL THEN 'user_id is missing'"
    " WHEN s.age_bucket IS NULL THEN 'age is not 18-120 or an age bucket'"
    " WHEN s.gender IS NULL THEN 'gender is not female, male or unknown'"
    " WHEN s.country IS NULL THEN 'country is not an ISO 3166-1 alpha-2 code'"
    " WHEN s.region IS NULL THEN 'region is not an ISO 3166-2 code of the country'"
    " WHEN s.device IS NULL THEN 'device is not desktop, mobile, tablet or ctv'"
    " WHEN s.interests IS NULL THEN 'interests contain characters other than a-z, 0-9, _, . and |'"
    " WHEN s.event_type IS NULL THEN 'event_type is not impression, click or conversion'"
    " WHEN s.cost_micros IS NULL THEN 'cost_micros is not a whole number from 0 to 18 digits'"
    " END");

// A staged row is valid when it has no reason: every value normalised.
const QString kValid = QStringLiteral("s.event_id IS NOT NULL AND s.event_time IS NOT NULL AND "
                                      "s.advertiser_id IS NOT NULL AND s.user_id IS NOT NULL "
                                      "AND s.age_bucket IS NOT NULL AND s.gender IS NOT NULL AND s.country "
                                      "IS NOT NULL AND s.region IS NOT NULL "
                                      "AND s.device IS NOT NULL AND s.interests IS NOT NULL AND s.event_type "
                                      "IS NOT NULL AND s.cost_micros IS NOT NULL");

// Silver's columns after event_date, as staged.
const QString kStagedColumns =
    QStringLiteral("advertiser_id, campaign_id, user_id, age_bucket, gender, country, region, "
                   "device, interests, event_type, cost_micros");

QString prefixed(const QString& columns, const QString& alias)
{
    QStringList out;
    for (const auto& c : columns.split(QStringLiteral(", ")))
        out.append(alias + QLatin1Char('.') + c);
    return out.join(QStringLiteral(", "));
}

QString refValues(const QString& refTable, const char* dimension)
{
    return QStringLiteral("(SELECT r.value FROM %1 r WHERE r.dimension = '%2')")
        .arg(refTable, QLatin1String(dimension));
}

} // namespace

PipelineSql::PipelineSql(SqlTarget target) : m_target(std::move(target)) {}

// --- dialect primitives --------------------------------------------------------------------

QString PipelineSql::now() const
{
    if (postgres()) // the columns it fills are TIMESTAMPTZ; one time for the whole refresh
        return QStringLiteral("now()");
    return sqlite() ? QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
                    : QStringLiteral("current_timestamp()");
}

// True when every character of the expression is in the class (an empty text passes).
QString PipelineSql::onlyCharacters(const QString& expression, const QString& characterClass) const
{
    if (sqlite()) // backends/sqlite/sqlite_functions.h: NOT GLOB '*[^class]*' without its backtracking
        return QStringLiteral("sb_only_characters(%1, '%2')").arg(expression, characterClass);
    if (postgres())
        return QStringLiteral("%1 ~ '^[%2]*$'").arg(expression, characterClass);
    return QStringLiteral("%1 RLIKE '^[%2]*$'").arg(expression, characterClass);
}

// A text of at most 18 digits as a number (callers check the digits; try_cast keeps Databricks'
// ANSI mode from failing the statement should one slip through, PostgreSQL's CASE casts only
// what its pattern let through, so a bad value is NULL, never an error).
QString PipelineSql::integer(const QString& digits) const
{
    if (sqlite())
        return QStringLiteral("CAST(%1 AS INTEGER)").arg(digits);
    if (postgres())
        return QStringLiteral("CASE WHEN %1 ~ '^[0-9]{1,18}$' THEN CAST(%1 AS BIGINT) END").arg(digits);
    return QStringLiteral("try_cast(%1 AS BIGINT)").arg(digits);
}

// ISO 8601 date and time ('T' or space, optional fraction, 'Z' or ±HH:MM, none = UTC) as the
// UTC time; NULL for anything else, including days that do not exist.
QString PipelineSql::utcTime(const QString& text) const
{
    if (sqlite()) // backends/sqlite/sqlite_functions.h
        return QStringLiteral("sb_utc_time(%1)").arg(text);
    if (postgres()) {
        // A cast that fails fails the statement, so nothing reaches it that it could refuse: the
        // pattern checks each field's range (zones up to ±14:00 and 'z' as SQLite's sb_utc_time;
        // no year 0000, which PostgreSQL has not), then the day must exist (the month's first day
        // plus day − 1 days is still that day), and only then is the text cast.
        return QStringLiteral(
                   "CASE WHEN %1 ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):"
                   "[0-5][0-9]:[0-5][0-9]([.][0-9]{1,9})?([Zz]|[+-](0[0-9]|1[0-4]):[0-5][0-9])?$' AND "
                   "substr(%1, 1, 4) <> '0000' THEN CASE WHEN to_char(CAST(substr(%1, 1, 8) || '01' AS DATE) + "
                   "(CAST(substr(%1, 9, 2) AS INTEGER) - 1), 'YYYY-MM-DD') = substr(%1, 1, 10) THEN CAST(CASE "
                   "WHEN %1 ~ '([Zz]|[+-][0-9]{2}:[0-9]{2})$' THEN %1 ELSE %1 || 'Z' END AS TIMESTAMPTZ) END END")
            .arg(text);
    }
    return QStringLiteral("CASE WHEN %1 RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T "
                          "][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})?$' "
                          "THEN try_cast(CASE WHEN %1 RLIKE '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN %1 ELSE %1 || "
                          "'Z' END AS TIMESTAMP) END")
        .arg(text);
}

// The UTC day of a time that utcTime() normalised (Databricks: from the epoch seconds, so the
// session time zone cannot shift it).
QString PipelineSql::utcDay(const QString& time) const
{
    if (sqlite())
        return QStringLiteral("date(%1)").arg(time);
    if (postgres()) // the session's time zone cannot shift it either
        return QStringLiteral("CAST(%1 AT TIME ZONE 'UTC' AS DATE)").arg(time);
    return QStringLiteral("date_add(DATE '1970-01-01', CAST(floor(unix_seconds(%1) / 86400) AS INT))")
        .arg(time);
}

// "|a|b|" of the distinct values of a column per group (values hold no ',' or '|': they are
// validated against the catalogue).
QString PipelineSql::listOfDistinct(const QString& column) const
{
    if (sqlite()) // SqliteFunctions: sorted like the others, so a list can be merged with new values
        return QStringLiteral("sb_list_of(%1)").arg(column);
    if (postgres())
        return QStringLiteral("'|' || string_agg(DISTINCT %1, '|' ORDER BY %1) || '|'").arg(column);
    return QStringLiteral("concat('|', array_join(array_sort(collect_set(%1)), '|'), '|')").arg(column);
}

// A text that orders a silver row of one person by time, then event_id, and is unique.
QString PipelineSql::latestKey(const QString& alias) const
{
    if (sqlite()) // ISO 8601 UTC text orders by time
        return QStringLiteral("%1.event_time || %1.event_id").arg(alias);
    if (postgres()) // fixed-width UTC digits to the microsecond; "C": byte order whatever the database's collation
        return QStringLiteral(
                   "(to_char(%1.event_time AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || %1.event_id) COLLATE \"C\"")
            .arg(alias);
    return QStringLiteral("concat(lpad(CAST(unix_micros(%1.event_time) AS STRING), 20, '0'), %1.event_id)")
        .arg(alias);
}

// Bronze rows of the claimed batches, normalised; NULL where a value cannot be normalised.
QString PipelineSql::normalised() const
{
    if (sqlite())
        return sqliteNormalised();
    const QString ref = table("ref_values");
    const QString age = QStringLiteral("trim(b.age)");
    const QString cost = QStringLiteral("trim(b.cost_micros)");
    const QString time = QStringLiteral("trim(b.event_time)");
    const QString interests = QStringLiteral("lower(trim(COALESCE(b.interests, '')))");
    QStringList buckets;
    for (const auto& [low, high, bucket] :
         {std::tuple{18, 24, "18-24"}, std::tuple{25, 34, "25-34"}, std::tuple{35, 44, "35-44"},
          std::tuple{45, 54, "45-54"}, std::tuple{55, 64, "55-64"}, std::tuple{65, 120, "65+"}})
        buckets.append(QStringLiteral("WHEN %1 BETWEEN %2 AND %3 THEN '%4'")
                           .arg(integer(age))
                           .arg(low)
                           .arg(high)
                           .arg(QLatin1String(bucket)));
    return QStringLiteral(
               "SELECT b.ingest_batch, b.source_line, b.source_file, b.ingest_time, "
               "NULLIF(trim(b.event_id), '') AS event_id, %1 AS event_time, "
               "NULLIF(trim(b.advertiser_id), '') AS advertiser_id, "
               "COALESCE(NULLIF(trim(b.campaign_id), ''), 'unknown') AS campaign_id, "
               "NULLIF(trim(b.user_id), '') AS user_id, "
               "CASE WHEN %3 IN %4 THEN %3 WHEN %3 <> '' AND %5 AND length(%3) <= 3 THEN CASE %6 END END AS "
               "age_bucket, "
               "CASE lower(trim(COALESCE(b.gender, ''))) WHEN 'female' THEN 'female' WHEN 'f' THEN 'female' "
               "WHEN 'male' THEN 'male' WHEN 'm' THEN 'male' WHEN 'unknown' THEN 'unknown' WHEN 'u' THEN "
               "'unknown' "
               "WHEN '' THEN 'unknown' END AS gender, "
               "CASE WHEN upper(trim(b.country)) IN %7 THEN upper(trim(b.country)) END AS country, "
               "CASE WHEN NULLIF(trim(b.region), '') IS NULL THEN '' "
               "WHEN upper(trim(b.region)) IN %8 AND upper(trim(b.region)) LIKE upper(trim(b.country)) || "
               "'-%' "
               "THEN upper(trim(b.region)) END AS region, "
               "CASE WHEN lower(trim(b.device)) IN %9 THEN lower(trim(b.device)) END AS device, "
               "CASE WHEN %10 THEN %11 END AS interests, "
               "CASE WHEN lower(trim(b.event_type)) IN %12 THEN lower(trim(b.event_type)) END AS event_type, "
               "CASE WHEN COALESCE(%13, '') = '' THEN 0 WHEN %14 AND length(%13) <= 18 THEN %15 END AS "
               "cost_micros "
               "FROM %16 b WHERE b.ingest_batch IN (SELECT p.batch_id FROM %17 p WHERE p.done_at IS NULL)%2")
        .arg(utcTime(time),
             // SQLite: in the order rows arrived (ingest_seq: by ingest time, then batch and line),
             // so the deduplicating insert can keep the first copy without sorting again.
             sqlite() ? QStringLiteral(" ORDER BY b.ingest_seq") : QString(), age, refValues(ref, "age"),
             onlyCharacters(age, QStringLiteral("0-9")), buckets.join(QLatin1Char(' ')),
             refValues(ref, "country"), refValues(ref, "region"), refValues(ref, "device"))
        .arg(onlyCharacters(interests, QStringLiteral("a-z0-9_.|")), interests, refValues(ref, "event"), cost,
             onlyCharacters(cost, QStringLiteral("0-9")), integer(cost), table("bronze_impressions"),
             table("pipeline_batches"));
}

// SQLite: the same normalisation as normalised(), each raw value trimmed and cased once. SQLite
// evaluates every mention of an expression again (upper(trim(country)) four times a row, the age's
// cast once per bucket), so an inner query computes them; LIMIT -1 OFFSET 0 keeps it from being
// flattened into the outer one (it runs as a co-routine, in ingest_seq order: the order rows
// arrived, which the deduplicating insert keeps the first copy by). The claimed rows are those from
// the first row of a claimed batch on: a daily batch at the end of bronze is read alone, not found
// in a scan of all of it.
QString PipelineSql::sqliteNormalised() const
{
    const QString ref = table("ref_values");
    const QString bronze = table("bronze_impressions");
    const QString claimed =
        QStringLiteral("(SELECT p.batch_id FROM %1 p WHERE p.done_at IS NULL)").arg(table("pipeline_batches"));
    QStringList buckets;
    for (const auto& [low, high, bucket] :
         {std::tuple{18, 24, "18-24"}, std::tuple{25, 34, "25-34"}, std::tuple{35, 44, "35-44"},
          std::tuple{45, 54, "45-54"}, std::tuple{55, 64, "55-64"}, std::tuple{65, 120, "65+"}})
        buckets.append(
            QStringLiteral("WHEN r.age_number BETWEEN %1 AND %2 THEN '%3'").arg(low).arg(high).arg(QLatin1String(bucket)));
    const QString raw = QStringLiteral(
                            "SELECT b.ingest_batch, b.source_line, b.source_file, b.ingest_time, "
                            "NULLIF(trim(b.event_id), '') AS event_id, trim(b.event_time) AS event_time, "
                            "NULLIF(trim(b.advertiser_id), '') AS advertiser_id, "
                            "COALESCE(NULLIF(trim(b.campaign_id), ''), 'unknown') AS campaign_id, "
                            "NULLIF(trim(b.user_id), '') AS user_id, trim(b.age) AS age, "
                            "CAST(trim(b.age) AS INTEGER) AS age_number, lower(trim(COALESCE(b.gender, ''))) AS gender, "
                            "upper(trim(b.country)) AS country, upper(trim(b.region)) AS region, "
                            "lower(trim(b.device)) AS device, lower(trim(COALESCE(b.interests, ''))) AS interests, "
                            "lower(trim(b.event_type)) AS event_type, trim(b.cost_micros) AS cost_micros "
                            "FROM %1 b WHERE b.ingest_seq >= (SELECT MIN(f.ingest_seq) FROM %1 f WHERE "
                            "f.ingest_batch IN %2) AND b.ingest_batch IN %2 ORDER BY b.ingest_seq LIMIT -1 OFFSET 0")
                            .arg(bronze, claimed);
    return QStringLiteral(
               "SELECT r.ingest_batch, r.source_line, r.source_file, r.ingest_time, r.event_id, "
               "%1 AS event_time, r.advertiser_id, r.campaign_id, r.user_id, "
               "CASE WHEN r.age IN %2 THEN r.age WHEN r.age <> '' AND %3 AND length(r.age) <= 3 THEN CASE %4 END "
               "END AS age_bucket, "
               "CASE r.gender WHEN 'female' THEN 'female' WHEN 'f' THEN 'female' WHEN 'male' THEN 'male' WHEN 'm' "
               "THEN 'male' WHEN 'unknown' THEN 'unknown' WHEN 'u' THEN 'unknown' WHEN '' THEN 'unknown' END AS "
               "gender, "
               "CASE WHEN r.country IN %5 THEN r.country END AS country, "
               "CASE WHEN r.region IS NULL OR r.region = '' THEN '' "
               "WHEN r.region IN %6 AND r.region LIKE r.country || '-%' THEN r.region END AS region, "
               "CASE WHEN r.device IN %7 THEN r.device END AS device, "
               "CASE WHEN %8 THEN r.interests END AS interests, "
               "CASE WHEN r.event_type IN %9 THEN r.event_type END AS event_type, "
               "CASE WHEN COALESCE(r.cost_micros, '') = '' THEN 0 WHEN %10 AND length(r.cost_micros) <= 18 THEN "
               "%11 END AS cost_micros "
               "FROM (%12) r")
        .arg(utcTime(QStringLiteral("r.event_time")), refValues(ref, "age"),
             onlyCharacters(QStringLiteral("r.age"), QStringLiteral("0-9")), buckets.join(QLatin1Char(' ')),
             refValues(ref, "country"), refValues(ref, "region"), refValues(ref, "device"),
             onlyCharacters(QStringLiteral("r.interests"), QStringLiteral("a-z0-9_.|")), refValues(ref, "event"))
        .arg(onlyCharacters(QStringLiteral("r.cost_micros"), QStringLiteral("0-9")),
             integer(QStringLiteral("r.cost_micros")), raw);
}

// The distinct batches of bronze (column ingest_batch). SQLite and PostgreSQL: one seek of bronze's
// batch index per batch (a skip scan), where DISTINCT would read the whole index, i.e. every event,
// each refresh.
QString PipelineSql::batchesInBronze() const
{
    const QString bronze = table("bronze_impressions");
    if (sqlite() || postgres()) // PostgreSQL before 18 has no skip scan either
        return QStringLiteral(
                   "(WITH RECURSIVE batch(ingest_batch) AS (SELECT MIN(ingest_batch) FROM %1 UNION ALL "
                   "SELECT (SELECT MIN(n.ingest_batch) FROM %1 n WHERE n.ingest_batch > batch.ingest_batch) "
                   "FROM batch WHERE batch.ingest_batch IS NOT NULL) SELECT ingest_batch FROM batch WHERE "
                   "ingest_batch IS NOT NULL)")
            .arg(bronze);
    return QStringLiteral("(SELECT DISTINCT ingest_batch FROM %1)").arg(bronze);
}

QString PipelineSql::sqliteWorkSchema()
{
    return QStringLiteral("pipeline_work");
}

// Where the normalised rows are read from: SQLite materialises them once in a table of the
// in-memory work database (sqliteWorkSchema()); PostgreSQL in a temporary table of the refresh's
// transaction (dropped at its end); Databricks reads them inline (a statement has no session for
// temporary tables).
QString PipelineSql::staged() const
{
    if (sqlite())
        return sqliteWorkSchema() + QStringLiteral(".staging");
    if (postgres())
        return QStringLiteral("pg_temp.pipeline_staging");
    return QLatin1Char('(') + normalised() + QLatin1Char(')');
}

// Impressions, clicks, conversions of the events (alias e) in a group.
QString PipelineSql::eventCounts()
{
    return QStringLiteral("SUM(CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END), "
                          "SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END), "
                          "SUM(CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END)");
}

QString PipelineSql::metricsOf(const QString& members, const QString& segment,
                               const QString& advertiser) const
{
    // CROSS JOIN pins SQLite's loop order (members outside, silver's user index inside);
    // elsewhere it reads as the inner join it is.
    const QString join = sqlite() ? QStringLiteral("CROSS JOIN") : QStringLiteral("JOIN");
    return QStringLiteral(
               "INSERT INTO %1 (segment_id, day, impressions, clicks, conversions, unique_users, "
               "spend_micros) "
               "SELECT %2, e.event_date, %7, COUNT(DISTINCT e.user_id), "
               "SUM(e.cost_micros) FROM %3 m %4 %5 e ON e.user_id = m.user_id WHERE e.advertiser_id = %6 "
               "GROUP BY e.event_date")
        .arg(table("gold_segment_daily_metrics"), segment, members, join, table("silver_impressions"),
             advertiser, eventCounts());
}

// The audience_profiles rows of the people in silver (filter: a condition on e.user_id, or
// none for everyone): one pass per person for the summary and the key of the latest event, then
// that event's attributes (SQLite walks silver's user index for both).
QString PipelineSql::profilesOf(const QString& filter) const
{
    const QString silverTable = table("silver_impressions");
    return QStringLiteral(
               "INSERT INTO %1 (user_id, age_bucket, gender, country, region, interests, devices, "
               "first_seen, "
               "last_seen) "
               "SELECT u.user_id, s.age_bucket, s.gender, s.country, s.region, "
               "CASE WHEN s.interests = '' THEN '|' ELSE '|' || s.interests || '|' END, u.devices, "
               "u.first_seen, u.last_seen "
               "FROM (SELECT e.user_id, MAX(%3) AS latest, %4 AS devices, MIN(e.event_date) AS first_seen, "
               "MAX(e.event_date) AS last_seen FROM %2 e%6 GROUP BY e.user_id) u "
               "JOIN %2 s ON s.user_id = u.user_id AND %5 = u.latest")
        .arg(table("audience_profiles"), silverTable, latestKey(QStringLiteral("e")),
             listOfDistinct(QStringLiteral("e.device")), latestKey(QStringLiteral("s")),
             filter.isEmpty() ? QString() : QStringLiteral(" WHERE ") + filter);
}

Result<QString> PipelineSql::membersOf(const Segment& segment, QDate asOf,
                                       const DefinitionSqlBuilder::SegmentResolver& resolver,
                                       SqlParams& params, const PeopleScope& scope) const
{
    DefinitionSqlBuilder builder(m_target, asOf, resolver);
    if (scope.fewPeople)
        builder.countBehaviourOf(*scope.fewPeople);
    const QString& filter = scope.filter;
    QStringList joins;
    auto predicate = builder.predicate(segment.definition.root(), QStringLiteral("p"), params, joins);
    if (!predicate)
        return predicate.error();
    const QString condition =
        filter.isEmpty() ? predicate.value() : QStringLiteral("%1 AND (%2)").arg(filter, predicate.value());
    return QStringLiteral("SELECT p.user_id FROM %1 p %2 WHERE %3")
        .arg(scope.profiles.isEmpty() ? table("audience_profiles") : scope.profiles, joins.join(QLatin1Char(' ')),
             condition);
}

QString PipelineSql::validStaged()
{
    return kValid;
}

// --- steps ----------------------------------------------------------------------------------

QList<PipelineStatement> PipelineSql::lockRefresh() const
{
    if (!postgres())
        return {};
    return {{QStringLiteral("wait for any other refresh"),
             {QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kRefreshLockKey), {}}}};
}

QList<PipelineStatement> PipelineSql::referenceValues(const Catalogue& catalogue) const
{
    QList<std::pair<QString, QString>> values;
    for (Dimension d : {Dimension::Age, Dimension::Country, Dimension::Region, Dimension::Device}) {
        for (const auto& v : catalogue.values(d))
            values.append({dimensionKey(d), v});
    }
    for (const auto& e : catalogue.eventTypes())
        values.append({QStringLiteral("event"), e});
    QList<PipelineStatement> out;
    for (qsizetype start = 0; start < values.size(); start += kReferenceRowsPerInsert) {
        SqlParams p;
        QStringList rows;
        for (qsizetype i = start; i < std::min(values.size(), start + kReferenceRowsPerInsert); ++i)
            rows.append(QStringLiteral("SELECT %1 AS dimension, %2 AS value")
                            .arg(p.addString(values.at(i).first), p.addString(values.at(i).second)));
        const QString sql =
            QStringLiteral(
                "INSERT INTO %1 (dimension, value) SELECT v.dimension, v.value FROM (%2) v "
                "WHERE NOT EXISTS (SELECT 1 FROM %1 r WHERE r.dimension = v.dimension AND r.value = v.value)")
                .arg(table("ref_values"), rows.join(QStringLiteral(" UNION ALL ")));
        out.append({QStringLiteral("load reference values"), {sql, p.take()}});
    }
    return out;
}

QList<PipelineStatement> PipelineSql::silver() const
{
    return silverCleaning() + silverAdding();
}

QList<PipelineStatement> PipelineSql::silverCleaning() const
{
    return claimBatches() + stageClaimedRows() + afterStaging();
}

QList<PipelineStatement> PipelineSql::claimBatches() const
{
    const QString batches = table("pipeline_batches");
    return {{QStringLiteral("claim new batches"),
             {QStringLiteral("INSERT INTO %1 (batch_id, claimed_at) SELECT b.ingest_batch, %2 FROM %3 b "
                             "WHERE NOT EXISTS (SELECT 1 FROM %1 p WHERE p.batch_id = b.ingest_batch)")
                  .arg(batches, now(), batchesInBronze()),
              {}}}};
}

QList<PipelineStatement> PipelineSql::stageClaimedRows() const
{
    QList<PipelineStatement> out;
    if (sqlite()) {
        out.append({QStringLiteral("stage the claimed rows"),
                    {QStringLiteral("DROP TABLE IF EXISTS ") + staged(), {}}});
        out.append({QStringLiteral("stage the claimed rows"),
                    {QStringLiteral("CREATE TABLE %1 AS %2").arg(staged(), normalised()), {}}});
    } else if (postgres()) {
        // Dropped when the refresh's transaction ends, whichever way; analysed, since autovacuum
        // never sees a temporary table and the joins with silver want its size.
        out.append({QStringLiteral("stage the claimed rows"),
                    {QStringLiteral("CREATE TEMPORARY TABLE pipeline_staging ON COMMIT DROP AS ") + normalised(),
                     {}}});
        out.append({QStringLiteral("stage the claimed rows"), {QStringLiteral("ANALYZE ") + staged(), {}}});
    }
    return out;
}

QList<PipelineStatement> PipelineSql::afterStaging() const
{
    const QString bronze = table("bronze_impressions");
    const QString batches = table("pipeline_batches");
    const QString quarantine = table("silver_quarantine");
    QList<PipelineStatement> out;
    if (sqlite() || postgres()) {
        out.append({QStringLiteral("count the claimed rows"),
                    {QStringLiteral("SELECT COUNT(*) FROM ") + staged(), {}},
                    PipelineCounter::Processed});
    } else {
        out.append({QStringLiteral("count the claimed rows"),
                    {QStringLiteral("SELECT COUNT(*) FROM %1 b WHERE b.ingest_batch IN "
                                    "(SELECT p.batch_id FROM %2 p WHERE p.done_at IS NULL)")
                         .arg(bronze, batches),
                     {}},
                    PipelineCounter::Processed});
    }
    out.append(
        {QStringLiteral("quarantine invalid rows"),
         {QStringLiteral(
              "INSERT INTO %1 (ingest_batch, source_line, source_file, event_id, reason, quarantined_at) "
              "SELECT s.ingest_batch, s.source_line, s.source_file, s.event_id, %2, %3 FROM %4 s "
              "WHERE NOT (%5) AND NOT EXISTS (SELECT 1 FROM %1 q "
              "WHERE q.ingest_batch = s.ingest_batch AND q.source_line = s.source_line)")
              .arg(quarantine, kReason, now(), staged(), kValid),
          {}},
         PipelineCounter::Quarantined});
    return out;
}

QList<PipelineStatement> PipelineSql::silverAdding() const
{
    const QString batches = table("pipeline_batches");
    const QString quarantine = table("silver_quarantine");
    const QString silverTable = table("silver_impressions");
    QList<PipelineStatement> out;
    const QString columns = QStringLiteral("event_id, event_time, event_date, ") + kStagedColumns;
    QString insert;
    if (sqlite()) {
        // The primary key on event_id ignores every later copy; staging holds the rows in the
        // order they arrived (rowid), so the first copy wins.
        insert =
            QStringLiteral("INSERT OR IGNORE INTO %1 (%2) SELECT s.event_id, s.event_time, %3, %4 FROM %5 s "
                           "WHERE %6 ORDER BY s.rowid")
                .arg(silverTable, columns, utcDay(QStringLiteral("s.event_time")),
                     prefixed(kStagedColumns, QStringLiteral("s")), staged(), kValid);
    } else if (postgres()) {
        // The first copy by ingest time, batch and line of each event_id (DISTINCT ON keeps the
        // first of its order); ON CONFLICT skips those silver holds, also one that another
        // transaction added meanwhile, and counts only the rows it added.
        insert = QStringLiteral(
                     "INSERT INTO %1 (%2) SELECT DISTINCT ON (s.event_id) s.event_id, s.event_time, %3, %4 "
                     "FROM %5 s WHERE %6 ORDER BY s.event_id, s.ingest_time, s.ingest_batch, s.source_line "
                     "ON CONFLICT (event_id) DO NOTHING")
                     .arg(silverTable, columns, utcDay(QStringLiteral("s.event_time")),
                          prefixed(kStagedColumns, QStringLiteral("s")), staged(), kValid);
    } else {
        insert = QStringLiteral(
                     "INSERT INTO %1 (%2) SELECT d.event_id, d.event_time, %3, %4 FROM (SELECT s.*, "
                     "row_number() OVER (PARTITION BY s.event_id ORDER BY s.ingest_time, s.ingest_batch, "
                     "s.source_line) AS copy FROM %5 s WHERE %6) d WHERE d.copy = 1 AND NOT EXISTS "
                     "(SELECT 1 FROM %1 e WHERE e.event_id = d.event_id)")
                     .arg(silverTable, columns, utcDay(QStringLiteral("d.event_time")),
                          prefixed(kStagedColumns, QStringLiteral("d")), staged(), kValid);
    }
    out.append({QStringLiteral("add new events to silver"), {insert, {}}, PipelineCounter::SilverAdded});
    out.append({QStringLiteral("count the quarantine reasons"),
                {QStringLiteral(
                     "SELECT q.reason, COUNT(*) AS n FROM %1 q WHERE q.ingest_batch IN (SELECT p.batch_id "
                     "FROM %2 p WHERE p.done_at IS NULL) GROUP BY q.reason ORDER BY n DESC, q.reason")
                     .arg(quarantine, batches),
                 {}},
                PipelineCounter::Reasons});
    out.append(
        {QStringLiteral("mark the batches done"),
         {QStringLiteral("UPDATE %1 SET done_at = %2 WHERE done_at IS NULL").arg(batches, now()), {}}});
    return out; // SQLite's staged rows go when the work database is detached, PostgreSQL's at commit
}

QList<PipelineStatement> PipelineSql::audience() const
{
    const QString silverTable = table("silver_impressions");
    const QString profiles = table("audience_profiles");
    const QString activity = table("audience_activity");
    QList<PipelineStatement> out;
    out.append(
        {QStringLiteral("rebuild the audience"), {QStringLiteral("DELETE FROM %1").arg(profiles), {}}});
    out.append({QStringLiteral("rebuild the audience"), {profilesOf(QString()), {}}});
    out.append(
        {QStringLiteral("rebuild the audience"), {QStringLiteral("DELETE FROM %1").arg(activity), {}}});
    out.append(
        {QStringLiteral("rebuild the audience"),
         {QStringLiteral("INSERT INTO %1 (event_type, day, user_id, events) SELECT event_type, event_date, "
                         "user_id, COUNT(*) FROM %2 GROUP BY event_type, event_date, user_id")
              .arg(activity, silverTable),
          {}}});
    out.append({QStringLiteral("count the audience"),
                {QStringLiteral("SELECT COUNT(*) FROM %1").arg(profiles), {}},
                PipelineCounter::Audience});
    return out;
}

BoundSql PipelineSql::quarantined(int limit) const
{
    return {QStringLiteral("SELECT source_file, source_line, event_id, reason FROM %1 "
                           "ORDER BY quarantined_at DESC, ingest_batch, source_line LIMIT %2")
                .arg(table("silver_quarantine"))
                .arg(std::max(limit, 0)), // a number from code, not user text
            {}};
}

BoundSql PipelineSql::dataAsOf() const
{
    return {QStringLiteral("SELECT MAX(last_seen) AS as_of FROM %1").arg(table("audience_profiles")), {}};
}

BoundSql PipelineSql::referenceRows() const
{
    return {QStringLiteral("SELECT dimension, value FROM %1").arg(table("ref_values")), {}};
}

BoundSql PipelineSql::sqliteRawClaimedRows() const
{
    const QString bronze = table("bronze_impressions");
    const QString claimed =
        QStringLiteral("(SELECT p.batch_id FROM %1 p WHERE p.done_at IS NULL)").arg(table("pipeline_batches"));
    return {QStringLiteral("SELECT b.ingest_batch, b.source_line, b.source_file, b.ingest_time, b.event_id, "
                           "b.event_time, b.advertiser_id, b.campaign_id, b.user_id, b.age, b.gender, b.country, "
                           "b.region, b.device, b.interests, b.event_type, b.cost_micros FROM %1 b WHERE "
                           "b.ingest_seq >= (SELECT MIN(f.ingest_seq) FROM %1 f WHERE f.ingest_batch IN %2) AND "
                           "b.ingest_batch IN %2 ORDER BY b.ingest_seq")
                .arg(bronze, claimed),
            {}};
}

QList<PipelineStatement> PipelineSql::sqliteStagingTable() const
{
    return {{QStringLiteral("stage the claimed rows"), {QStringLiteral("DROP TABLE IF EXISTS ") + staged(), {}}},
            {QStringLiteral("stage the claimed rows"),
             {QStringLiteral("CREATE TABLE %1 (ingest_batch TEXT, source_line INT, source_file TEXT, ingest_time "
                             "TEXT, event_id, event_time, %2)")
                  .arg(staged(), kStagedColumns),
              {}}}};
}

BoundSql PipelineSql::sqliteStagingInsert() const
{
    return {QStringLiteral("INSERT INTO %1 (ingest_batch, source_line, source_file, ingest_time, event_id, "
                           "event_time, %2) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .arg(staged(), kStagedColumns),
            {}};
}

BoundSql PipelineSql::silverIsEmpty() const
{
    return {QStringLiteral("SELECT NOT EXISTS (SELECT 1 FROM %1) AS empty").arg(table("silver_impressions")), {}};
}

QList<PipelineStatement> PipelineSql::clearGold() const
{
    return {{QStringLiteral("clear the daily metrics"),
             {QStringLiteral("DELETE FROM %1").arg(table("gold_segment_daily_metrics")), {}}}};
}

PipelineStatement PipelineSql::clearGold(const QString& segmentId) const
{
    SqlParams p;
    const QString id = p.addString(segmentId);
    return {
        QStringLiteral("clear the daily metrics of segment %1").arg(segmentId),
        {QStringLiteral("DELETE FROM %1 WHERE segment_id = %2").arg(table("gold_segment_daily_metrics"), id),
         p.take()}};
}

Result<QList<PipelineStatement>>
PipelineSql::gold(const Segment& segment, QDate asOf,
                  const DefinitionSqlBuilder::SegmentResolver& resolver) const
{
    SqlParams p;
    auto selected = membersOf(segment, asOf, resolver, p, PeopleScope{});
    if (!selected)
        return selected.error();
    const QString members = selected.value();
    const QString step = QStringLiteral("compute the daily metrics of segment %1").arg(segment.id);
    QList<PipelineStatement> out;
    if (sqlite()) {
        // Members in a keyed temporary table first: SQLite then walks silver by its user index.
        out.append({step, {QStringLiteral("DROP TABLE IF EXISTS temp.members"), {}}});
        out.append(
            {step,
             {QStringLiteral("CREATE TEMP TABLE members (user_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID"),
              {}}});
        out.append({step, {QStringLiteral("INSERT INTO temp.members (user_id) ") + members, p.take()}});
        SqlParams q;
        const QString id = q.addString(segment.id);
        const QString advertiser = q.addString(segment.advertiserId);
        out.append({step, {metricsOf(QStringLiteral("temp.members"), id, advertiser), q.take()}});
        out.append({step, {QStringLiteral("DROP TABLE temp.members"), {}}});
        return out;
    }
    const QString id = p.addString(segment.id);
    const QString advertiser = p.addString(segment.advertiserId);
    out.append({step, {metricsOf(QLatin1Char('(') + members + QLatin1Char(')'), id, advertiser), p.take()}});
    return out;
}

} // namespace core
