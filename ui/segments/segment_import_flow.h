#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QPointer>
#include <QProgressDialog>

#include "common/error.h"
#include "workspace/segment_import_run.h"

class QWidget;

namespace core {
class Catalogue;
class SegmentStore;
} // namespace core

namespace ui {

// File ▸ Import Segments…: a segments JSON export (File ▸ Export segments as JSON…, or segctl
// segments export) goes into the workspace behind the window, on any backend. The whole file is
// checked first (a bad segment changes nothing, and the message names it); then the segments are
// stored one at a time under a progress dialog that can cancel between segments; advertisers the
// workspace does not know are added. Success is a toast with what was added; every failure goes
// through failed() with what was stored before it. One import at a time.
class SegmentImportFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentImportFlow)

public:
    using ChooseOpenFile = std::function<QString(const QString& title, const QString& filter)>;

    SegmentImportFlow(core::SegmentStore& store, std::shared_ptr<const core::Catalogue> catalogue, QWidget* window);
    ~SegmentImportFlow() override;

    void setOpenFileChooser(ChooseOpenFile choose) { m_chooseOpenFile = std::move(choose); }

    // Asks for a file, then importFile().
    void chooseAndImport();
    void importFile(const QString& path);
    bool isBusy() const { return m_run != nullptr; }
    // The progress dialog while an import runs (for tests); null otherwise.
    QProgressDialog* progressDialog() const { return m_progress; }

signals:
    // After a successful import: advertisers were added when report.advertisersAdded is not empty.
    void imported(const core::SegmentImportReport& report);
    void succeeded(const QString& message);
    void failed(const core::Error& error, const QString& context);
    void busyChanged(bool busy);
    // After each segment stored.
    void progressed(int done, int total);

private:
    void finished(const core::Result<core::SegmentImportReport>& report, const QString& path);

    core::SegmentStore& m_store;
    std::shared_ptr<const core::Catalogue> m_catalogue;
    QWidget* m_window;
    ChooseOpenFile m_chooseOpenFile;
    QPointer<core::SegmentImportRun> m_run;
    QPointer<QProgressDialog> m_progress;
};

} // namespace ui
