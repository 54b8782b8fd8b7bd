#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include <QString>
#include <QStringList>

namespace core {

// A line of an events file that could not be placed in bronze's columns.
struct RejectedLine
{
    int line = 0; // 1-based line of the file where the record starts
    QString reason;
    bool operator==(const RejectedLine&) const = default;
};

// The event columns of bronze_impressions (product.md), in the order BronzeRecord::values
// holds them: event_id, event_time, advertiser_id, ..., cost_micros.
const QStringList& bronzeEventColumns();

// One record of an events file, in bronze's column order (bronzeEventColumns()).
struct BronzeRecord
{
    int line = 0;
    QStringList values;
};

// What importing an events file did.
struct ImportReport
{
    QString sourceFile; // the file's name, as stored in bronze's source_file
    QString batchId;    // bronze's ingest_batch of the rows loaded
    QString method;     // how the rows reached bronze: "insert" or "copy into" (Databricks volume)
    qint64 rowsRead = 0;
    qint64 rowsLoaded = 0;
    QList<RejectedLine> rejected;
};

struct ImportOptions
{
    bool strict = false; // any rejected line: load nothing and fail (Validation)
    // Told, between records and from the thread that reads, how much of the file has been read
    // (0 to 1). Optional.
    std::function<void(double fractionRead)> progress;
    // Set (from any thread) to stop: the import fails with ErrorKind::Cancelled (code
    // import_cancelled) and keeps nothing of the file. Seen while the file is read; on Databricks
    // also before the rows are sent, not once they are. Optional.
    std::shared_ptr<std::atomic<bool>> cancel;
};

// A bronze row that cleaning set aside, and why.
struct QuarantinedRow
{
    QString sourceFile;
    qint64 line = 0;
    QString eventId;
    QString reason;
};

} // namespace core
