#pragma once

#include "domain/segment.h"
#include "domain/simple_definition.h"

namespace testsupport {

inline core::Definition countries(const QStringList& codes)
{
    core::SimpleDefinition s;
    s.include[core::Dimension::Country] = codes;
    return s.toDefinition();
}

inline core::Segment draftSegment(const QString& advertiserId, const QString& name,
                                  core::Definition definition = countries({QStringLiteral("US")}))
{
    core::Segment s;
    s.advertiserId = advertiserId;
    s.name = name;
    s.description = QStringLiteral("test segment");
    s.status = core::SegmentStatus::Active;
    s.definition = std::move(definition);
    return s;
}

} // namespace testsupport
