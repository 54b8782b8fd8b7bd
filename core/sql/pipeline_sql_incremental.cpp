// PipelineSql: the local workspace's incremental refresh (see pipeline_sql.h). SQLite only: it
// keeps its working sets in temporary tables of the refresh's connection.
#include "sql/pipeline_sql.h"

namespace core {

namespace {

const QString kTouched = QStringLiteral("temp.touched");

QString momentName(PipelineSql::Moment moment)
{
    return moment == PipelineSql::Moment::Before ? QStringLiteral("before") : QStringLiteral("after");
}

QString touchedFilter(const QString& column)
{
    return QStringLiteral("%1 IN (SELECT t.user_id FROM %2 t)").arg(column, kTouched);
}

} // namespace

QList<PipelineStatement> PipelineSql::touchedPeople() const
{
    const QString step = QStringLiteral("find the people with new events");
    return dropIncrementalTables() +
           QList<PipelineStatement>{
               {step,
                {QStringLiteral(
                     "CREATE TEMP TABLE touched (user_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID"),
                 {}}},
               {step,
                {QStringLiteral(
                     "INSERT OR IGNORE INTO temp.touched (user_id) SELECT s.user_id FROM %1 s WHERE %2")
                     .arg(staged(), validStaged()),
                 {}}}};
}

BoundSql PipelineSql::touchedAndAudienceSize() const
{
    return {QStringLiteral("SELECT (SELECT COUNT(*) FROM temp.touched), (SELECT COUNT(*) FROM %1)")
                .arg(table("audience_profiles")),
            {}};
}

QList<PipelineStatement> PipelineSql::dailyOfTouched(Moment moment) const
{
    const QString name = QStringLiteral("temp.daily_") + momentName(moment);
    const QString step = QStringLiteral("sum the new events' people by day (%1)").arg(momentName(moment));
    return {{step, {QStringLiteral("DROP TABLE IF EXISTS %1").arg(name), {}}},
            {step,
             {QStringLiteral(
                  "CREATE TABLE %1 (advertiser_id TEXT NOT NULL, user_id TEXT NOT NULL, day TEXT NOT NULL, "
                  "impressions INTEGER NOT NULL, clicks INTEGER NOT NULL, conversions INTEGER NOT NULL, "
                  "spend_micros INTEGER NOT NULL, PRIMARY KEY (advertiser_id, user_id, day)) WITHOUT ROWID")
                  .arg(name),
              {}}},
            {step,
             {QStringLiteral(
                  "INSERT INTO %1 (advertiser_id, user_id, day, impressions, clicks, conversions, "
                  "spend_micros) SELECT e.advertiser_id, e.user_id, e.event_date, %2, SUM(e.cost_micros) "
                  "FROM %3 t CROSS JOIN %4 e ON e.user_id = t.user_id "
                  "GROUP BY e.advertiser_id, e.user_id, e.event_date")
                  .arg(name, eventCounts(), kTouched, table("silver_impressions")),
              {}}}};
}

BoundSql PipelineSql::dataAsOfAfterAdding() const
{
    return {QStringLiteral("SELECT MAX(d) AS as_of FROM (SELECT MAX(last_seen) AS d FROM %1 UNION ALL "
                           "SELECT MAX(day) FROM temp.daily_after)")
                .arg(table("audience_profiles")),
            {}};
}

QList<PipelineStatement> PipelineSql::audienceOfTouched() const
{
    const QString step = QStringLiteral("update the audience of the people with new events");
    // The activity of the days whose counts changed (each event is an impression, a click or a
    // conversion, so a new one always changes its day's counts); silver only grows, so those
    // days' rows of before are among the rows computed now.
    const QString changedDays = QStringLiteral(
        "SELECT DISTINCT a.user_id, a.day FROM temp.daily_after a LEFT JOIN temp.daily_before b ON "
        "b.advertiser_id = a.advertiser_id AND b.user_id = a.user_id AND b.day = a.day WHERE b.user_id IS "
        "NULL OR "
        "b.impressions <> a.impressions OR b.clicks <> a.clicks OR b.conversions <> a.conversions");
    return {{step,
             {QStringLiteral("DELETE FROM %1 WHERE %2")
                  .arg(table("audience_profiles"), touchedFilter(QStringLiteral("user_id"))),
              {}}},
            {step, {profilesOf(touchedFilter(QStringLiteral("e.user_id"))), {}}},
            {step,
             {QStringLiteral(
                  "INSERT OR REPLACE INTO %1 (event_type, day, user_id, events) SELECT e.event_type, "
                  "e.event_date, e.user_id, COUNT(*) FROM (%2) c CROSS JOIN %3 e ON e.user_id = c.user_id "
                  "AND e.event_date = c.day GROUP BY e.event_type, e.event_date, e.user_id")
                  .arg(table("audience_activity"), changedDays, table("silver_impressions")),
              {}}}};
}

Result<QList<PipelineStatement>>
PipelineSql::membersOfTouched(const Segment& segment, QDate asOf,
                              const DefinitionSqlBuilder::SegmentResolver& resolver, Moment moment) const
{
    const QString name = QStringLiteral("temp.members_") + momentName(moment);
    SqlParams p;
    const QString id = p.addString(segment.id);
    auto members = membersOf(segment, asOf, resolver, p, touchedFilter(QStringLiteral("p.user_id")));
    if (!members)
        return members.error();
    const QString step =
        QStringLiteral("find the members of segment %1 among them (%2)").arg(segment.id, momentName(moment));
    return QList<PipelineStatement>{
        {step,
         {QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (segment_id TEXT NOT NULL, user_id TEXT NOT NULL, "
                         "PRIMARY KEY (segment_id, user_id)) WITHOUT ROWID")
              .arg(name),
          {}}},
        {step,
         {QStringLiteral("INSERT INTO %1 (segment_id, user_id) SELECT %2, m.user_id FROM (%3) m")
              .arg(name, id, members.value()),
          p.take()}}};
}

QList<PipelineStatement> PipelineSql::goldDifference(const Segment& segment) const
{
    const QString gold = table("gold_segment_daily_metrics");
    SqlParams p;
    const QString id = p.addString(segment.id);
    const QString afterId = p.addString(segment.id);
    const QString afterAdvertiser = p.addString(segment.advertiserId);
    const QString beforeId = p.addString(segment.id);
    const QString beforeAdvertiser = p.addString(segment.advertiserId);
    const QString step = QStringLiteral("move the daily metrics of segment %1").arg(segment.id);
    // Each person counts once a day: unique_users moves by the people's signs. ("WHERE true"
    // tells SQLite's parser that ON CONFLICT belongs to the INSERT.)
    const QString upsert =
        QStringLiteral(
            "INSERT INTO %1 (segment_id, day, impressions, clicks, conversions, unique_users, spend_micros) "
            "SELECT %2, d.day, SUM(d.sign * d.impressions), SUM(d.sign * d.clicks), SUM(d.sign * "
            "d.conversions), "
            "SUM(d.sign), SUM(d.sign * d.spend_micros) FROM ("
            "SELECT 1 AS sign, a.day, a.impressions, a.clicks, a.conversions, a.spend_micros FROM "
            "temp.members_after m "
            "CROSS JOIN temp.daily_after a ON a.advertiser_id = %4 AND a.user_id = m.user_id WHERE "
            "m.segment_id = %3 "
            "UNION ALL "
            "SELECT -1, b.day, b.impressions, b.clicks, b.conversions, b.spend_micros FROM "
            "temp.members_before m "
            "CROSS JOIN temp.daily_before b ON b.advertiser_id = %6 AND b.user_id = m.user_id WHERE "
            "m.segment_id = %5"
            ") d WHERE true GROUP BY d.day "
            "ON CONFLICT (segment_id, day) DO UPDATE SET impressions = impressions + excluded.impressions, "
            "clicks = clicks + excluded.clicks, conversions = conversions + excluded.conversions, "
            "unique_users = unique_users + excluded.unique_users, spend_micros = spend_micros + "
            "excluded.spend_micros")
            .arg(gold, id, afterId, afterAdvertiser, beforeId, beforeAdvertiser);
    SqlParams q;
    const QString segmentId = q.addString(segment.id);
    return {
        {step, {upsert, p.take()}},
        {step,
         {QStringLiteral("DELETE FROM %1 WHERE segment_id = %2 AND unique_users = 0").arg(gold, segmentId),
          q.take()}}};
}

QList<PipelineStatement> PipelineSql::dropIncrementalTables() const
{
    QList<PipelineStatement> out;
    for (const char* name : {"touched", "daily_before", "daily_after", "members_before", "members_after"})
        out.append({QStringLiteral("drop the incremental working tables"),
                    {QStringLiteral("DROP TABLE IF EXISTS temp.%1").arg(QLatin1String(name)), {}}});
    return out;
}

} // namespace core
