#include "domain/segment_change_rules.h"

#include <QTimeZone>
#include <QUuid>

namespace core {

SegmentChangeRules::SegmentChangeRules(std::shared_ptr<const Catalogue> catalogue) : m_validator(std::move(catalogue))
{}

QDateTime SegmentChangeRules::now()
{
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

QString SegmentChangeRules::newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

Error staleVersionError(const Segment& current, int baseVersion)
{
    Error e = Error::conflict(
        QStringLiteral("version_conflict"),
        QStringLiteral("“%1” was changed by %2 after you opened it (your copy is version %3, the saved one is %4).")
            .arg(current.name, current.updatedBy.isEmpty() ? QStringLiteral("someone else") : current.updatedBy)
            .arg(baseVersion)
            .arg(current.version),
        QStringLiteral("Reload the segment to see the latest version, then apply your changes again."));
    e.detail = QStringLiteral("segment %1: base version %2, current %3").arg(current.id).arg(baseVersion).arg(current.version);
    return e;
}

Error validationError(const ValidationIssues& issues)
{
    Error e = Error::validation(issues.isEmpty() ? QStringLiteral("invalid") : issues.first().code,
                                issues.size() == 1 ? issues.first().message
                                                   : QStringLiteral("The segment has %1 problems: %2")
                                                         .arg(issues.size())
                                                         .arg(summarize(issues)),
                                summarize(issues));
    if (issues.size() == 1) {
        e.detail = issues.first().field;
        // A taken name is a clash with existing data, not malformed input.
        if (issues.first().code == QLatin1String("name_taken")) {
            e.kind = ErrorKind::Conflict;
            e.remediation = QStringLiteral("Choose another name, or open the existing segment.");
        }
    }
    return e;
}

Result<Segment> SegmentChangeRules::prepareCreate(Segment draft, const QString& user, const QDateTime& now,
                                                  const QSet<QString>& takenNames,
                                                  const SegmentValidator::SegmentResolver& resolver) const
{
    if (draft.version != 0)
        return Error::validation(QStringLiteral("version_not_new"),
                                 QStringLiteral("A new segment cannot carry a version; save it as an update."));
    if (draft.id.isEmpty())
        draft.id = newId();
    else if (QUuid::fromString(draft.id).isNull())
        return Error::validation(QStringLiteral("id_invalid"),
                                 QStringLiteral("“%1” is not a valid segment id (a UUID is expected).").arg(draft.id));
    draft.name = draft.name.trimmed();
    const auto issues = m_validator.validate(draft, takenNames, resolver);
    if (!issues.isEmpty())
        return validationError(issues);
    draft.definitionHash = draft.definition.hash();
    draft.version = 1;
    draft.createdBy = user;
    draft.createdAt = now;
    draft.updatedBy = user;
    draft.updatedAt = now;
    draft.deletedAt = QDateTime();
    return draft;
}

Result<Segment> SegmentChangeRules::prepareUpdate(const Segment& current, Segment edited, const QString& user,
                                                  const QDateTime& now, const QSet<QString>& takenNames,
                                                  const SegmentValidator::SegmentResolver& resolver) const
{
    if (current.isDeleted())
        return Error::conflict(QStringLiteral("segment_deleted"),
                               QStringLiteral("“%1” has been deleted; restore it before editing.").arg(current.name),
                               QStringLiteral("Restore the segment from the deleted list, then save again."));
    if (edited.version != current.version)
        return staleVersionError(current, edited.version);
    if (edited.advertiserId != current.advertiserId)
        return Error::validation(QStringLiteral("advertiser_immutable"),
                                 QStringLiteral("A segment cannot be moved to another advertiser; duplicate it "
                                                "instead."));
    edited.name = edited.name.trimmed();
    const auto issues = m_validator.validate(edited, takenNames, resolver);
    if (!issues.isEmpty())
        return validationError(issues);
    edited.definitionHash = edited.definition.hash();
    edited.version = current.version + 1;
    edited.createdBy = current.createdBy;
    edited.createdAt = current.createdAt;
    edited.updatedBy = user;
    edited.updatedAt = now;
    edited.deletedAt = QDateTime();
    return edited;
}

Result<Segment> SegmentChangeRules::prepareRevert(const Segment& current, const QList<SegmentVersion>& history,
                                                  int version, int baseVersion, const QString& user,
                                                  const QDateTime& now, const QSet<QString>& takenNames,
                                                  const SegmentValidator::SegmentResolver& resolver) const
{
    const SegmentVersion* old = nullptr;
    for (const auto& v : history) {
        if (v.version == version)
            old = &v;
    }
    if (!old)
        return Error::notFound(QStringLiteral("“%1” has no version %2.").arg(current.name).arg(version));
    if (current.isDeleted())
        return Error::conflict(QStringLiteral("segment_deleted"),
                               QStringLiteral("“%1” has been deleted; restore it before restoring a version.").arg(current.name),
                               QStringLiteral("Restore the segment from the deleted list, then restore the version."));
    if (baseVersion != current.version)
        return staleVersionError(current, baseVersion);
    if (old->name == current.name && old->description == current.description && old->status == current.status &&
        old->definition == current.definition)
        return Error::validation(QStringLiteral("version_is_current"),
                                 QStringLiteral("“%1” already has the content of version %2.").arg(current.name).arg(version));
    Segment edited = current;
    edited.name = old->name;
    edited.description = old->description;
    edited.status = old->status;
    edited.definition = old->definition;
    return prepareUpdate(current, edited, user, now, takenNames, resolver);
}

Result<Segment> SegmentChangeRules::prepareDelete(const Segment& current, int baseVersion, const QString& user,
                                                  const QDateTime& now) const
{
    if (current.isDeleted())
        return Error::conflict(QStringLiteral("already_deleted"),
                               QStringLiteral("“%1” is already deleted.").arg(current.name));
    if (baseVersion != current.version)
        return staleVersionError(current, baseVersion);
    Segment s = current;
    s.version = current.version + 1;
    s.updatedBy = user;
    s.updatedAt = now;
    s.deletedAt = now;
    return s;
}

Result<Segment> SegmentChangeRules::prepareRestore(const Segment& current, const QString& user, const QDateTime& now,
                                                   const QSet<QString>& takenNames) const
{
    if (!current.isDeleted())
        return Error::conflict(QStringLiteral("not_deleted"),
                               QStringLiteral("“%1” is not deleted, so there is nothing to restore.").arg(current.name));
    if (takenNames.contains(SegmentValidator::nameKey(current.name)))
        return Error::conflict(QStringLiteral("name_taken"),
                               QStringLiteral("Another segment of this advertiser is now called “%1”.").arg(current.name),
                               QStringLiteral("Rename or delete the other segment, then restore this one."));
    Segment s = current;
    s.version = current.version + 1;
    s.updatedBy = user;
    s.updatedAt = now;
    s.deletedAt = QDateTime();
    return s;
}

Status SegmentChangeRules::checkImport(const Segment& segment) const
{
    if (QUuid::fromString(segment.id).isNull())
        return Error::validation(QStringLiteral("id_invalid"),
                                 QStringLiteral("“%1” is not a valid segment id (a UUID is expected).").arg(segment.id));
    if (segment.version < 1)
        return Error::validation(QStringLiteral("version_invalid"),
                                 QStringLiteral("Segment “%1” has no valid version number.").arg(segment.name));
    if (!segment.createdAt.isValid() || !segment.updatedAt.isValid())
        return Error::validation(QStringLiteral("timestamps_invalid"),
                                 QStringLiteral("Segment “%1” lacks its created/updated times.").arg(segment.name));
    // Name uniqueness and references are checked by the store against its contents.
    auto issues = m_validator.validate(segment, {}, {});
    if (!issues.isEmpty())
        return validationError(issues);
    return success();
}

SegmentVersion SegmentChangeRules::versionRecord(const Segment& s, const QString& change, const QString& changeKey)
{
    SegmentVersion v;
    v.segmentId = s.id;
    v.version = s.version;
    v.change = change;
    v.name = s.name;
    v.description = s.description;
    v.status = s.status;
    v.definition = s.definition;
    v.definitionHash = s.definitionHash;
    v.changedBy = s.updatedBy;
    v.changedAt = s.updatedAt;
    v.changeKey = changeKey;
    return v;
}

} // namespace core
