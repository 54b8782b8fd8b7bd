#include "domain/comparison_request.h"

#include <QSet>

namespace core {

Status ComparisonRequest::validate() const
{
    if (segmentIds.size() < kMinSegments || segmentIds.size() > kMaxSegments)
        return Error::validation(QStringLiteral("comparison_segment_count"),
                                 QStringLiteral("Choose between %1 and %2 segments to compare (%3 chosen).")
                                     .arg(kMinSegments)
                                     .arg(kMaxSegments)
                                     .arg(segmentIds.size()));
    QSet<QString> seen;
    for (const auto& id : segmentIds) {
        if (id.trimmed().isEmpty())
            return Error::validation(QStringLiteral("comparison_segment_blank"),
                                     QStringLiteral("One of the chosen segments has no id."));
        if (seen.contains(id))
            return Error::validation(QStringLiteral("comparison_segment_repeated"),
                                     QStringLiteral("The same segment is chosen twice (id %1).").arg(id));
        seen.insert(id);
    }
    if (!usesDefaultRange()) {
        if (auto r = DateRange::of(range.first, range.last); !r)
            return r.error();
    }
    return success();
}

} // namespace core
