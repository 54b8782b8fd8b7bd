#pragma once

#include <functional>

#include <QVariant>

#include "domain/saved_comparison.h"

namespace core {

// What every SavedComparisonStore shares: the columns of table saved_comparisons and how a row
// reads back, the checks of a save, and the wording of its errors. Segment ids are kept as a
// JSON array, days and times as ISO 8601 text, so every backend reads back what it wrote.
class SavedComparisonRows
{
public:
    static const QString
        kColumns; // comparison_id, name, segment_ids, first_day, last_day, created_at, updated_at

    // A row from the value of each column of kColumns, by name.
    static Result<SavedComparison> read(const std::function<QVariant(const QString& column)>& value);

    // A new comparison to save: a new id, created and updated now.
    static SavedComparison prepareNew(const QString& name, const ComparisonRequest& request);
    // Name and request checks of a save, before anything is written.
    static Status validate(const SavedComparison& comparison);

    static QString segmentIdsText(const QStringList& ids);
    static QVariant dayText(QDate day); // a null string for the default range
    static QVariant timeText(const QDateTime& time);

    static Error nameTaken(const QString& existingName);
    static Error unknownComparison(const QString& id);
    static Error segmentGone(const QString& segmentId);
};

} // namespace core
