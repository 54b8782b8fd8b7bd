#include "sql/experiment_sql.h"

#include "domain/experiment_json.h"
#include "domain/segment_json.h"

namespace core {

namespace {

QVariant timeValue(const QDateTime& t)
{
    return t.isValid() ? QVariant(SegmentJson::formatTime(t)) : QVariant();
}

QVariant dateValue(const QDate& d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant();
}

const QString kInsertColumns = QStringLiteral(
    "experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, "
    "end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at");

// The values of an experiment's row, in kInsertColumns' order, added to params in that order.
QStringList rowValues(const Experiment& e, SqlParams& p, const std::function<QString(const QString&)>& asInt)
{
    QStringList v;
    v << p.addString(e.id) << p.addString(e.advertiserId) << p.addString(e.segmentId) << p.addString(e.name)
      << p.addString(e.key) << p.addString(e.seed) << p.addString(ExperimentJson::armsToText(e.arms))
      << asInt(p.addInt(e.holdoutBasisPoints())) << p.add(dateValue(e.startDate)) << p.add(dateValue(e.endDate))
      << p.addString(experimentMetricKey(e.primaryMetric)) << p.addString(experimentStatusKey(e.status))
      << asInt(p.addInt(e.version)) << p.addString(e.createdBy) << p.add(timeValue(e.createdAt))
      << p.addString(e.updatedBy) << p.add(timeValue(e.updatedAt));
    return v;
}

// The assignments of a row that changes (everything but id, advertiser and creation).
QStringList changedAssignments(const Experiment& e, SqlParams& p, const std::function<QString(const QString&)>& asInt)
{
    QStringList a;
    a << QStringLiteral("segment_id = ") + p.addString(e.segmentId) << QStringLiteral("name = ") + p.addString(e.name)
      << QStringLiteral("experiment_key = ") + p.addString(e.key) << QStringLiteral("seed = ") + p.addString(e.seed)
      << QStringLiteral("arms = ") + p.addString(ExperimentJson::armsToText(e.arms))
      << QStringLiteral("holdout_basis_points = ") + asInt(p.addInt(e.holdoutBasisPoints()))
      << QStringLiteral("start_date = ") + p.add(dateValue(e.startDate))
      << QStringLiteral("end_date = ") + p.add(dateValue(e.endDate))
      << QStringLiteral("primary_metric = ") + p.addString(experimentMetricKey(e.primaryMetric))
      << QStringLiteral("status = ") + p.addString(experimentStatusKey(e.status))
      << QStringLiteral("version = ") + asInt(p.addInt(e.version))
      << QStringLiteral("updated_by = ") + p.addString(e.updatedBy)
      << QStringLiteral("updated_at = ") + p.add(timeValue(e.updatedAt));
    return a;
}

QString plain(const QString& placeholder) { return placeholder; }

QString castBigint(const QString& placeholder) { return QStringLiteral("CAST(%1 AS BIGINT)").arg(placeholder); }

} // namespace

const QString ExperimentSql::kColumns = kInsertColumns;

ExperimentSql::ExperimentSql(SqlTarget target) : m_target(std::move(target)) {}

BoundSql ExperimentSql::selectById(const QString& id) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE experiment_id = %3")
                            .arg(kColumns, table("gold_experiments"), p.addString(id));
    return {sql, p.take()};
}

BoundSql ExperimentSql::selectByKey(const QString& key) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE experiment_key = %3")
                            .arg(kColumns, table("gold_experiments"), p.addString(key));
    return {sql, p.take()};
}

BoundSql ExperimentSql::list(const QString& advertiserId, const QString& segmentId) const
{
    SqlParams p;
    QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE 1 = 1").arg(kColumns, table("gold_experiments"));
    if (!advertiserId.isEmpty())
        sql += QStringLiteral(" AND advertiser_id = %1").arg(p.addString(advertiserId));
    if (!segmentId.isEmpty())
        sql += QStringLiteral(" AND segment_id = %1").arg(p.addString(segmentId));
    sql += QStringLiteral(" ORDER BY created_at DESC, experiment_id");
    return {sql, p.take()};
}

BoundSql ExperimentSql::history(const QString& id) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT %1, change FROM %2 WHERE experiment_id = %3 ORDER BY version")
                            .arg(kColumns, table("gold_experiment_versions"), p.addString(id));
    return {sql, p.take()};
}

BoundSql ExperimentSql::insert(const Experiment& e) const
{
    SqlParams p;
    const QStringList values = rowValues(e, p, plain);
    const QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                            .arg(table("gold_experiments"), kInsertColumns, values.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql ExperimentSql::updateWhereVersion(const Experiment& e, int baseVersion) const
{
    SqlParams p;
    const QStringList assignments = changedAssignments(e, p, plain);
    const QString id = p.addString(e.id);
    const QString base = p.addInt(baseVersion);
    const QString sql = QStringLiteral("UPDATE %1 SET %2 WHERE experiment_id = %3 AND version = %4")
                            .arg(table("gold_experiments"), assignments.join(QStringLiteral(", ")), id, base);
    return {sql, p.take()};
}

BoundSql ExperimentSql::insertVersionRow(const Experiment& e, const QString& change) const
{
    SqlParams p;
    QStringList values = rowValues(e, p, plain);
    values << p.addString(change);
    const QString sql = QStringLiteral("INSERT INTO %1 (%2, change) VALUES (%3)")
                            .arg(table("gold_experiment_versions"), kInsertColumns, values.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql ExperimentSql::insertIfKeyFree(const Experiment& e) const
{
    SqlParams p;
    const QStringList values = rowValues(e, p, castBigint);
    const QStringList columns = kInsertColumns.split(QStringLiteral(", "));
    QStringList source;
    QStringList sourceColumns;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        source << values.at(i) + QStringLiteral(" AS ") + columns.at(i);
        sourceColumns << QStringLiteral("s.") + columns.at(i);
    }
    const QString sql =
        QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2) AS s ON t.experiment_id = s.experiment_id OR "
                       "t.experiment_key = s.experiment_key WHEN NOT MATCHED THEN INSERT (%3) VALUES (%4)")
            .arg(table("gold_experiments"), source.join(QStringLiteral(", ")), kInsertColumns,
                 sourceColumns.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql ExperimentSql::updateIfVersion(const Experiment& e, int baseVersion) const
{
    SqlParams p;
    const QString id = p.addString(e.id);
    const QString base = castBigint(p.addInt(baseVersion));
    const QStringList assignments = changedAssignments(e, p, castBigint);
    const QString sql = QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2 AS experiment_id, %3 AS base_version) AS s "
                                       "ON t.experiment_id = s.experiment_id AND t.version = s.base_version "
                                       "WHEN MATCHED THEN UPDATE SET %4")
                            .arg(table("gold_experiments"), id, base, assignments.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql ExperimentSql::insertVersion(const Experiment& e, const QString& change) const
{
    SqlParams p;
    QStringList values = rowValues(e, p, castBigint);
    values << p.addString(change);
    QStringList columns = kInsertColumns.split(QStringLiteral(", "));
    columns << QStringLiteral("change");
    QStringList source;
    QStringList sourceColumns;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        source << values.at(i) + QStringLiteral(" AS ") + columns.at(i);
        sourceColumns << QStringLiteral("s.") + columns.at(i);
    }
    const QString sql = QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2) AS s ON t.experiment_id = s.experiment_id "
                                       "AND t.version = s.version WHEN NOT MATCHED THEN INSERT (%3) VALUES (%4)")
                            .arg(table("gold_experiment_versions"), source.join(QStringLiteral(", ")),
                                 columns.join(QStringLiteral(", ")), sourceColumns.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql ExperimentSql::dataAsOf() const
{
    return {QStringLiteral("SELECT MAX(last_seen) AS as_of FROM %1").arg(table("audience_profiles")), {}};
}

QString ExperimentSql::doubleType() const
{
    switch (m_target.dialect) {
    case SqlDialect::Sqlite: return QStringLiteral("REAL");
    case SqlDialect::Postgres: return QStringLiteral("DOUBLE PRECISION");
    case SqlDialect::Databricks: return QStringLiteral("DOUBLE");
    }
    return QStringLiteral("DOUBLE");
}

QString ExperimentSql::materialized() const
{
    return m_target.dialect == SqlDialect::Databricks ? QStringLiteral(" AS (") : QStringLiteral(" AS MATERIALIZED (");
}

QString ExperimentSql::databricksFnv(const QString& text)
{
    // 32-bit FNV-1a over the characters: h = 2166136261; h = ((h XOR c) * 16777619) mod 2³². The
    // product stays below 2⁵⁷, so BIGINT never overflows.
    return QStringLiteral("aggregate(transform(sequence(1, length(%1)), fnv_i -> ascii(substring(%1, fnv_i, 1))), "
                          "CAST(2166136261 AS BIGINT), (fnv_h, fnv_c) -> ((fnv_h ^ fnv_c) * 16777619) % 4294967296)")
        .arg(text);
}

QString ExperimentSql::buckets(const QString& usersSql, const QString& seed, SqlParams& params) const
{
    const QString seedPlaceholder = params.addString(seed);
    if (m_target.dialect != SqlDialect::Databricks)
        return QStringLiteral("SELECT u.user_id, sb_growthbook_bucket(%1, u.user_id) AS bucket FROM (%2) u")
            .arg(seedPlaceholder, usersSql);
    // seed + user_id, its FNV-1a as decimal text, the FNV-1a of that text mod 10000.
    const QString seeded = QStringLiteral("SELECT u.user_id, %1 || u.user_id AS seeded FROM (%2) u")
                               .arg(seedPlaceholder, usersSql);
    const QString inner = QStringLiteral("SELECT s.user_id, CAST(%1 AS STRING) AS inner_hash FROM (%2) s")
                              .arg(databricksFnv(QStringLiteral("s.seeded")), seeded);
    return QStringLiteral("SELECT h.user_id, %1 % 10000 AS bucket FROM (%2) h")
        .arg(databricksFnv(QStringLiteral("h.inner_hash")), inner);
}

QString ExperimentSql::arms(const QString& usersSql, const ExperimentSplit& split, SqlParams& params) const
{
    const QString bucketed = buckets(usersSql, ExperimentAssignment::seedOf(split), params);
    QStringList whens;
    const auto bounds = ExperimentAssignment::bucketBounds(split);
    for (qsizetype i = 0; i < bounds.size(); ++i) {
        const QString first = params.addInt(bounds.at(i).first);
        const QString end = params.addInt(bounds.at(i).end);
        whens << QStringLiteral("WHEN b.bucket >= %1 AND b.bucket < %2 THEN %3").arg(first, end).arg(i);
    }
    return QStringLiteral("SELECT b.user_id, CASE %1 ELSE -1 END AS arm FROM (%2) b")
        .arg(whens.join(QLatin1Char(' ')), bucketed);
}

Result<QString> ExperimentSql::members(const Segment& segment, QDate asOf, int windowDays,
                                       const DefinitionSqlBuilder::SegmentResolver& resolver, SqlParams& params) const
{
    const DefinitionSqlBuilder builder(m_target, asOf, resolver);
    QStringList joins;
    auto predicate = builder.predicate(segment.definition.root(), QStringLiteral("p"), params, joins);
    if (!predicate)
        return predicate.error();
    const QString since = params.addDate(asOf.addDays(1 - windowDays).toString(Qt::ISODate));
    const QString joined = joins.isEmpty() ? QString() : QLatin1Char(' ') + joins.join(QLatin1Char(' '));
    return QStringLiteral("SELECT p.user_id FROM %1 p%2 WHERE p.last_seen >= %3 AND (%4)")
        .arg(table("audience_profiles"), joined, since, predicate.value());
}

Result<QString> ExperimentSql::assigned(const Experiment& experiment, const Segment& segment, QDate asOf,
                                        int windowDays, const DefinitionSqlBuilder::SegmentResolver& resolver,
                                        SqlParams& params) const
{
    auto m = members(segment, asOf, windowDays, resolver, params);
    if (!m)
        return m.error();
    return arms(m.value(), experiment.split(), params);
}

Result<BoundSql> ExperimentSql::assignments(const Experiment& experiment, const Segment& segment, QDate asOf,
                                            int windowDays, const DefinitionSqlBuilder::SegmentResolver& resolver) const
{
    SqlParams p;
    auto a = assigned(experiment, segment, asOf, windowDays, resolver, p);
    if (!a)
        return a.error();
    return BoundSql{QStringLiteral("SELECT a.user_id, a.arm FROM (%1) a ORDER BY a.user_id").arg(a.value()), p.take()};
}

QString ExperimentSql::eventsOfMembers(const QString& advertiser, const QString& first, const QString& last) const
{
    return QStringLiteral("e.advertiser_id = %1 AND e.event_date >= %2 AND e.event_date <= %3")
        .arg(advertiser, first, last);
}

Result<BoundSql> ExperimentSql::totals(const Experiment& experiment, const Segment& segment, QDate asOf,
                                       int windowDays, const DefinitionSqlBuilder::SegmentResolver& resolver,
                                       QDate firstDay, QDate lastDay) const
{
    SqlParams p;
    auto a = assigned(experiment, segment, asOf, windowDays, resolver, p);
    if (!a)
        return a.error();
    const QString advertiser = p.addString(segment.advertiserId);
    const QString first = p.addDate(firstDay.toString(Qt::ISODate));
    const QString last = p.addDate(lastDay.toString(Qt::ISODate));
    const QString d = doubleType();
    // Per member: their events in the range (members without any are counted by the LEFT JOIN).
    const QString activity =
        QStringLiteral("SELECT e.user_id, SUM(CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END) AS impressions, "
                       "SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END) AS clicks, "
                       "SUM(CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END) AS conversions, "
                       "SUM(e.cost_micros) AS spend_micros FROM %1 e WHERE %2 AND e.user_id IN (SELECT user_id FROM "
                       "assigned) GROUP BY e.user_id")
            .arg(table("silver_impressions"), eventsOfMembers(advertiser, first, last));
    const QString sql =
        QStringLiteral("WITH assigned%1%2), activity AS (%3) "
                       "SELECT a.arm, COUNT(*) AS users, COALESCE(SUM(x.impressions), 0) AS impressions, "
                       "COALESCE(SUM(x.clicks), 0) AS clicks, COALESCE(SUM(x.conversions), 0) AS conversions, "
                       "COALESCE(SUM(x.spend_micros), 0) AS spend_micros, "
                       "COALESCE(SUM(CAST(x.conversions AS %4) * x.conversions), 0) AS conversions_squared, "
                       "COALESCE(SUM((CAST(x.spend_micros AS %4) / 1000000) * (CAST(x.spend_micros AS %4) / 1000000)), 0) "
                       "AS spend_squared "
                       "FROM assigned a LEFT JOIN activity x ON x.user_id = a.user_id GROUP BY a.arm ORDER BY a.arm")
            .arg(materialized(), a.value(), activity, d);
    return BoundSql{sql, p.take()};
}

Result<BoundSql> ExperimentSql::daily(const Experiment& experiment, const Segment& segment, QDate asOf,
                                      int windowDays, const DefinitionSqlBuilder::SegmentResolver& resolver,
                                      QDate firstDay, QDate lastDay) const
{
    SqlParams p;
    auto a = assigned(experiment, segment, asOf, windowDays, resolver, p);
    if (!a)
        return a.error();
    const QString advertiser = p.addString(segment.advertiserId);
    const QString first = p.addDate(firstDay.toString(Qt::ISODate));
    const QString last = p.addDate(lastDay.toString(Qt::ISODate));
    const QString d = doubleType();
    const QString perMemberDay =
        QStringLiteral("SELECT a.arm, e.user_id, e.event_date AS day, "
                       "SUM(CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END) AS impressions, "
                       "SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END) AS clicks, "
                       "SUM(CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END) AS conversions, "
                       "SUM(e.cost_micros) AS spend_micros FROM assigned a JOIN %1 e ON e.user_id = a.user_id "
                       "WHERE %2 GROUP BY a.arm, e.user_id, e.event_date")
            .arg(table("silver_impressions"), eventsOfMembers(advertiser, first, last));
    // Each member's running totals, so the day's growth of Σ(total)² is c² − (c − x)².
    const QString running =
        QStringLiteral("SELECT arm, day, impressions, clicks, conversions, spend_micros, "
                       "SUM(conversions) OVER (PARTITION BY user_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND "
                       "CURRENT ROW) AS conversions_so_far, "
                       "SUM(spend_micros) OVER (PARTITION BY user_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND "
                       "CURRENT ROW) AS spend_so_far FROM member_days");
    const QString perDay =
        QStringLiteral("SELECT arm, day, SUM(impressions) AS impressions, SUM(clicks) AS clicks, "
                       "SUM(conversions) AS conversions, SUM(spend_micros) AS spend_micros, "
                       "SUM(CAST(conversions_so_far AS %1) * conversions_so_far - CAST(conversions_so_far - conversions "
                       "AS %1) * (conversions_so_far - conversions)) AS conversions_squared, "
                       "SUM((CAST(spend_so_far AS %1) / 1000000) * (CAST(spend_so_far AS %1) / 1000000) - "
                       "(CAST(spend_so_far - spend_micros AS %1) / 1000000) * (CAST(spend_so_far - spend_micros AS %1) / "
                       "1000000)) AS spend_squared FROM running GROUP BY arm, day")
            .arg(d);
    const QString window =
        QStringLiteral("OVER (PARTITION BY arm ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
    QStringList cumulative;
    for (const char* column :
         {"impressions", "clicks", "conversions", "spend_micros", "conversions_squared", "spend_squared"})
        cumulative << QStringLiteral("SUM(%1) %2 AS %1").arg(QLatin1String(column), window);
    const QString sql = QStringLiteral("WITH assigned%1%2), member_days AS (%3), running AS (%4), per_day AS (%5) "
                                       "SELECT day, arm, %6 FROM per_day ORDER BY day, arm")
                            .arg(materialized(), a.value(), perMemberDay, running, perDay,
                                 cumulative.join(QStringLiteral(", ")));
    return BoundSql{sql, p.take()};
}

} // namespace core
