#pragma once

#include <utility>

#include <QList>
#include <QString>

namespace core {

// What one refresh of the impressions pipeline did.
struct PipelineReport
{
    qint64 bronzeRowsProcessed = 0; // bronze rows of the batches this refresh took on
    qint64 silverRowsAdded = 0;
    qint64 duplicatesSkipped = 0; // valid rows whose event_id was already in silver (or earlier in the batch)
    qint64 quarantined = 0;
    qint64 audienceUsers = 0;
    int segmentsRefreshed = 0;
    int segmentsSkipped = 0; // segments whose definition could not be turned into SQL (logged)
    int segmentsRecomputed = 0; // segments whose daily metrics were computed whole (the others were current or moved)
    int segmentsWindowsMoved = 0; // of the moved, those whose behaviour windows moved with the last day
    bool incremental = false;   // only the people with new events were computed again (LocalPipeline)
    // Quarantined rows of the batches this refresh took on, by reason (most frequent first).
    QList<std::pair<QString, qint64>> quarantineReasons;
};

// Which figure of the report a statement's outcome feeds.
enum class PipelineCounter
{
    None,
    Processed,   // the statement's single value (a count)
    Quarantined, // rows the statement inserted
    SilverAdded, // rows the statement inserted
    Audience,    // the statement's single value (a count)
    Reasons,     // rows of (reason, count)
};

// Adds a statement's outcome to the report; duplicates follow from the other three.
inline void absorb(PipelineReport& report, PipelineCounter counter, qint64 value)
{
    switch (counter) {
    case PipelineCounter::None:
        return;
    case PipelineCounter::Processed:
        report.bronzeRowsProcessed += value;
        break;
    case PipelineCounter::Quarantined:
        report.quarantined += value;
        break;
    case PipelineCounter::SilverAdded:
        report.silverRowsAdded += value;
        break;
    case PipelineCounter::Audience:
        report.audienceUsers = value;
        return;
    case PipelineCounter::Reasons: // rows, not one value: absorbReason()
        return;
    }
    report.duplicatesSkipped = report.bronzeRowsProcessed - report.quarantined - report.silverRowsAdded;
}

inline void absorbReason(PipelineReport& report, const QString& reason, qint64 count)
{
    report.quarantineReasons.append({reason, count});
}

} // namespace core
