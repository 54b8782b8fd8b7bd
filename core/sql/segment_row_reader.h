#pragma once

#include <functional>

#include <QVariant>

#include "common/result.h"
#include "domain/segment.h"

namespace core {

// Builds Segment and SegmentVersion values from result rows, for every backend: `column`
// returns a row's value by column name (SegmentSql::kSegmentColumns), a null QVariant for NULL.
class SegmentRowReader
{
public:
    using Column = std::function<QVariant(const QString& name)>;

    static Result<Segment> segment(const Column& column);
    // Every row of a result of `rows` rows; `cell` answers a row's value by column name.
    static Result<QList<Segment>>
    segments(qsizetype rows, const std::function<QVariant(qsizetype row, const QString& name)>& cell);
    static Result<SegmentVersion> version(const Column& column);
};

} // namespace core
