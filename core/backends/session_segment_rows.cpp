#include "backends/session_segment_rows.h"

#include "backends/change_key_conflict.h"
#include "domain/audit_entry.h"
#include "domain/segment_change_rules.h"
#include "sql/audit_sql.h"
#include "sql/segment_row_reader.h"

namespace core {

namespace {

Result<QList<Segment>> segmentsOf(const SqlRows& rows)
{
    return SegmentRowReader::segments(rows.size(),
                                      [&rows](qsizetype row, const QString& name) { return rows.value(row, name); });
}

// A write the database refused for a unique key: the live-name index (another segment of the
// advertiser took the name first, perhaps from another computer) or the id.
Error uniqueViolation(const Error& error, const Segment& segment)
{
    if (error.kind != ErrorKind::Conflict || error.code != QLatin1String("23505"))
        return error;
    Error e = Error::conflict(QStringLiteral("name_taken"),
                              QStringLiteral("This advertiser already has a segment called “%1”.").arg(segment.name),
                              QStringLiteral("Choose another name; someone may have saved one with this name just now."));
    e.detail = error.detail;
    return e;
}

} // namespace

Result<std::optional<Segment>> SessionSegmentRows::find(const QString& id)
{
    auto rows = m_session.query(m_sql.selectById(id), QStringLiteral("read the segment"));
    if (!rows)
        return rows.error();
    auto segments = segmentsOf(rows.value());
    if (!segments)
        return segments.error();
    if (segments.value().isEmpty())
        return std::optional<Segment>();
    return std::optional<Segment>(segments.value().first());
}

Result<Segment> SessionSegmentRows::require(const QString& id)
{
    auto found = find(id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound(QStringLiteral("There is no segment with id %1 in this workspace.").arg(id));
    return *found.value();
}

Result<QList<Segment>> SessionSegmentRows::list(const SegmentQuery& query)
{
    auto rows = m_session.query(m_sql.list(query), QStringLiteral("list the segments"));
    if (!rows)
        return rows.error();
    return segmentsOf(rows.value());
}

Result<QSet<QString>> SessionSegmentRows::takenNames(const QString& advertiserId, const QString& exceptId)
{
    auto rows = m_session.query(m_sql.liveNameKeys(advertiserId, exceptId), QStringLiteral("check the segment name"));
    if (!rows)
        return rows.error();
    QSet<QString> out;
    for (qsizetype i = 0; i < rows.value().size(); ++i)
        out.insert(rows.value().value(i, QStringLiteral("name_key")).toString());
    return out;
}

Result<bool> SessionSegmentRows::advertiserExists(const QString& advertiserId)
{
    auto rows = m_session.query(m_sql.advertiserExists(advertiserId), QStringLiteral("check the advertiser"));
    if (!rows)
        return rows.error();
    return !rows.value().isEmpty() && rows.value().value(0, QStringLiteral("n")).toLongLong() > 0;
}

SegmentValidator::SegmentResolver SessionSegmentRows::resolver()
{
    return [this](const QString& id) -> std::optional<Definition> {
        auto found = find(id);
        if (!found || !found.value() || found.value()->isDeleted())
            return std::nullopt;
        return found.value()->definition;
    };
}

Status SessionSegmentRows::record(const Segment& segment, const std::optional<Segment>& before, const QString& change,
                                  const QString& changeKey)
{
    const int baseVersion = before ? before->version : 0;
    const QString action = QStringLiteral("save the segment");
    if (baseVersion == 0) {
        auto inserted = m_session.execute(m_sql.insert(segment, change == QLatin1String("imported")), action);
        if (!inserted)
            return uniqueViolation(inserted.error(), segment);
    } else {
        auto updated = m_session.execute(m_sql.updateWhereVersion(segment, baseVersion), action);
        if (!updated)
            return uniqueViolation(updated.error(), segment);
        if (updated.value() != 1)
            return Error::conflict(QStringLiteral("version_conflict"),
                                   QStringLiteral("“%1” was changed by someone else while you were saving.").arg(segment.name),
                                   QStringLiteral("Reload the segment and apply your changes again."));
    }
    auto version = m_session.execute(m_sql.insertVersionRow(SegmentChangeRules::versionRecord(segment, change, changeKey)),
                                     QStringLiteral("record the segment's history"));
    if (!version) // the change's idempotency key is unique: the same change sent twice is refused whole
        return changeAppliedAlready(version.error(), changeKey, QStringLiteral("the segment's history"))
            .value_or(version.error());
    const AuditSql audit(m_sql.target());
    auto audited = m_session.execute(audit.record(AuditEntries::ofSegment(before, segment, change)),
                                     QStringLiteral("record the change in the audit trail"));
    if (!audited)
        return audited.error();
    auto cleared = m_session.execute(m_sql.clearReachCache(), QStringLiteral("refresh the reach cache"));
    if (!cleared)
        return cleared.error();
    return success();
}

Result<QList<SegmentVersion>> SessionSegmentRows::history(const QString& id)
{
    auto rows = m_session.query(m_sql.history(id), QStringLiteral("read the segment's history"));
    if (!rows)
        return rows.error();
    QList<SegmentVersion> out;
    for (qsizetype i = 0; i < rows.value().size(); ++i) {
        auto v = SegmentRowReader::version([&](const QString& name) { return rows.value().value(i, name); });
        if (!v)
            return v.error();
        out.append(std::move(v).value());
    }
    return out;
}

Result<QDate> SessionSegmentRows::dataAsOf()
{
    auto rows = m_session.query(m_sql.dataAsOf(), QStringLiteral("read the last day with data"));
    if (!rows)
        return rows.error();
    if (rows.value().isEmpty())
        return QDate();
    const QVariant v = rows.value().value(0, QStringLiteral("as_of"));
    if (v.isNull())
        return QDate();
    if (v.typeId() == QMetaType::QDate)
        return v.toDate();
    return QDate::fromString(v.toString().left(10), Qt::ISODate);
}

} // namespace core
