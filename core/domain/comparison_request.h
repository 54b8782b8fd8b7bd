#pragma once

#include <QStringList>

#include "domain/date_range.h"
#include "common/result.h"

namespace core {

// What to compare: 2–6 distinct segments over a date range. A null range (both days null)
// means "the last 30 days with data", resolved when the comparison is built.
struct ComparisonRequest
{
    static constexpr int kMinSegments = 2;
    static constexpr int kMaxSegments = 6;
    static constexpr int kDefaultRangeDays = 30;

    QStringList segmentIds;
    DateRange range;

    bool usesDefaultRange() const { return range.first.isNull() && range.last.isNull(); }
    // Validation errors: segment count, blank or repeated ids, a half-set or reversed range.
    Status validate() const;
    bool operator==(const ComparisonRequest&) const = default;
};

} // namespace core
