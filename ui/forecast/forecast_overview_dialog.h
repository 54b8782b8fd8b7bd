#pragma once

#include <functional>

#include <QDialog>
#include <QTimer>

#include "analytics/analytics_source.h"
#include "common/error.h"
#include "forecast/forecast_overview_run.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace core {
class SegmentStore;
}

namespace ui {

class ForecastOverviewModel;
class ViewMessage;

// "Forecast All Segments": the metric, horizon, backtest and scope (the advertiser shown or
// every advertiser) to forecast; Start reads every segment's metrics at once and forecasts them
// in the background (ForecastOverviewRun) with a progress bar, the elapsed time and Cancel. The
// rows fill a sortable table as they arrive: forecast total with its 80/95 % ranges, change vs
// the last period of the same length, the backtest against seasonal naive, or why a segment
// could not be forecast. Export CSV writes the table; double-click shows the segment.
class ForecastOverviewDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ForecastOverviewDialog)

public:
    // Asks for the file to export to; empty when the user cancels.
    using ChooseSaveFile =
        std::function<QString(const QString& title, const QString& suggested, const QString& filter)>;

    ForecastOverviewDialog(core::SegmentStore& segments, AnalyticsSource source, QWidget* parent = nullptr);
    ~ForecastOverviewDialog() override;

    // The advertiser the window shows: the "current advertiser" scope (empty: none, so only
    // every advertiser can be chosen).
    void setCurrentAdvertiser(const QString& id, const QString& name);
    void setSaveFileChooser(ChooseSaveFile choose) { m_chooseSaveFile = std::move(choose); }
    // The workspace behind the window changed: the rows belong to the old one.
    void resetWorkspace();

    QComboBox* metricBox() const { return m_metric; }
    QSpinBox* horizonBox() const { return m_horizon; }
    QCheckBox* backtestBox() const { return m_backtest; }
    QComboBox* scopeBox() const { return m_scope; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* exportButton() const { return m_export; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    ViewMessage* message() const { return m_message; }
    QTableView* table() const { return m_table; }
    ForecastOverviewModel* model() const { return m_model; }
    ForecastOverviewRun* run() const { return m_run; }
    bool isBusy() const { return m_run->isRunning() || m_exports > 0; }

public slots:
    void start();
    void cancel();
    void exportCsv();
    void reject() override; // closing cancels a run

signals:
    // Double-click on a row.
    void segmentActivated(const QString& advertiserId, const QString& segmentId);
    void failed(const core::Error& error, const QString& context);
    void succeeded(const QString& message);

private:
    void buildControls();
    void fitColumns();
    ForecastOverviewRun::Request request() const;
    void onStateChanged(ForecastOverviewRun::State state);
    void onProgress(int done, int total);
    void onFailed(const core::Error& error);
    void showElapsed();
    void updateButtons();

    ForecastOverviewRun* m_run;
    ForecastOverviewModel* m_model;
    QSortFilterProxyModel* m_proxy = nullptr;
    ChooseSaveFile m_chooseSaveFile;
    QString m_currentAdvertiserId;
    QString m_exportMetric;
    int m_exports = 0;
    QTimer m_ticker;

    QComboBox* m_metric = nullptr;
    QSpinBox* m_horizon = nullptr;
    QCheckBox* m_backtest = nullptr;
    QComboBox* m_scope = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_export = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_elapsed = nullptr;
    QLabel* m_status = nullptr;
    ViewMessage* m_message = nullptr;
    QTableView* m_table = nullptr;
};

} // namespace ui
