#pragma once

#include "common/result.h"
#include "export/segment_import_file.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QStringList>

#include <memory>

namespace core {

class SegmentStore;

// What an import stored.
struct SegmentImportReport
{
    int total = 0;
    int inserted = 0;
    int unchanged = 0;               // already in the workspace exactly as in the file
    QStringList advertisersAdded;    // ids the workspace did not know (named by their id)
};

// Stores a checked import file's segments one at a time, in dependency order, on any backend
// (SegmentStore::importSegment: the same segment again is Unchanged, another under its id a
// Conflict). Advertisers the workspace does not know are added first. Stops at the first
// failure: its message names the segment and says how many were stored before it (importing the
// file again skips those). cancel() stops before the next segment and finishes Cancelled.
// Used by the window (File ▸ Import Segments…) and segctl segments import. Lives on the thread
// of the store's futures; finishes exactly once.
class SegmentImportRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentImportRun)

public:
    SegmentImportRun(SegmentStore& store, SegmentImportFile file, QObject* parent = nullptr);
    ~SegmentImportRun() override;

    QFuture<Result<SegmentImportReport>> start();
    void cancel();

signals:
    void progress(int done, int total);

private:
    void addAdvertisers(QStringList missing);
    void importNext();
    void finish(Result<SegmentImportReport> result);

    SegmentStore& m_store;
    SegmentImportFile m_file;
    SegmentImportReport m_report;
    int m_next = 0;
    bool m_cancelled = false;
    bool m_finished = false;
    std::unique_ptr<QPromise<Result<SegmentImportReport>>> m_promise;
};

} // namespace core
