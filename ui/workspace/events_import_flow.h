#pragma once

#include <functional>
#include <optional>

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QProgressDialog>

#include "analytics/analytics_source.h"
#include "common/error.h"
#include "backends/impressions_pipeline.h"
class QWidget;

namespace ui {

// File ▸ Import Events… and View ▸ Refresh Metrics, for the workspace behind the window (local
// or Databricks): an events CSV goes into bronze as one batch under a progress box that can
// cancel it (nothing of the file is kept then, cancelled()), a window-modal box says how many
// records were loaded and which lines were rejected, and offers to refresh the metrics now. The
// refresh shows a busy dialog while silver, the audience and the daily metrics are brought up to
// date, then a toast with what changed. Every failure is reported through failed(); one import
// or refresh runs at a time.
class EventsImportFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsImportFlow)

public:
    using ChooseOpenFile = std::function<QString(const QString& title, const QString& filter)>;

    EventsImportFlow(AnalyticsSource source, QWidget* window);
    ~EventsImportFlow() override;

    void setOpenFileChooser(ChooseOpenFile choose) { m_chooseOpenFile = std::move(choose); }

    // Asks for a file, then importFile().
    void chooseAndImport();
    void importFile(const QString& path);
    void refresh();
    bool isBusy() const { return m_busy; }

    // The box shown after an import (for tests); null when none is open.
    QMessageBox* importReportBox() const { return m_reportBox; }
    // The progress box of the import or refresh running (for tests); null when none is.
    QProgressDialog* progressDialog() const { return m_progress; }

signals:
    void imported(const core::ImportReport& report);
    void refreshed(const core::PipelineReport& report);
    void succeeded(const QString& message);
    void failed(const core::Error& error, const QString& context);
    void cancelled(const QString& message); // the user stopped an import; nothing of it was kept
    void busyChanged(bool busy);

private:
    // The backend to run on, now busy; none (and failed() when no workspace is open) otherwise.
    std::optional<AnalyticsBackend> begin(const QString& context);
    void setBusy(bool busy);
    void showImportReport(const core::ImportReport& report);
    static QString refreshSummary(const core::PipelineReport& report);

    AnalyticsSource m_source;
    QWidget* m_window;
    ChooseOpenFile m_chooseOpenFile;
    QPointer<QMessageBox> m_reportBox;
    QPointer<QProgressDialog> m_progress;
    bool m_busy = false;
};

} // namespace ui
