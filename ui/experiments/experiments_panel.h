#pragma once

#include <functional>
#include <optional>

#include <QList>
#include <QPointer>
#include <QWidget>

#include "analytics/analytics_source.h"
#include "common/error.h"
#include "domain/experiment.h"
#include "domain/segment.h"
#include "experiments/experiment_results.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace ui {

class ExperimentReadoutView;
class NewExperimentDialog;
class ViewMessage;

// The "Experiments" tab: the selected segment's A/B experiments (name, key, status, arms,
// dates) and the chosen one's results (ExperimentReadoutView), read through the backend's
// ExperimentStore when the tab is shown. New Experiment… opens the dialog on the segment; Stop
// Experiment… asks first, then stops it guarded by the version shown (a newer version is a
// conflict, reported); Refresh reads everything again. Every failure goes through failed() (a
// toast) and is shown in the tab.
class ExperimentsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExperimentsPanel)

public:
    using ConfirmStop = std::function<bool(const QString& question)>;

    explicit ExperimentsPanel(QWidget* parent = nullptr);
    // Cuts the open New Experiment dialog loose first: its destroyed() must not reach this panel
    // once it is no ExperimentsPanel any more (UBSan).
    ~ExperimentsPanel() override;

    void setAnalyticsSource(AnalyticsSource source) { m_source = std::move(source); }
    void setUserName(const QString& user) { m_user = user; }
    void setStopConfirmer(ConfirmStop confirm) { m_confirmStop = std::move(confirm); }

    // The segment the window shows (null: none); its experiments are read when the tab is visible.
    void showSegment(const core::Segment* segment);
    // Reads the experiments and the results again (now when the tab is shown, else when it is).
    void reload();
    // Shows this experiment of the list (its results are read).
    void select(const QString& experimentId);
    // Opens New Experiment… on the segment (window-modal, not blocking); null without a segment.
    NewExperimentDialog* newExperiment();
    // Stops the experiment shown after asking (for the button and tests).
    void stopCurrent();

    bool isBusy() const;
    const QList<core::Experiment>& experiments() const { return m_experiments; }
    // The experiment shown, and its readout once read.
    const core::Experiment* current() const;
    const std::optional<core::ExperimentReadout>& readout() const { return m_readout; }
    QTableWidget* list() const { return m_list; }
    ExperimentReadoutView* readoutView() const { return m_readoutView; }
    QPushButton* newButton() const { return m_new; }
    QPushButton* stopButton() const { return m_stop; }
    QPushButton* refreshButton() const { return m_refresh; }
    QString messageText() const;

signals:
    void failed(const core::Error& error, const QString& context);
    void succeeded(const QString& message);
    void busyChanged();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void loadList();
    void showList();
    void loadResults();
    void setBusyFlag(bool& flag, bool value);
    void updateButtons();
    void report(const core::Error& error, const QString& context);
    AnalyticsBackend backendOrExplain(const QString& context);

    AnalyticsSource m_source;
    QString m_user;
    ConfirmStop m_confirmStop;
    std::optional<core::Segment> m_segment;
    QList<core::Experiment> m_experiments;
    QString m_currentId;
    std::optional<core::ExperimentReadout> m_readout;
    bool m_stale = true;
    bool m_loadingList = false;
    bool m_loadingResults = false;
    bool m_stopping = false;
    int m_listGeneration = 0;
    int m_resultsGeneration = 0;
    QPointer<NewExperimentDialog> m_dialog;

    QLabel* m_title;
    QPushButton* m_new;
    QPushButton* m_refresh;
    QPushButton* m_stop;
    ViewMessage* m_message;
    QTableWidget* m_list;
    ExperimentReadoutView* m_readoutView;
};

} // namespace ui
