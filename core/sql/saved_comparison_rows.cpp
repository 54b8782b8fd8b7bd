#include "sql/saved_comparison_rows.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "domain/segment_json.h"
#include "domain/segment_change_rules.h"

namespace core {

const QString SavedComparisonRows::kColumns =
    QStringLiteral("comparison_id, name, segment_ids, first_day, last_day, created_at, updated_at");

Result<SavedComparison> SavedComparisonRows::read(const std::function<QVariant(const QString& column)>& value)
{
    SavedComparison c;
    c.id = value(QStringLiteral("comparison_id")).toString();
    c.name = value(QStringLiteral("name")).toString();
    const QJsonDocument ids =
        QJsonDocument::fromJson(value(QStringLiteral("segment_ids")).toString().toUtf8());
    if (!ids.isArray())
        return Error::parse(QStringLiteral("A saved comparison is damaged (its segment list is unreadable)."),
                            QStringLiteral("comparison %1: segment_ids is not a JSON array").arg(c.id));
    for (const auto& id : ids.array())
        c.request.segmentIds.append(id.toString());
    c.request.range.first = QDate::fromString(value(QStringLiteral("first_day")).toString(), Qt::ISODate);
    c.request.range.last = QDate::fromString(value(QStringLiteral("last_day")).toString(), Qt::ISODate);
    c.createdAt = SegmentJson::parseTime(value(QStringLiteral("created_at")).toString());
    c.updatedAt = SegmentJson::parseTime(value(QStringLiteral("updated_at")).toString());
    return c;
}

SavedComparison SavedComparisonRows::prepareNew(const QString& name, const ComparisonRequest& request)
{
    SavedComparison c;
    c.id = SegmentChangeRules::newId();
    c.name = name;
    c.request = request;
    c.createdAt = c.updatedAt = SegmentChangeRules::now();
    return c;
}

Status SavedComparisonRows::validate(const SavedComparison& comparison)
{
    if (auto s = SavedComparison::validateName(comparison.name); !s)
        return s;
    return comparison.request.validate();
}

QString SavedComparisonRows::segmentIdsText(const QStringList& ids)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
}

QVariant SavedComparisonRows::dayText(QDate day)
{
    return day.isValid() ? QVariant(day.toString(Qt::ISODate)) : QVariant(QMetaType::fromType<QString>());
}

QVariant SavedComparisonRows::timeText(const QDateTime& time)
{
    return SegmentJson::formatTime(time);
}

Error SavedComparisonRows::nameTaken(const QString& existingName)
{
    return Error::conflict(
        QStringLiteral("comparison_name_taken"),
        QStringLiteral("A saved comparison is already called “%1” (names ignore case).").arg(existingName),
        QStringLiteral("Choose another name, or open that comparison and save over it."));
}

Error SavedComparisonRows::unknownComparison(const QString& id)
{
    return Error::notFound(QStringLiteral("There is no saved comparison with id %1.").arg(id));
}

Error SavedComparisonRows::segmentGone(const QString& segmentId)
{
    return Error::notFound(
        QStringLiteral("One of the chosen segments no longer exists (id %1).").arg(segmentId));
}

} // namespace core
