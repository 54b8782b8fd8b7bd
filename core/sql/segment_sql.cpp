#include "sql/segment_sql.h"

#include "domain/segment_json.h"
#include "domain/segment_validator.h"
#include "sql/principal_sql.h"

namespace core {

namespace {

QVariant timeValue(const QDateTime& t) { return t.isValid() ? QVariant(SegmentJson::formatTime(t)) : QVariant(); }

// A change without an idempotency key stores NULL.
QVariant keyValue(const QString& key) { return key.isEmpty() ? QVariant() : QVariant(key); }

} // namespace

const QString SegmentSql::kSegmentColumns = QStringLiteral(
    "segment_id, advertiser_id, name, description, status, definition, definition_hash, version, created_by, "
    "created_at, updated_by, updated_at, deleted_at");

SegmentSql::SegmentSql(SqlTarget target) : m_target(std::move(target)) {}

QString SegmentSql::author(SqlParams& p, const QString& name, bool asExported) const
{
    return asExported ? p.addString(name) : PrincipalSql::actor(m_target.dialect, p, name);
}

QString SegmentSql::castInt(const QString& placeholder) const { return QStringLiteral("CAST(%1 AS BIGINT)").arg(placeholder); }

BoundSql SegmentSql::selectById(const QString& id) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE segment_id = %3")
                            .arg(kSegmentColumns, table("gold_segments"), p.addString(id));
    return {sql, p.take()};
}

BoundSql SegmentSql::selectByIds(const QStringList& ids) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE segment_id IN (%3)")
                            .arg(kSegmentColumns, table("gold_segments"), p.addStringList(ids));
    return {sql, p.take()};
}

BoundSql SegmentSql::list(const SegmentQuery& query) const
{
    SqlParams p;
    QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE 1 = 1").arg(kSegmentColumns, table("gold_segments"));
    if (!query.advertiserId.isEmpty())
        sql += QStringLiteral(" AND advertiser_id = %1").arg(p.addString(query.advertiserId));
    if (!query.text.trimmed().isEmpty()) {
        const QString name = p.addString(QLatin1Char('%') + escapeLikePattern(SegmentValidator::nameKey(query.text)) + QLatin1Char('%'));
        const QString description = p.addString(QLatin1Char('%') + escapeLikePattern(query.text.trimmed().toLower()) + QLatin1Char('%'));
        sql += QStringLiteral(" AND (name_key LIKE %1 ESCAPE '!' OR lower(description) LIKE %2 ESCAPE '!')").arg(name, description);
    }
    if (query.status)
        sql += QStringLiteral(" AND status = %1").arg(p.addString(segmentStatusKey(*query.status)));
    if (query.deleted == SegmentQuery::Deleted::Exclude)
        sql += QStringLiteral(" AND deleted_at IS NULL");
    else if (query.deleted == SegmentQuery::Deleted::Only)
        sql += QStringLiteral(" AND deleted_at IS NOT NULL");
    switch (query.sort) {
    case SegmentSort::Name: sql += QStringLiteral(" ORDER BY name_key, segment_id"); break;
    case SegmentSort::UpdatedNewestFirst: sql += QStringLiteral(" ORDER BY updated_at DESC, segment_id"); break;
    case SegmentSort::CreatedNewestFirst: sql += QStringLiteral(" ORDER BY created_at DESC, segment_id"); break;
    }
    if (query.limit >= 0)
        sql += QStringLiteral(" LIMIT %1").arg(query.limit); // an int from code, not user text
    return {sql, p.take()};
}

BoundSql SegmentSql::liveNameKeys(const QString& advertiserId, const QString& exceptId) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT name_key FROM %1 WHERE advertiser_id = %2 AND deleted_at IS NULL AND segment_id <> %3")
                            .arg(table("gold_segments"), p.addString(advertiserId), p.addString(exceptId.isNull() ? QStringLiteral("") : exceptId));
    return {sql, p.take()};
}

BoundSql SegmentSql::insertIfAbsent(const Segment& s, bool asExported) const
{
    SqlParams p;
    const QStringList values{
        p.addString(s.id) + QStringLiteral(" AS segment_id"),
        p.addString(s.advertiserId) + QStringLiteral(" AS advertiser_id"),
        p.addString(s.name) + QStringLiteral(" AS name"),
        p.addString(SegmentValidator::nameKey(s.name)) + QStringLiteral(" AS name_key"),
        p.addString(s.description) + QStringLiteral(" AS description"),
        p.addString(segmentStatusKey(s.status)) + QStringLiteral(" AS status"),
        p.addString(QString::fromUtf8(s.definition.toCanonicalJson())) + QStringLiteral(" AS definition"),
        p.addString(s.definitionHash) + QStringLiteral(" AS definition_hash"),
        castInt(p.addInt(s.version)) + QStringLiteral(" AS version"),
        author(p, s.createdBy, asExported) + QStringLiteral(" AS created_by"),
        p.add(timeValue(s.createdAt)) + QStringLiteral(" AS created_at"),
        author(p, s.updatedBy, asExported) + QStringLiteral(" AS updated_by"),
        p.add(timeValue(s.updatedAt)) + QStringLiteral(" AS updated_at"),
        p.add(timeValue(s.deletedAt)) + QStringLiteral(" AS deleted_at"),
    };
    const QString columns = QStringLiteral("segment_id, advertiser_id, name, name_key, description, status, definition, "
                                           "definition_hash, version, created_by, created_at, updated_by, updated_at, deleted_at");
    QStringList sourceColumns;
    for (const auto& c : columns.split(QStringLiteral(", ")))
        sourceColumns.append(QStringLiteral("s.") + c);
    const QString sql = QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2) AS s ON t.segment_id = s.segment_id "
                                       "WHEN NOT MATCHED THEN INSERT (%3) VALUES (%4)")
                            .arg(table("gold_segments"), values.join(QStringLiteral(", ")), columns,
                                 sourceColumns.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql SegmentSql::updateIfVersion(const Segment& s, int baseVersion) const
{
    SqlParams p;
    const QString id = p.addString(s.id);
    const QString base = castInt(p.addInt(baseVersion));
    const QStringList assignments{
        QStringLiteral("name = ") + p.addString(s.name),
        QStringLiteral("name_key = ") + p.addString(SegmentValidator::nameKey(s.name)),
        QStringLiteral("description = ") + p.addString(s.description),
        QStringLiteral("status = ") + p.addString(segmentStatusKey(s.status)),
        QStringLiteral("definition = ") + p.addString(QString::fromUtf8(s.definition.toCanonicalJson())),
        QStringLiteral("definition_hash = ") + p.addString(s.definitionHash),
        QStringLiteral("version = ") + castInt(p.addInt(s.version)),
        QStringLiteral("updated_by = ") + author(p, s.updatedBy, false),
        QStringLiteral("updated_at = ") + p.add(timeValue(s.updatedAt)),
        QStringLiteral("deleted_at = ") + p.add(timeValue(s.deletedAt)),
    };
    const QString sql = QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2 AS segment_id, %3 AS base_version) AS s "
                                       "ON t.segment_id = s.segment_id AND t.version = s.base_version "
                                       "WHEN MATCHED THEN UPDATE SET %4")
                            .arg(table("gold_segments"), id, base, assignments.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql SegmentSql::insertVersion(const SegmentVersion& v) const { return mergeVersion(v, false); }

BoundSql SegmentSql::confirmVersion(const SegmentVersion& v) const { return mergeVersion(v, true); }

BoundSql SegmentSql::mergeVersion(const SegmentVersion& v, bool replace) const
{
    SqlParams p;
    const QStringList values{
        p.addString(v.segmentId) + QStringLiteral(" AS segment_id"),
        castInt(p.addInt(v.version)) + QStringLiteral(" AS version"),
        p.addString(v.change) + QStringLiteral(" AS change"),
        p.addString(v.name) + QStringLiteral(" AS name"),
        p.addString(v.description) + QStringLiteral(" AS description"),
        p.addString(segmentStatusKey(v.status)) + QStringLiteral(" AS status"),
        p.addString(QString::fromUtf8(v.definition.toCanonicalJson())) + QStringLiteral(" AS definition"),
        p.addString(v.definitionHash) + QStringLiteral(" AS definition_hash"),
        author(p, v.changedBy, false) + QStringLiteral(" AS changed_by"),
        p.add(timeValue(v.changedAt)) + QStringLiteral(" AS changed_at"),
        p.add(keyValue(v.changeKey)) + QStringLiteral(" AS change_key"),
    };
    const QString columns = QStringLiteral("segment_id, version, change, name, description, status, definition, "
                                           "definition_hash, changed_by, changed_at, change_key");
    QStringList sourceColumns;
    for (const auto& c : columns.split(QStringLiteral(", ")))
        sourceColumns.append(QStringLiteral("s.") + c);
    QString matched;
    if (replace) {
        QStringList sets;
        for (const auto& c : columns.split(QStringLiteral(", "))) {
            if (c != QLatin1String("segment_id") && c != QLatin1String("version"))
                sets.append(QStringLiteral("%1 = s.%1").arg(c));
        }
        matched = QStringLiteral("WHEN MATCHED THEN UPDATE SET %1 ").arg(sets.join(QStringLiteral(", ")));
    }
    const QString sql = QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2) AS s ON t.segment_id = s.segment_id AND "
                                       "t.version = s.version %5WHEN NOT MATCHED THEN INSERT (%3) VALUES (%4)")
                            .arg(table("gold_segment_versions"), values.join(QStringLiteral(", ")), columns,
                                 sourceColumns.join(QStringLiteral(", ")), matched);
    return {sql, p.take()};
}

BoundSql SegmentSql::history(const QString& id) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT segment_id, version, change, name, description, status, definition, "
                                       "definition_hash, changed_by, changed_at, change_key FROM %1 WHERE segment_id = %2 ORDER BY version")
                            .arg(table("gold_segment_versions"), p.addString(id));
    return {sql, p.take()};
}

BoundSql SegmentSql::listAdvertisers() const
{
    return {QStringLiteral("SELECT advertiser_id, name, currency FROM %1 ORDER BY name, advertiser_id").arg(table("advertisers")), {}};
}

BoundSql SegmentSql::upsertAdvertiser(const Advertiser& a) const
{
    SqlParams p;
    const QString sql =
        QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2 AS advertiser_id, %3 AS name, %4 AS currency) AS s "
                       "ON t.advertiser_id = s.advertiser_id WHEN MATCHED THEN UPDATE SET name = s.name, currency = s.currency "
                       "WHEN NOT MATCHED THEN INSERT (advertiser_id, name, currency) VALUES (s.advertiser_id, s.name, s.currency)")
            .arg(table("advertisers"), p.addString(a.id.trimmed()), p.addString(a.name.trimmed()),
                 p.addString(Advertiser::normaliseCurrency(a.currency)));
    return {sql, p.take()};
}

BoundSql SegmentSql::advertiserExists(const QString& id) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT COUNT(*) AS n FROM %1 WHERE advertiser_id = %2").arg(table("advertisers"), p.addString(id));
    return {sql, p.take()};
}

BoundSql SegmentSql::dataAsOf() const
{
    return {QStringLiteral("SELECT MAX(last_seen) AS as_of FROM %1").arg(table("audience_profiles")), {}};
}

BoundSql SegmentSql::insert(const Segment& s, bool asExported) const
{
    SqlParams p;
    const QStringList values{p.addString(s.id),
                             p.addString(s.advertiserId),
                             p.addString(s.name),
                             p.addString(SegmentValidator::nameKey(s.name)),
                             p.addString(s.description),
                             p.addString(segmentStatusKey(s.status)),
                             p.addString(QString::fromUtf8(s.definition.toCanonicalJson())),
                             p.addString(s.definitionHash),
                             p.addInt(s.version),
                             author(p, s.createdBy, asExported),
                             p.add(timeValue(s.createdAt)),
                             author(p, s.updatedBy, asExported),
                             p.add(timeValue(s.updatedAt)),
                             p.add(timeValue(s.deletedAt))};
    const QString sql = QStringLiteral("INSERT INTO %1 (segment_id, advertiser_id, name, name_key, description, status, "
                                       "definition, definition_hash, version, created_by, created_at, updated_by, "
                                       "updated_at, deleted_at) VALUES (%2)")
                            .arg(table("gold_segments"), values.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql SegmentSql::updateWhereVersion(const Segment& s, int baseVersion) const
{
    SqlParams p;
    const QStringList assignments{
        QStringLiteral("name = ") + p.addString(s.name),
        QStringLiteral("name_key = ") + p.addString(SegmentValidator::nameKey(s.name)),
        QStringLiteral("description = ") + p.addString(s.description),
        QStringLiteral("status = ") + p.addString(segmentStatusKey(s.status)),
        QStringLiteral("definition = ") + p.addString(QString::fromUtf8(s.definition.toCanonicalJson())),
        QStringLiteral("definition_hash = ") + p.addString(s.definitionHash),
        QStringLiteral("version = ") + p.addInt(s.version),
        QStringLiteral("updated_by = ") + author(p, s.updatedBy, false),
        QStringLiteral("updated_at = ") + p.add(timeValue(s.updatedAt)),
        QStringLiteral("deleted_at = ") + p.add(timeValue(s.deletedAt)),
    };
    const QString sql = QStringLiteral("UPDATE %1 SET %2 WHERE segment_id = %3 AND version = %4")
                            .arg(table("gold_segments"), assignments.join(QStringLiteral(", ")), p.addString(s.id),
                                 p.addInt(baseVersion));
    return {sql, p.take()};
}

BoundSql SegmentSql::insertVersionRow(const SegmentVersion& v) const
{
    SqlParams p;
    const QStringList values{p.addString(v.segmentId),
                             p.addInt(v.version),
                             p.addString(v.change),
                             p.addString(v.name),
                             p.addString(v.description),
                             p.addString(segmentStatusKey(v.status)),
                             p.addString(QString::fromUtf8(v.definition.toCanonicalJson())),
                             p.addString(v.definitionHash),
                             author(p, v.changedBy, false),
                             p.add(timeValue(v.changedAt)),
                             p.add(keyValue(v.changeKey))};
    const QString sql = QStringLiteral("INSERT INTO %1 (segment_id, version, change, name, description, status, definition, "
                                       "definition_hash, changed_by, changed_at, change_key) VALUES (%2)")
                            .arg(table("gold_segment_versions"), values.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql SegmentSql::upsertAdvertiserRow(const Advertiser& a) const
{
    SqlParams p;
    const QString sql = QStringLiteral("INSERT INTO %1 (advertiser_id, name, currency) VALUES (%2, %3, %4) "
                                       "ON CONFLICT (advertiser_id) DO UPDATE SET name = excluded.name, currency = excluded.currency")
                            .arg(table("advertisers"), p.addString(a.id.trimmed()), p.addString(a.name.trimmed()),
                                 p.addString(Advertiser::normaliseCurrency(a.currency)));
    return {sql, p.take()};
}

BoundSql SegmentSql::cachedReach(const QString& id, const QString& definitionHash, const QString& asOf) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT reach FROM %1 WHERE segment_id = %2 AND definition_hash = %3 AND as_of = %4")
                            .arg(table("segment_reach_cache"), p.addString(id), p.addString(definitionHash),
                                 p.addString(asOf));
    return {sql, p.take()};
}

BoundSql SegmentSql::storeCachedReach(const QString& id, const QString& definitionHash, const QString& asOf,
                                      qint64 reach) const
{
    SqlParams p;
    const QString sql = QStringLiteral("INSERT INTO %1 (segment_id, definition_hash, as_of, reach) VALUES (%2, %3, %4, %5) "
                                       "ON CONFLICT (segment_id) DO UPDATE SET definition_hash = excluded.definition_hash, "
                                       "as_of = excluded.as_of, reach = excluded.reach")
                            .arg(table("segment_reach_cache"), p.addString(id), p.addString(definitionHash),
                                 p.addString(asOf), p.addInt(reach));
    return {sql, p.take()};
}

BoundSql SegmentSql::clearReachCache() const
{
    return {QStringLiteral("DELETE FROM %1").arg(table("segment_reach_cache")), {}};
}

} // namespace core
