#pragma once

#include "common/result.h"
#include "domain/segment.h"

#include <QVariant>

#include <functional>

namespace core {

// Builds Segment and SegmentVersion values from result rows, for every backend: `column`
// returns a row's value by column name (SegmentSql::kSegmentColumns), a null QVariant for NULL.
class SegmentRowReader
{
public:
    using Column = std::function<QVariant(const QString& name)>;

    static Result<Segment> segment(const Column& column);
    static Result<SegmentVersion> version(const Column& column);
};

} // namespace core
