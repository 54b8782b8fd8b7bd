#include "sql/experiment_sql.h"

#include "domain/experiment_json.h"
#include "domain/segment_json.h"
#include "sql/principal_sql.h"

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
// created_by is the writer for version 1 (the creation) and the stored creator after that;
// updated_by is always the writer (PrincipalSql::actor: the backend's current_user when shared).
QStringList rowValues(const Experiment& e, SqlParams& p, const std::function<QString(const QString&)>& asInt,
                      SqlDialect dialect)
{
    QStringList v;
    v << p.addString(e.id) << p.addString(e.advertiserId) << p.addString(e.segmentId) << p.addString(e.name)
      << p.addString(e.key) << p.addString(e.seed) << p.addString(ExperimentJson::armsToText(e.arms))
      << asInt(p.addInt(e.holdoutBasisPoints())) << p.add(dateValue(e.startDate)) << p.add(dateValue(e.endDate))
      << p.addString(experimentMetricKey(e.primaryMetric)) << p.addString(experimentStatusKey(e.status))
      << asInt(p.addInt(e.version));
    v << (e.version <= 1 ? PrincipalSql::actor(dialect, p, e.createdBy) : p.addString(e.createdBy));
    v << p.add(timeValue(e.createdAt)) << PrincipalSql::actor(dialect, p, e.updatedBy)
      << p.add(timeValue(e.updatedAt));
    return v;
}

// The assignments of a row that changes (everything but id, advertiser and creation).
QStringList changedAssignments(const Experiment& e, SqlParams& p, const std::function<QString(const QString&)>& asInt,
                               SqlDialect dialect)
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
      << QStringLiteral("updated_by = ") + PrincipalSql::actor(dialect, p, e.updatedBy)
      << QStringLiteral("updated_at = ") + p.add(timeValue(e.updatedAt));
    return a;
}

QString plain(const QString& placeholder) { return placeholder; }

QVariant keyValue(const QString& key) { return key.isEmpty() ? QVariant() : QVariant(key); }

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
    const QString sql = QStringLiteral("SELECT %1, change, change_key FROM %2 WHERE experiment_id = %3 ORDER BY version")
                            .arg(kColumns, table("gold_experiment_versions"), p.addString(id));
    return {sql, p.take()};
}

BoundSql ExperimentSql::insert(const Experiment& e) const
{
    SqlParams p;
    const QStringList values = rowValues(e, p, plain, m_target.dialect);
    const QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                            .arg(table("gold_experiments"), kInsertColumns, values.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql ExperimentSql::updateWhereVersion(const Experiment& e, int baseVersion) const
{
    SqlParams p;
    const QStringList assignments = changedAssignments(e, p, plain, m_target.dialect);
    const QString id = p.addString(e.id);
    const QString base = p.addInt(baseVersion);
    const QString sql = QStringLiteral("UPDATE %1 SET %2 WHERE experiment_id = %3 AND version = %4")
                            .arg(table("gold_experiments"), assignments.join(QStringLiteral(", ")), id, base);
    return {sql, p.take()};
}

BoundSql ExperimentSql::insertVersionRow(const Experiment& e, const QString& change, const QString& changeKey) const
{
    SqlParams p;
    QStringList values = rowValues(e, p, plain, m_target.dialect);
    values << p.addString(change) << p.add(keyValue(changeKey));
    const QString sql = QStringLiteral("INSERT INTO %1 (%2, change, change_key) VALUES (%3)")
                            .arg(table("gold_experiment_versions"), kInsertColumns, values.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql ExperimentSql::insertIfKeyFree(const Experiment& e) const
{
    SqlParams p;
    const QStringList values = rowValues(e, p, castBigint, m_target.dialect);
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
    const QStringList assignments = changedAssignments(e, p, castBigint, m_target.dialect);
    const QString sql = QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2 AS experiment_id, %3 AS base_version) AS s "
                                       "ON t.experiment_id = s.experiment_id AND t.version = s.base_version "
                                       "WHEN MATCHED THEN UPDATE SET %4")
                            .arg(table("gold_experiments"), id, base, assignments.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql ExperimentSql::insertVersion(const Experiment& e, const QString& change) const
{
    return mergeVersion(e, change, {}, false);
}

BoundSql ExperimentSql::confirmVersion(const Experiment& e, const QString& change, const QString& changeKey) const
{
    return mergeVersion(e, change, changeKey, true);
}

BoundSql ExperimentSql::mergeVersion(const Experiment& e, const QString& change, const QString& changeKey,
                                     bool replace) const
{
    SqlParams p;
    QStringList values = rowValues(e, p, castBigint, m_target.dialect);
    values << p.addString(change) << p.add(keyValue(changeKey));
    QStringList columns = kInsertColumns.split(QStringLiteral(", "));
    columns << QStringLiteral("change") << QStringLiteral("change_key");
    QStringList source;
    QStringList sourceColumns;
    QStringList sets;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        source << values.at(i) + QStringLiteral(" AS ") + columns.at(i);
        sourceColumns << QStringLiteral("s.") + columns.at(i);
        if (columns.at(i) != QLatin1String("experiment_id") && columns.at(i) != QLatin1String("version"))
            sets << QStringLiteral("%1 = s.%1").arg(columns.at(i));
    }
    const QString matched =
        replace ? QStringLiteral("WHEN MATCHED THEN UPDATE SET %1 ").arg(sets.join(QStringLiteral(", "))) : QString();
    const QString sql = QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2) AS s ON t.experiment_id = s.experiment_id "
                                       "AND t.version = s.version %5WHEN NOT MATCHED THEN INSERT (%3) VALUES (%4)")
                            .arg(table("gold_experiment_versions"), source.join(QStringLiteral(", ")),
                                 columns.join(QStringLiteral(", ")), sourceColumns.join(QStringLiteral(", ")), matched);
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
    const auto columns = [](const char* alias) { return QStringLiteral("%1.user_id").arg(QLatin1String(alias)); };
    if (m_target.dialect != SqlDialect::Databricks)
        return QStringLiteral("SELECT %1, sb_growthbook_bucket(%2, u.user_id) AS bucket FROM (%3) u")
            .arg(columns("u"), seedPlaceholder, usersSql);
    // seed + user_id, its FNV-1a as decimal text, the FNV-1a of that text mod 10000.
    const QString seeded = QStringLiteral("SELECT %1, %2 || u.user_id AS seeded FROM (%3) u")
                               .arg(columns("u"), seedPlaceholder, usersSql);
    const QString inner = QStringLiteral("SELECT %1, CAST(%2 AS STRING) AS inner_hash FROM (%3) s")
                              .arg(columns("s"), databricksFnv(QStringLiteral("s.seeded")), seeded);
    return QStringLiteral("SELECT %1, %2 % 10000 AS bucket FROM (%3) h")
        .arg(columns("h"), databricksFnv(QStringLiteral("h.inner_hash")), inner);
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

bool ExperimentSql::needsSquares(ExperimentMetric metric)
{
    return metric == ExperimentMetric::ConversionsPerUser || metric == ExperimentMetric::SpendPerUser;
}

Result<BoundSql> ExperimentSql::results(const Experiment& experiment, const Segment& segment, QDate asOf,
                                        int windowDays, const DefinitionSqlBuilder::SegmentResolver& resolver,
                                        QDate firstDay, QDate lastDay, bool squares) const
{
    SqlParams p;
    auto a = assigned(experiment, segment, asOf, windowDays, resolver, p);
    if (!a)
        return a.error();
    const QString advertiser = p.addString(segment.advertiserId);
    const QString first = p.addDate(firstDay.toString(Qt::ISODate));
    const QString last = p.addDate(lastDay.toString(Qt::ISODate));
    const QString d = doubleType();
    const QString sums = QStringLiteral("SUM(CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END) AS impressions, "
                                        "SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END) AS clicks, "
                                        "SUM(CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END) AS conversions, "
                                        "SUM(e.cost_micros) AS spend_micros");
    // The members' events of the advertiser in the range. SQLite: every member looks up their own
    // events in silver's (member, advertiser, day, type, cost) index (CROSS JOIN pins that order),
    // which costs less than checking each event against the members.
    const QString events = QStringLiteral("FROM assigned a %1 %2 e ON e.user_id = a.user_id AND e.advertiser_id = %3 AND "
                                          "e.event_date >= %4 AND e.event_date <= %5")
                               .arg(m_target.dialect == SqlDialect::Sqlite ? QStringLiteral("CROSS JOIN") : QStringLiteral("JOIN"),
                                    table("silver_impressions"), advertiser, first, last);
    // Rows of the nine result columns, grouped by (day, arm): GROUP BY, or in SQLite
    // sb_sums_by (its GROUP BY would sort every member-day; SqliteFunctions) read back by json_each.
    struct Column
    {
        QString alias;
        QString expression;
        bool summed = false; // SUM(expression) per group; else a constant
    };
    const auto grouped = [&](const QString& dayKey, const QString& armKey, const QList<Column>& columns,
                             const QString& from) {
        QStringList out;
        if (m_target.dialect != SqlDialect::Sqlite) {
            out << dayKey + QStringLiteral(" AS day") << armKey + QStringLiteral(" AS arm");
            for (const auto& c : columns)
                out << (c.summed ? QStringLiteral("SUM(%1)").arg(c.expression) : c.expression) + QStringLiteral(" AS ") + c.alias;
            return QStringLiteral("SELECT %1 %2 GROUP BY %3").arg(out.join(QStringLiteral(", ")), from,
                                                                 dayKey == QLatin1String("NULL") ? armKey : dayKey + QStringLiteral(", ") + armKey);
        }
        QStringList sums{dayKey, armKey};
        out << QStringLiteral("json_extract(j.value, '$[0]') AS day")
            << QStringLiteral("json_extract(j.value, '$[1]') AS arm");
        for (const auto& c : columns) {
            if (c.summed) {
                out << QStringLiteral("json_extract(j.value, '$[%1]') AS %2").arg(sums.size()).arg(c.alias);
                sums << c.expression;
            } else {
                out << c.expression + QStringLiteral(" AS ") + c.alias;
            }
        }
        return QStringLiteral("SELECT %1 FROM json_each((SELECT sb_sums_by(%2) %3)) j")
            .arg(out.join(QStringLiteral(", ")), sums.join(QStringLiteral(", ")), from);
    };
    const QString zero = QStringLiteral("CAST(0 AS %1)").arg(d);
    const QList<Column> membersColumns{{QStringLiteral("users"), QStringLiteral("1"), true},
                                       {QStringLiteral("impressions"), QStringLiteral("0")},
                                       {QStringLiteral("clicks"), QStringLiteral("0")},
                                       {QStringLiteral("conversions"), QStringLiteral("0")},
                                       {QStringLiteral("spend_micros"), QStringLiteral("0")},
                                       {QStringLiteral("conversions_squared"), zero},
                                       {QStringLiteral("spend_squared"), zero}};
    const QString membersRows = grouped(QStringLiteral("NULL"), QStringLiteral("arm"), membersColumns,
                                        QStringLiteral("FROM assigned"));
    QString sql = QStringLiteral("WITH assigned%1%2)").arg(materialized(), a.value());
    if (!squares) {
        const QList<Column> dayColumns{
            {QStringLiteral("users"), QStringLiteral("0")},
            {QStringLiteral("impressions"), QStringLiteral("CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END"), true},
            {QStringLiteral("clicks"), QStringLiteral("CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END"), true},
            {QStringLiteral("conversions"), QStringLiteral("CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END"), true},
            {QStringLiteral("spend_micros"), QStringLiteral("e.cost_micros"), true},
            {QStringLiteral("conversions_squared"), zero},
            {QStringLiteral("spend_squared"), zero}};
        sql += QStringLiteral(" %1 UNION ALL %2")
                   .arg(membersRows, grouped(QStringLiteral("e.event_date"), QStringLiteral("a.arm"), dayColumns, events));
        return BoundSql{sql, p.take()};
    }
    // Per-person metrics: each member's running totals, so a day's growth of Σ(total)² is
    // c² − (c − x)² for a member with x more that day.
    const QString memberDays =
        QStringLiteral("SELECT e.event_date AS day, e.user_id, MAX(a.arm) AS arm, %1 %2 GROUP BY e.user_id, e.event_date")
            .arg(sums, events);
    const QString window = QStringLiteral("OVER (PARTITION BY user_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND "
                                          "CURRENT ROW)");
    const QString running =
        QStringLiteral("SELECT day, arm, impressions, clicks, conversions, spend_micros, "
                       "SUM(conversions) %1 AS conversions_so_far, SUM(spend_micros) %1 AS spend_so_far FROM member_days")
            .arg(window);
    const QString conversionsGrowth =
        QStringLiteral("CAST(conversions_so_far AS %1) * conversions_so_far - CAST(conversions_so_far - conversions AS %1) "
                       "* (conversions_so_far - conversions)")
            .arg(d);
    const QString spendGrowth =
        QStringLiteral("(CAST(spend_so_far AS %1) / 1000000) * (CAST(spend_so_far AS %1) / 1000000) - "
                       "(CAST(spend_so_far - spend_micros AS %1) / 1000000) * (CAST(spend_so_far - spend_micros AS %1) / "
                       "1000000)")
            .arg(d);
    const QList<Column> dayColumns{{QStringLiteral("users"), QStringLiteral("0")},
                                   {QStringLiteral("impressions"), QStringLiteral("impressions"), true},
                                   {QStringLiteral("clicks"), QStringLiteral("clicks"), true},
                                   {QStringLiteral("conversions"), QStringLiteral("conversions"), true},
                                   {QStringLiteral("spend_micros"), QStringLiteral("spend_micros"), true},
                                   {QStringLiteral("conversions_squared"), conversionsGrowth, true},
                                   {QStringLiteral("spend_squared"), spendGrowth, true}};
    sql += QStringLiteral(", member_days AS (%1), running AS (%2) %3 UNION ALL %4")
               .arg(memberDays, running, membersRows,
                    grouped(QStringLiteral("day"), QStringLiteral("arm"), dayColumns, QStringLiteral("FROM running")));
    return BoundSql{sql, p.take()};
}

} // namespace core
