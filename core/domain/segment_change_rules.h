#pragma once

#include "common/result.h"
#include "domain/segment_validator.h"

#include <QDateTime>
#include <QSet>

namespace core {

// What every backend does to a segment before writing it: normalise, validate, check the
// version the edit started from, and stamp version, hash, user and time. Shared by all
// stores so they cannot drift apart; the stores only persist the result atomically.
class SegmentChangeRules
{
public:
    explicit SegmentChangeRules(std::shared_ptr<const Catalogue> catalogue);

    // takenNames: name keys of the advertiser's other live segments.
    Result<Segment> prepareCreate(Segment draft, const QString& user, const QDateTime& now,
                                  const QSet<QString>& takenNames,
                                  const SegmentValidator::SegmentResolver& resolver) const;
    Result<Segment> prepareUpdate(const Segment& current, Segment edited, const QString& user, const QDateTime& now,
                                  const QSet<QString>& takenNames,
                                  const SegmentValidator::SegmentResolver& resolver) const;
    Result<Segment> prepareDelete(const Segment& current, int baseVersion, const QString& user,
                                  const QDateTime& now) const;
    Result<Segment> prepareRestore(const Segment& current, const QString& user, const QDateTime& now,
                                   const QSet<QString>& takenNames) const;
    // "Restore this version": the current segment with the old version's name, description, status
    // and definition, as a new version (prepareUpdate's checks, guarded by baseVersion). NotFound
    // when history has no such version; Validation "version_is_current" when nothing would change.
    Result<Segment> prepareRevert(const Segment& current, const QList<SegmentVersion>& history, int version,
                                  int baseVersion, const QString& user, const QDateTime& now,
                                  const QSet<QString>& takenNames,
                                  const SegmentValidator::SegmentResolver& resolver) const;
    // Checks an exported segment before it is imported as is.
    Status checkImport(const Segment& segment) const;

    static SegmentVersion versionRecord(const Segment& segment, const QString& change, const QString& changeKey = {});
    // Current time in UTC at millisecond precision, as stored.
    static QDateTime now();
    static QString newId();

    const SegmentValidator& validator() const { return m_validator; }

private:
    SegmentValidator m_validator;
};

// The Error for a write whose base version is not the current one.
Error staleVersionError(const Segment& current, int baseVersion);
// The Error for a list of validation issues (Validation kind, code of the first issue).
Error validationError(const ValidationIssues& issues);

} // namespace core
