#pragma once

#include "domain/segment.h"

#include <optional>

namespace core {

enum class SegmentSort { Name, UpdatedNewestFirst, CreatedNewestFirst };

// Which segments a listing returns.
struct SegmentQuery
{
    enum class Deleted { Exclude, Include, Only };

    QString advertiserId;                // empty: every advertiser
    QString text;                        // case-insensitive match in name or description
    std::optional<SegmentStatus> status; // nullopt: any status
    Deleted deleted = Deleted::Exclude;
    SegmentSort sort = SegmentSort::Name;
    int limit = -1; // -1: no limit
};

} // namespace core
