#pragma once

#include <QHash>

#include "backends/access_store.h"

#include <functional>
#include <memory>
#include <optional>

#include <QMainWindow>

#include "analytics/analytics_source.h"
#include "common/error.h"
#include "domain/catalogue.h"
#include "domain/segment.h"
#include "segments/segment_editing_flow.h"
#include "segments/segment_views.h"
#include "segments/unsaved_changes_prompt.h"

class QComboBox;
class QLabel;
class QSplitter;

namespace core {
class SegmentStore;
class WorkspaceSession;
} // namespace core

namespace ui {

class AccessDialog;

class BusyIndicator;
class EventsImportFlow;
class SegmentImportFlow;
class ForecastOverviewDialog;
class ReportsDialog;
class SegmentHistoryDialog;
class MainWindowActions;
class ReachEstimator;
class ReachPanel;
class SegmentForm;
class SegmentHistory;
class SegmentListModel;
class SegmentListPane;
class ToastOverlay;
class WindowStateStore;
class WorkspaceControls;
class WorkspaceLoader;
class OutboxIndicator;

// The main window: advertiser picker, segment list, and as tabs beside it the segment form with
// its reach panel, the segment's detail and the comparison (SegmentViews). It builds its parts
// and wires them; the parts do the work (SegmentEditingFlow: open, save, duplicate, delete,
// restore and the unsaved-changes guard; WorkspaceLoader: reading; SegmentHistory: writes and
// undo; SegmentDetailView and ComparisonView: analytics).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    using ConfirmDelete = SegmentEditingFlow::ConfirmDelete;
    // Asks for the file to export to; empty when the user cancels.
    using ChooseSaveFile =
        std::function<QString(const QString& title, const QString& suggested, const QString& filter)>;

    MainWindow(core::SegmentStore& store, std::shared_ptr<const core::Catalogue> catalogue,
               const QString& user, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Optional collaborators (main.cpp passes the real ones, tests their own).
    void setWindowStateStore(WindowStateStore* store);
    void setUnsavedChangesPrompt(UnsavedChangesPrompt::Ask ask)
    {
        m_flow->setUnsavedChangesPrompt(std::move(ask));
    }
    void setConfirmDelete(ConfirmDelete confirm) { m_flow->setConfirmDelete(std::move(confirm)); }
    void setLogFolder(const QString& path) { m_logFolder = path; }
    // The session behind the store: enables the Connection menu and the status bar's health,
    // explains Databricks errors with their fix, and reloads the window when it switches.
    void setWorkspaceSession(core::WorkspaceSession* session);
    // Where the signed-in principal and its roles per advertiser come from (setWorkspaceSession
    // uses the session's backend). Actions the role does not allow are disabled, their tooltip
    // saying why; the status bar says who is signed in.
    void setAccessStore(core::AccessStore* access);
    // The roles the window obeys (the AccessStore's answer; tests set their own).
    void setAccessRoles(const core::AccessRoles& roles);
    const core::AccessRoles& accessRoles() const { return m_roles; }
    // Connection ▸ Access…: the dialog for the current advertiser (null unless one is open).
    AccessDialog* accessDialog() const { return m_accessDialog; }
    QLabel* principalLabel() const { return m_principalLabel; }
    void setSaveFileChooser(ChooseSaveFile choose);
    // Where the detail and comparison views read metrics and comparisons (setWorkspaceSession
    // sets the session's; without one they say the figures are not available).
    void setAnalyticsSource(const AnalyticsSource& source)
    {
        m_analytics = source;
        m_views->setAnalyticsSource(source);
    }
    // View ▸ Forecast All Segments: the dialog (created on first use, then kept).
    ForecastOverviewDialog* openForecastOverview();
    // File ▸ Reports…: the workspace's segment reports.
    ReportsDialog* openReports();
    // View ▸ History: the versions of the segment in the form (null when no saved segment is open).
    SegmentHistoryDialog* openSegmentHistory();

    enum class AdvertiserChoice
    {
        Preferred, // e.g. the one shown last time: the first one when it is gone
        Required,  // asked for by name: the first one is shown, but the user is told
    };
    // Loads the advertisers and shows the given one (or the first).
    void start(const QString& advertiserId = {}, AdvertiserChoice choice = AdvertiserChoice::Preferred);
    // After the next listing, open this segment in the form (empty: the first one listed).
    void openSegmentWhenLoaded(const QString& id = {}) { m_openWhenLoaded = id; }
    // After the next listing, compare these segments (the Compare tab is shown now).
    void compareWhenLoaded(const QStringList& ids);
    void showView(SegmentViews::View view) { m_views->showView(view); }
    // True when nothing is loading, estimating or writing (used by --screenshot and tests).
    bool isSettled() const;
    QString currentAdvertiserId() const { return m_advertiserId; }

    SegmentForm* form() const { return m_form; }
    SegmentListPane* listPane() const { return m_listPane; }
    SegmentListModel* listModel() const { return m_model; }
    ReachPanel* reachPanel() const { return m_reachPanel; }
    ReachEstimator* reachEstimator() const { return m_estimator; }
    ToastOverlay* toasts() const { return m_toasts; }
    SegmentHistory* history() const { return m_history; }
    SegmentEditingFlow* editingFlow() const { return m_flow; }
    MainWindowActions* actions() const { return m_actions; }
    // File ▸ Import Events… and Refresh Metrics.
    EventsImportFlow* events() const { return m_events; }
    SegmentImportFlow* segmentImport() const { return m_segmentImport; }
    QComboBox* advertiserPicker() const { return m_advertisers; }
    WorkspaceControls* workspaceControls() const { return m_workspaceControls; }
    // The offline work indicator (null without a session with an outbox).
    OutboxIndicator* outboxIndicator() const { return m_outboxIndicator; }
    SegmentViews* views() const { return m_views; }

signals:
    void advertiserChanged(const QString& advertiserId);
    // start() was asked for an advertiser (Required) the workspace does not have.
    void requiredAdvertiserMissing(const QString& advertiserId, const QStringList& availableIds);
    // The segment list shows the advertiser's segments (empty id: the workspace has no advertisers).
    void segmentListLoaded(const QString& advertiserId);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* buildCentralArea();
    void buildStatusBar();
    void showWorkspaceName();
    void wireActions();
    void wireData();
    void wireViews();

    void showAdvertiser(const QString& advertiserId);
    // The workspace behind the store changed: forget what came from the old one, load anew.
    void reloadWorkspace();
    void exportSegments(bool csv);
    void onAdvertisersLoaded(const QList<core::Advertiser>& advertisers);
    void reportMissingAdvertiser(const QList<core::Advertiser>& advertisers);
    void onSegmentsLoaded(const QString& advertiserId, const QList<core::Segment>& segments);
    void onSegmentWritten(const core::Segment& segment, const QString& message);
    void reportError(const core::Error& error, const QString& context);
    void showSegmentOf(const QString& advertiserId, const QString& segmentId);
    void updateActions();
    void updateBusy();

    core::SegmentStore& m_store;
    std::shared_ptr<const core::Catalogue> m_catalogue;
    QString m_advertiserId;
    QString m_preferredAdvertiserId;
    QString m_logFolder;
    QString m_lastReachError;
    bool m_advertiserRequired = false;
    bool m_advertisersLoaded = false;
    QList<core::Advertiser> m_advertiserList; // as last loaded (exports describe them)
    std::optional<QString> m_openWhenLoaded;
    std::optional<QStringList> m_compareWhenLoaded;
    bool m_closing = false;
    int m_exportsRunning = 0;

    ChooseSaveFile m_chooseSaveFile;
    WindowStateStore* m_windowState = nullptr;

    MainWindowActions* m_actions = nullptr;
    SegmentListModel* m_model = nullptr;
    SegmentHistory* m_history = nullptr;
    SegmentEditingFlow* m_flow = nullptr;
    WorkspaceLoader* m_loader = nullptr;
    ReachEstimator* m_estimator = nullptr;
    QComboBox* m_advertisers = nullptr;
    SegmentListPane* m_listPane = nullptr;
    SegmentForm* m_form = nullptr;
    ReachPanel* m_reachPanel = nullptr;
    SegmentViews* m_views = nullptr;
    QSplitter* m_splitter = nullptr;
    ToastOverlay* m_toasts = nullptr;
    BusyIndicator* m_busy = nullptr;
    QLabel* m_workspaceLabel = nullptr;
    QLabel* m_workspaceIcon = nullptr;
    core::WorkspaceSession* m_session = nullptr;
    AnalyticsSource m_analytics;
    ForecastOverviewDialog* m_forecasts = nullptr;
    ReportsDialog* m_reports = nullptr;
    EventsImportFlow* m_events = nullptr;
    SegmentImportFlow* m_segmentImport = nullptr;
    WorkspaceControls* m_workspaceControls = nullptr;
    OutboxIndicator* m_outboxIndicator = nullptr;
    core::AccessStore* m_access = nullptr;
    core::AccessRoles m_roles; // unmanaged until an AccessStore answers: everything allowed
    AccessDialog* m_accessDialog = nullptr;
    QLabel* m_principalLabel = nullptr;
    QHash<QAction*, QString> m_plainToolTips; // an action's tooltip when it is allowed
    quint64 m_rolesRequest = 0;

    void refreshRoles();
    void openAccessDialog();
    QString advertiserName(const QString& id) const;
    // Enables the action when `why` is empty, else disables it with `why` as its tooltip.
    void allowOrExplain(QAction* action, bool enabled, const QString& why);
};

} // namespace ui
