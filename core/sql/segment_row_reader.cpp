#include "sql/segment_row_reader.h"

#include "domain/segment_json.h"

namespace core {

namespace {

Result<Definition> definitionOf(const QVariant& text, const QString& name)
{
    auto def = Definition::fromJsonText(text.toString().toUtf8());
    if (!def) {
        Error e = def.error();
        e.kind = ErrorKind::Storage;
        e.userMessage = QStringLiteral("The stored criteria of segment “%1” are damaged.").arg(name);
        return e;
    }
    return def;
}

QDateTime timeOf(const QVariant& v)
{
    return v.isNull() ? QDateTime() : SegmentJson::parseTime(v.toString());
}

} // namespace

Result<Segment> SegmentRowReader::segment(const Column& c)
{
    Segment s;
    s.id = c(QStringLiteral("segment_id")).toString();
    s.advertiserId = c(QStringLiteral("advertiser_id")).toString();
    s.name = c(QStringLiteral("name")).toString();
    s.description = c(QStringLiteral("description")).toString();
    s.status = segmentStatusFromKey(c(QStringLiteral("status")).toString()).value_or(SegmentStatus::Draft);
    auto def = definitionOf(c(QStringLiteral("definition")), s.name);
    if (!def)
        return def.error();
    s.definition = std::move(def).value();
    s.definitionHash = c(QStringLiteral("definition_hash")).toString();
    s.version = c(QStringLiteral("version")).toInt();
    s.createdBy = c(QStringLiteral("created_by")).toString();
    s.createdAt = timeOf(c(QStringLiteral("created_at")));
    s.updatedBy = c(QStringLiteral("updated_by")).toString();
    s.updatedAt = timeOf(c(QStringLiteral("updated_at")));
    s.deletedAt = timeOf(c(QStringLiteral("deleted_at")));
    return s;
}

Result<SegmentVersion> SegmentRowReader::version(const Column& c)
{
    SegmentVersion v;
    v.segmentId = c(QStringLiteral("segment_id")).toString();
    v.version = c(QStringLiteral("version")).toInt();
    v.change = c(QStringLiteral("change")).toString();
    v.name = c(QStringLiteral("name")).toString();
    v.description = c(QStringLiteral("description")).toString();
    v.status = segmentStatusFromKey(c(QStringLiteral("status")).toString()).value_or(SegmentStatus::Draft);
    auto def = definitionOf(c(QStringLiteral("definition")), v.name);
    if (!def)
        return def.error();
    v.definition = std::move(def).value();
    v.definitionHash = c(QStringLiteral("definition_hash")).toString();
    v.changedBy = c(QStringLiteral("changed_by")).toString();
    v.changedAt = timeOf(c(QStringLiteral("changed_at")));
    v.changeKey = c(QStringLiteral("change_key")).toString();
    return v;
}

Result<QList<Segment>>
SegmentRowReader::segments(qsizetype rows, const std::function<QVariant(qsizetype, const QString&)>& cell)
{
    QList<Segment> out;
    for (qsizetype row = 0; row < rows; ++row) {
        auto s = segment([&](const QString& name) { return cell(row, name); });
        if (!s)
            return s.error();
        out.append(std::move(s).value());
    }
    return out;
}

} // namespace core
