#include "backends/sqlite/sqlite_segment_rows.h"

#include "domain/segment_json.h"
#include "domain/segment_change_rules.h"
#include "sql/sql_params.h"
#include "sql/segment_row_reader.h"
#include "backends/sqlite/sqlite_sql.h"

#include <QSqlRecord>

namespace core {

namespace {

const QString kColumns = QStringLiteral(
    "segment_id, advertiser_id, name, description, status, definition, definition_hash, version, created_by, "
    "created_at, updated_by, updated_at, deleted_at");

QVariant timeValue(const QDateTime& t) { return t.isValid() ? QVariant(SegmentJson::formatTime(t)) : QVariant(); }

Result<Segment> readSegment(const QSqlQuery& q)
{
    const QSqlRecord record = q.record();
    return SegmentRowReader::segment([&](const QString& name) { return q.value(record.indexOf(name)); });
}

} // namespace

Result<std::optional<Segment>> SqliteSegmentRows::find(const QString& id)
{
    auto q = SqliteSql::exec(m_db, QStringLiteral("SELECT %1 FROM gold_segments WHERE segment_id = ?").arg(kColumns),
                             QVariantList{id}, QStringLiteral("read the segment"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<Segment>();
    auto s = readSegment(q.value());
    if (!s)
        return s.error();
    return std::optional<Segment>(std::move(s).value());
}

Result<Segment> SqliteSegmentRows::require(const QString& id)
{
    auto found = find(id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound(QStringLiteral("There is no segment with id %1 in this workspace.").arg(id));
    return *found.value();
}

Result<QList<Segment>> SqliteSegmentRows::list(const SegmentQuery& query)
{
    QString sql = QStringLiteral("SELECT %1 FROM gold_segments WHERE 1 = 1").arg(kColumns);
    QVariantList params;
    if (!query.advertiserId.isEmpty()) {
        sql += QStringLiteral(" AND advertiser_id = ?");
        params.append(query.advertiserId);
    }
    if (!query.text.trimmed().isEmpty()) {
        sql += QStringLiteral(" AND (name_key LIKE ? ESCAPE '!' OR description LIKE ? ESCAPE '!')");
        const QString pattern = QLatin1Char('%') + escapeLikePattern(query.text.trimmed()) + QLatin1Char('%');
        params.append(QLatin1Char('%') + escapeLikePattern(SegmentValidator::nameKey(query.text)) + QLatin1Char('%'));
        params.append(pattern);
    }
    if (query.status) {
        sql += QStringLiteral(" AND status = ?");
        params.append(segmentStatusKey(*query.status));
    }
    if (query.deleted == SegmentQuery::Deleted::Exclude)
        sql += QStringLiteral(" AND deleted_at IS NULL");
    else if (query.deleted == SegmentQuery::Deleted::Only)
        sql += QStringLiteral(" AND deleted_at IS NOT NULL");
    switch (query.sort) {
    case SegmentSort::Name: sql += QStringLiteral(" ORDER BY name_key, segment_id"); break;
    case SegmentSort::UpdatedNewestFirst: sql += QStringLiteral(" ORDER BY updated_at DESC, segment_id"); break;
    case SegmentSort::CreatedNewestFirst: sql += QStringLiteral(" ORDER BY created_at DESC, segment_id"); break;
    }
    if (query.limit >= 0) {
        sql += QStringLiteral(" LIMIT ?");
        params.append(query.limit);
    }
    auto q = SqliteSql::exec(m_db, sql, params, QStringLiteral("list the segments"));
    if (!q)
        return q.error();
    QList<Segment> out;
    while (q.value().next()) {
        auto s = readSegment(q.value());
        if (!s)
            return s.error();
        out.append(std::move(s).value());
    }
    return out;
}

Result<QSet<QString>> SqliteSegmentRows::takenNames(const QString& advertiserId, const QString& exceptId)
{
    auto q = SqliteSql::exec(m_db,
                             QStringLiteral("SELECT name_key FROM gold_segments WHERE advertiser_id = ? AND "
                                            "deleted_at IS NULL AND segment_id <> COALESCE(?, '')"),
                             QVariantList{advertiserId, exceptId}, QStringLiteral("check the segment name"));
    if (!q)
        return q.error();
    QSet<QString> out;
    while (q.value().next())
        out.insert(q.value().value(0).toString());
    return out;
}

Result<bool> SqliteSegmentRows::advertiserExists(const QString& advertiserId)
{
    auto q = SqliteSql::exec(m_db, QStringLiteral("SELECT 1 FROM advertisers WHERE advertiser_id = ?"),
                             QVariantList{advertiserId}, QStringLiteral("check the advertiser"));
    if (!q)
        return q.error();
    return q.value().next();
}

SegmentValidator::SegmentResolver SqliteSegmentRows::resolver()
{
    return [this](const QString& id) -> std::optional<Definition> {
        auto found = find(id);
        if (!found || !found.value() || found.value()->isDeleted())
            return std::nullopt;
        return found.value()->definition;
    };
}

Status SqliteSegmentRows::insert(const Segment& s)
{
    auto q = SqliteSql::exec(
        m_db,
        QStringLiteral("INSERT INTO gold_segments (segment_id, advertiser_id, name, name_key, description, status, "
                       "definition, definition_hash, version, created_by, created_at, updated_by, updated_at, "
                       "deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        QVariantList{s.id, s.advertiserId, s.name, SegmentValidator::nameKey(s.name), s.description,
                     segmentStatusKey(s.status), QString::fromUtf8(s.definition.toCanonicalJson()), s.definitionHash,
                     s.version, s.createdBy, timeValue(s.createdAt), s.updatedBy, timeValue(s.updatedAt),
                     timeValue(s.deletedAt)},
        QStringLiteral("save the segment"));
    if (!q)
        return q.error();
    return success();
}

Status SqliteSegmentRows::update(const Segment& s, int expectedVersion)
{
    auto q = SqliteSql::exec(
        m_db,
        QStringLiteral("UPDATE gold_segments SET name = ?, name_key = ?, description = ?, status = ?, definition = ?, "
                       "definition_hash = ?, version = ?, updated_by = ?, updated_at = ?, deleted_at = ? "
                       "WHERE segment_id = ? AND version = ?"),
        QVariantList{s.name, SegmentValidator::nameKey(s.name), s.description, segmentStatusKey(s.status),
                     QString::fromUtf8(s.definition.toCanonicalJson()), s.definitionHash, s.version, s.updatedBy,
                     timeValue(s.updatedAt), timeValue(s.deletedAt), s.id, expectedVersion},
        QStringLiteral("save the segment"));
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() != 1)
        return Error::conflict(QStringLiteral("version_conflict"),
                               QStringLiteral("“%1” was changed by someone else while you were saving.").arg(s.name),
                               QStringLiteral("Reload the segment and apply your changes again."));
    return success();
}

Status SqliteSegmentRows::insertVersion(const SegmentVersion& v)
{
    auto q = SqliteSql::exec(
        m_db,
        QStringLiteral("INSERT INTO gold_segment_versions (segment_id, version, change, name, description, status, "
                       "definition, definition_hash, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        QVariantList{v.segmentId, v.version, v.change, v.name, v.description, segmentStatusKey(v.status),
                     QString::fromUtf8(v.definition.toCanonicalJson()), v.definitionHash, v.changedBy,
                     timeValue(v.changedAt)},
        QStringLiteral("record the segment's history"));
    if (!q)
        return q.error();
    return success();
}

Status SqliteSegmentRows::record(const Segment& segment, int baseVersion, const QString& change)
{
    if (auto s = baseVersion == 0 ? insert(segment) : update(segment, baseVersion); !s)
        return s;
    if (auto s = insertVersion(SegmentChangeRules::versionRecord(segment, change)); !s)
        return s;
    return invalidateReachCache();
}

Result<QList<SegmentVersion>> SqliteSegmentRows::history(const QString& id)
{
    auto q = SqliteSql::exec(m_db,
                             QStringLiteral("SELECT segment_id, version, change, name, description, status, definition, "
                                            "definition_hash, changed_by, changed_at FROM gold_segment_versions "
                                            "WHERE segment_id = ? ORDER BY version"),
                             QVariantList{id}, QStringLiteral("read the segment's history"));
    if (!q)
        return q.error();
    QList<SegmentVersion> out;
    while (q.value().next()) {
        const QSqlQuery& r = q.value();
        const QSqlRecord record = r.record();
        auto v = SegmentRowReader::version([&](const QString& name) { return r.value(record.indexOf(name)); });
        if (!v)
            return v.error();
        out.append(std::move(v).value());
    }
    return out;
}

Result<QDate> SqliteSegmentRows::dataAsOf()
{
    auto q = SqliteSql::exec(m_db, QStringLiteral("SELECT MAX(last_seen) FROM audience_profiles"),
                             QVariantList{}, QStringLiteral("read the last day with data"));
    if (!q)
        return q.error();
    if (!q.value().next() || q.value().value(0).isNull())
        return QDate();
    return QDate::fromString(q.value().value(0).toString(), Qt::ISODate);
}

Status SqliteSegmentRows::invalidateReachCache()
{
    auto q = SqliteSql::exec(m_db, QStringLiteral("DELETE FROM segment_reach_cache"), QVariantList{},
                             QStringLiteral("refresh the reach cache"));
    if (!q)
        return q.error();
    return success();
}

} // namespace core
