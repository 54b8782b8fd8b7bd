// PipelineSql: the local workspace's incremental refresh (see pipeline_sql.h). SQLite only: it
// keeps its working sets in temporary tables of the refresh's connection.
#include "sql/pipeline_sql.h"

namespace core {

namespace {

const QString kTouched = QStringLiteral("temp.touched");
const QString kCreateLeavers =
    QStringLiteral("CREATE TABLE IF NOT EXISTS temp.leavers (segment_id TEXT NOT NULL, user_id TEXT NOT NULL, "
                   "PRIMARY KEY (segment_id, user_id)) WITHOUT ROWID");
// Silver's largest rowid before the new events: theirs are larger (SQLite numbers new rows after the
// largest). The new rows are read by rowid (NOT INDEXED: else SQLite walks a whole index to skip a sort).
const QString kSilverMark = QStringLiteral("(SELECT m.last_rowid FROM temp.silver_mark m)");

QString momentName(PipelineSql::Moment moment)
{
    return moment == PipelineSql::Moment::Before ? QStringLiteral("before") : QStringLiteral("after");
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

QList<PipelineStatement> PipelineSql::markSilver() const
{
    const QString step = QStringLiteral("mark where the new events start in silver");
    return {{step,
             {QStringLiteral("CREATE TEMP TABLE silver_mark AS SELECT COALESCE(MAX(rowid), 0) AS last_rowid FROM %1")
                  .arg(table("silver_impressions")),
              {}}}};
}

QList<PipelineStatement> PipelineSql::newDaily() const
{
    const QString silverTable = table("silver_impressions");
    const QString step = QStringLiteral("sum the new events by person and day");
    // seen_before: the person had events of that advertiser that day already (then counted once).
    return {{step,
             {QStringLiteral(
                  "CREATE TEMP TABLE new_daily (advertiser_id TEXT NOT NULL, user_id TEXT NOT NULL, day TEXT NOT "
                  "NULL, impressions INTEGER NOT NULL, clicks INTEGER NOT NULL, conversions INTEGER NOT NULL, "
                  "spend_micros INTEGER NOT NULL, seen_before INTEGER NOT NULL, PRIMARY KEY (advertiser_id, "
                  "user_id, day)) WITHOUT ROWID"),
              {}}},
            {step,
             {QStringLiteral(
                  "INSERT INTO temp.new_daily (advertiser_id, user_id, day, impressions, clicks, conversions, "
                  "spend_micros, seen_before) SELECT n.advertiser_id, n.user_id, n.day, n.impressions, n.clicks, "
                  "n.conversions, n.spend_micros, EXISTS (SELECT 1 FROM %1 o WHERE o.user_id = n.user_id AND "
                  "o.advertiser_id = n.advertiser_id AND o.event_date = n.day AND o.rowid <= %2) FROM (SELECT "
                  "e.advertiser_id, e.user_id, e.event_date AS day, SUM(e.event_type = 'impression') AS impressions, "
                  "SUM(e.event_type = 'click') AS clicks, SUM(e.event_type = 'conversion') AS conversions, "
                  "SUM(e.cost_micros) AS spend_micros FROM %1 e NOT INDEXED WHERE e.rowid > %2 GROUP BY e.advertiser_id, "
                  "e.user_id, e.event_date) n")
                  .arg(silverTable, kSilverMark),
              {}}}};
}

BoundSql PipelineSql::newEventsShape() const
{
    return {QStringLiteral("SELECT (SELECT m.last_rowid FROM temp.silver_mark m), COUNT(DISTINCT n.day), "
                           "COALESCE(SUM(n.impressions > 0), 0), COALESCE(SUM(n.clicks > 0), 0), "
                           "COALESCE(SUM(n.conversions > 0), 0) FROM temp.new_daily n"),
            {}};
}

BoundSql PipelineSql::dataAsOfAfterAdding() const
{
    return {QStringLiteral("SELECT MAX(d) AS as_of FROM (SELECT MAX(last_seen) AS d FROM %1 UNION ALL "
                           "SELECT MAX(day) FROM temp.new_daily)")
                .arg(table("audience_profiles")),
            {}};
}

QList<PipelineStatement> PipelineSql::audienceOfTouched() const
{
    const QString step = QStringLiteral("update the audience of the people with new events");
    const QString silverTable = table("silver_impressions");
    const QString profiles = table("audience_profiles");
    // The new rows by person. how: 0 not in the audience yet, 1 all their new events on days after
    // their last day (their profile takes the latest new event's attributes and gains its devices),
    // 2 some on or before it (their profile is computed again from all their events).
    return {{step,
             {QStringLiteral("CREATE TEMP TABLE new_people (user_id TEXT PRIMARY KEY NOT NULL, latest TEXT NOT NULL, "
                             "latest_rowid INTEGER, devices TEXT, first_day TEXT NOT NULL, last_day TEXT NOT NULL, "
                             "how INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID"),
              {}}},
            {step,
             {QStringLiteral("INSERT INTO temp.new_people (user_id, latest, devices, first_day, last_day, how) SELECT "
                             "g.user_id, g.latest, g.devices, g.first_day, g.last_day, CASE WHEN p.user_id IS NULL "
                             "THEN 0 WHEN p.last_seen < g.first_day THEN 1 ELSE 2 END FROM (SELECT e.user_id, MAX(%1) "
                             "AS latest, %2 AS devices, MIN(e.event_date) AS first_day, MAX(e.event_date) AS last_day "
                             "FROM %3 e NOT INDEXED WHERE e.rowid > %4 GROUP BY e.user_id) g LEFT JOIN %5 p ON "
                             "p.user_id = g.user_id")
                  .arg(latestKey(QStringLiteral("e")), listOfDistinct(QStringLiteral("e.device")), silverTable,
                       kSilverMark, profiles),
              {}}},
            {step,
             {QStringLiteral("UPDATE temp.new_people SET latest_rowid = x.r FROM (SELECT e.rowid AS r, e.user_id AS u "
                             "FROM %1 e NOT INDEXED JOIN temp.new_people n ON n.user_id = e.user_id AND n.latest = %2 "
                             "WHERE e.rowid > %3) x WHERE new_people.user_id = x.u")
                  .arg(silverTable, latestKey(QStringLiteral("e")), kSilverMark),
              {}}},
            {step,
             {QStringLiteral(
                  "UPDATE %1 SET age_bucket = s.age_bucket, gender = s.gender, country = s.country, region = "
                  "s.region, interests = CASE WHEN s.interests = '' THEN '|' ELSE '|' || s.interests || '|' END, "
                  "devices = sb_list_union(%1.devices, n.devices), last_seen = n.last_day FROM temp.new_people n "
                  "CROSS JOIN %2 s ON s.rowid = n.latest_rowid WHERE n.how = 1 AND %1.user_id = n.user_id")
                  .arg(profiles, silverTable),
              {}}},
            {step,
             {QStringLiteral("DELETE FROM %1 WHERE user_id IN (SELECT n.user_id FROM temp.new_people n WHERE n.how = 2)")
                  .arg(profiles),
              {}}},
            {step,
             {profilesOf(QStringLiteral("e.user_id IN (SELECT n.user_id FROM temp.new_people n WHERE n.how <> 1)")),
              {}}},
            // Silver only grows: each day's activity moves by the new events.
            {step,
             {QStringLiteral(
                  "INSERT INTO %1 (event_type, day, user_id, events) SELECT e.event_type, e.event_date, "
                  "e.user_id, COUNT(*) FROM %2 e NOT INDEXED WHERE e.rowid > %3 GROUP BY e.event_type, e.event_date, "
                  "e.user_id ON CONFLICT (event_type, day, user_id) DO UPDATE SET events = events + "
                  "excluded.events")
                  .arg(table("audience_activity"), silverTable, kSilverMark),
              {}}}};
}

QList<PipelineStatement> PipelineSql::peopleAt(Moment moment) const
{
    const QString name = QStringLiteral("temp.people_") + momentName(moment);
    const QString step = QStringLiteral("read the profiles of the people concerned (%1)").arg(momentName(moment));
    // After: only the touched people's profiles changed.
    const QString rows =
        moment == Moment::Before
            ? QStringLiteral("SELECT p.*, p.user_id IN (SELECT t.user_id FROM %1 t) AS touched FROM %2 p WHERE "
                             "p.user_id IN (SELECT t.user_id FROM %1 t UNION SELECT l.user_id FROM temp.leavers l)")
                  .arg(kTouched, table("audience_profiles"))
            : QStringLiteral("SELECT * FROM temp.people_before WHERE touched = 0 UNION ALL SELECT p.*, 1 FROM %2 p "
                             "WHERE p.user_id IN (SELECT t.user_id FROM %1 t)")
                  .arg(kTouched, table("audience_profiles"));
    return {{step, {QStringLiteral("DROP TABLE IF EXISTS %1").arg(name), {}}},
            {step, {kCreateLeavers, {}}},
            {step, {QStringLiteral("CREATE TABLE %1 AS %2").arg(name, rows), {}}}};
}

Result<QList<PipelineStatement>>
PipelineSql::membersOfTouched(const Segment& segment, QDate asOf,
                              const DefinitionSqlBuilder::SegmentResolver& resolver, Moment moment,
                              bool withLeavers, const std::function<bool(const BehaviourRule&)>& perPerson) const
{
    const QString name = QStringLiteral("temp.members_") + momentName(moment);
    SqlParams p;
    const QString id = p.addString(segment.id);
    PeopleScope scope;
    scope.profiles = QStringLiteral("temp.people_") + momentName(moment);
    scope.filter = withLeavers ? QStringLiteral("(p.touched = 1 OR p.user_id IN (SELECT l.user_id FROM "
                                                "temp.leavers l WHERE l.segment_id = %1))")
                                     .arg(p.addString(segment.id))
                               : QStringLiteral("p.touched = 1");
    // Silver already holds the new events: before, only the rows up to the mark count.
    scope.fewPeople = DefinitionSqlBuilder::FewPeople{QStringLiteral("SELECT c.user_id FROM %1 c").arg(scope.profiles),
                                                      perPerson,
                                                      moment == Moment::Before ? kSilverMark : QString()};
    auto members = membersOf(segment, asOf, resolver, p, scope);
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

Result<QList<PipelineStatement>>
PipelineSql::leaversOf(const Segment& segment, QDate before, QDate after,
                       const DefinitionSqlBuilder::SegmentResolver& resolver) const
{
    QList<BehaviourRule> rules;
    if (auto s = behaviourRules(segment.definition.root(), resolver, rules); !s)
        return s.error();
    const QString step = QStringLiteral("find who may leave the windows of segment %1").arg(segment.id);
    QList<PipelineStatement> out{
        {step,
         {kCreateLeavers, {}}}};
    for (const auto& rule : rules) {
        // The window [before - days + 1, before] becomes [after - days + 1, after].
        const QDate firstLeaving = before.addDays(1 - rule.days);
        const QDate lastLeaving = std::min(before, after.addDays(-rule.days));
        if (lastLeaving < firstLeaving)
            continue;
        SqlParams p;
        const QString id = p.addString(segment.id);
        const QString event = p.addString(rule.eventType);
        const QString first = p.addDate(firstLeaving.toString(Qt::ISODate));
        const QString last = p.addDate(lastLeaving.toString(Qt::ISODate));
        out.append({step,
                    {QStringLiteral("INSERT OR IGNORE INTO temp.leavers (segment_id, user_id) SELECT %1, a.user_id "
                                    "FROM %2 a WHERE a.event_type = %3 AND a.day >= %4 AND a.day <= %5")
                         .arg(id, table("audience_activity"), event, first, last),
                     p.take()}});
    }
    return out;
}

Status PipelineSql::behaviourRules(const DefinitionNode& node, const DefinitionSqlBuilder::SegmentResolver& resolver,
                                   QList<BehaviourRule>& rules, QStringList stack)
{
    if (node.kind == NodeKind::Behaviour) {
        if (!rules.contains(node.behaviour))
            rules.append(node.behaviour);
        return success();
    }
    if (node.kind == NodeKind::SegmentRef) {
        const auto definition = resolver ? resolver(node.segmentId) : std::nullopt;
        if (!definition || stack.contains(node.segmentId))
            return Error::validation(QStringLiteral("segment_ref_unknown"),
                                     QStringLiteral("A referenced segment cannot be read (id %1).").arg(node.segmentId));
        stack.append(node.segmentId);
        return behaviourRules(definition->root(), resolver, rules, stack);
    }
    for (const auto& child : node.children) {
        if (auto s = behaviourRules(child, resolver, rules, stack); !s)
            return s;
    }
    return success();
}

QList<PipelineStatement> PipelineSql::goldDifference(const Segment& segment) const
{
    const QString gold = table("gold_segment_daily_metrics");
    const QString silverTable = table("silver_impressions");
    SqlParams p;
    const QString id = p.addString(segment.id);
    auto member = [&](const char* moment) {
        return QStringLiteral("SELECT 1 FROM temp.members_%1 x WHERE x.segment_id = %2 AND x.user_id = m.user_id")
            .arg(QLatin1String(moment), p.addString(segment.id));
    };
    // Members before and after: their new events, each person counted on a day they had none of
    // the advertiser's before. Members only after: all their events. Only before: all of before.
    // (Each placeholder taken in order: the arguments of one call are evaluated in any order.)
    const QString stayedAdvertiser = p.addString(segment.advertiserId);
    const QString stayedId = p.addString(segment.id);
    const QString stayedBefore = member("before");
    const QString stayed =
        QStringLiteral("SELECT n.day, n.impressions, n.clicks, n.conversions, 1 - n.seen_before AS users, "
                       "n.spend_micros FROM temp.members_after m CROSS JOIN temp.new_daily n ON "
                       "n.advertiser_id = %1 AND n.user_id = m.user_id WHERE m.segment_id = %2 AND EXISTS (%3)")
            .arg(stayedAdvertiser, stayedId, stayedBefore);
    // All events of those members only after (counted), or only before (taken off, up to the mark).
    auto allEvents = [&](Moment moment) {
        const bool before = moment == Moment::Before;
        const QString advertiser = p.addString(segment.advertiserId);
        const QString segmentId = p.addString(segment.id);
        const QString other = member(before ? "after" : "before");
        return QStringLiteral("SELECT e.event_date, %1SUM(e.event_type = 'impression'), %1SUM(e.event_type = "
                              "'click'), %1SUM(e.event_type = 'conversion'), %8, %1SUM(e.cost_micros) FROM "
                              "temp.members_%2 m CROSS JOIN %3 e ON e.user_id = m.user_id AND e.advertiser_id = %4%5 "
                              "WHERE m.segment_id = %6 AND NOT EXISTS (%7) GROUP BY m.user_id, e.event_date")
            .arg(before ? QStringLiteral("-") : QString(), momentName(moment), silverTable, advertiser,
                 before ? QStringLiteral(" AND e.rowid <= ") + kSilverMark : QString(), segmentId, other,
                 before ? QStringLiteral("-1") : QStringLiteral("1"));
    };
    const QString joined = allEvents(Moment::After);
    const QString left = allEvents(Moment::Before);
    const QString step = QStringLiteral("move the daily metrics of segment %1").arg(segment.id);
    // ("WHERE true" tells SQLite's parser that ON CONFLICT belongs to the INSERT.)
    const QString upsert =
        QStringLiteral(
            "INSERT INTO %1 (segment_id, day, impressions, clicks, conversions, unique_users, spend_micros) "
            "SELECT %2, d.day, SUM(d.impressions), SUM(d.clicks), SUM(d.conversions), SUM(d.users), "
            "SUM(d.spend_micros) FROM (%3 UNION ALL %4 UNION ALL %5) d WHERE true GROUP BY d.day "
            "ON CONFLICT (segment_id, day) DO UPDATE SET impressions = impressions + excluded.impressions, "
            "clicks = clicks + excluded.clicks, conversions = conversions + excluded.conversions, "
            "unique_users = unique_users + excluded.unique_users, spend_micros = spend_micros + "
            "excluded.spend_micros")
            .arg(gold, id, stayed, joined, left);
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
    for (const char* name :
         {"touched", "silver_mark", "new_daily", "new_people", "leavers", "people_before", "people_after",
          "members_before", "members_after"})
        out.append({QStringLiteral("drop the incremental working tables"),
                    {QStringLiteral("DROP TABLE IF EXISTS temp.%1").arg(QLatin1String(name)), {}}});
    return out;
}

} // namespace core
