#pragma once

#include <QList>
#include <QString>

#include "domain/definition_describer.h"
#include "domain/segment.h"

namespace segctl {

// Text forms of segments for the terminal.
class SegmentPrinter
{
public:
    // One row per segment: id, advertiser, name, status, version, updated (and deleted).
    static QString table(const QList<core::Segment>& segments, bool withDeleted);
    // "Name: ..." lines and the criteria, one per line.
    static QString details(const core::Segment& segment, const core::DefinitionDescriber& describer);
    // "2026-01-31 14:05 UTC"; empty for a null time.
    static QString shortTime(const QDateTime& time);
};

} // namespace segctl
