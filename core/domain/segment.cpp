#include "domain/segment.h"

namespace core {

QString segmentStatusKey(SegmentStatus status)
{
    switch (status) {
    case SegmentStatus::Draft: return QStringLiteral("draft");
    case SegmentStatus::Active: return QStringLiteral("active");
    case SegmentStatus::Archived: return QStringLiteral("archived");
    }
    return {};
}

std::optional<SegmentStatus> segmentStatusFromKey(const QString& key)
{
    for (SegmentStatus s : {SegmentStatus::Draft, SegmentStatus::Active, SegmentStatus::Archived}) {
        if (segmentStatusKey(s) == key)
            return s;
    }
    return std::nullopt;
}

QString segmentStatusLabel(SegmentStatus status)
{
    switch (status) {
    case SegmentStatus::Draft: return QStringLiteral("Draft");
    case SegmentStatus::Active: return QStringLiteral("Active");
    case SegmentStatus::Archived: return QStringLiteral("Archived");
    }
    return {};
}

} // namespace core
