#include "shell/main_window.h"

#include "backends/report_scheduler.h"

#include "domain/definition_describer.h"
#include "offline/outbox_indicator.h"
#include "reports/reports_dialog.h"

#include <spdlog/spdlog.h>

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QGuiApplication>
#include <QScreen>
#include <QSettings>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

#include "access/access_dialog.h"
#include "backends/backend.h"
#include "domain/comparison_request.h"
#include "common/busy_indicator.h"
#include "comparison/comparison_view.h"
#include "experiments/experiments_panel.h"
#include "workspace/connection_status.h"
#include "segments/segment_history_dialog.h"
#include "segments/segment_import_flow.h"
#include "workspace/events_import_flow.h"
#include "forecast/forecast_overview_dialog.h"
#include "logging/logging.h"
#include "shell/main_window_actions.h"
#include "segments/reach_estimator.h"
#include "segments/reach_panel.h"
#include "segments/segment_detail_view.h"
#include "segments/segment_file_export.h"
#include "segments/segment_filter_proxy.h"
#include "segments/segment_form.h"
#include "segments/segment_history.h"
#include "segments/segment_list_model.h"
#include "segments/segment_list_pane.h"
#include "segments/segment_views.h"
#include "backends/segment_store.h"
#include "common/toast_overlay.h"
#include "shell/window_state_store.h"
#include "workspace/workspace_session.h"
#include "workspace/workspace_controls.h"
#include "workspace/workspace_loader.h"
#include "common/plural.h"
#include "common/theme.h"
#include "settings/app_settings.h"

namespace ui {

MainWindow::MainWindow(core::SegmentStore& store, std::shared_ptr<const core::Catalogue> catalogue,
                       const QString& user, QWidget* parent)
    : QMainWindow(parent), m_store(store), m_catalogue(std::move(catalogue))
{
    setWindowTitle(tr("Segment Builder[*]"));
    setWindowIcon(Theme::icon(QStringLiteral("segment-builder")));
    m_chooseSaveFile = [this](const QString& title, const QString& suggested, const QString& filter) {
        return QFileDialog::getSaveFileName(this, title, suggested, filter);
    };

    m_model = new SegmentListModel(this);
    m_history = new SegmentHistory(store, user, this);
    m_loader = new WorkspaceLoader(store, this);
    m_estimator = new ReachEstimator(store, this);
    m_actions = new MainWindowActions(this);
    m_actions->install(*this);

    setCentralWidget(buildCentralArea());
    m_flow = new SegmentEditingFlow(*m_form, *m_model, *m_history, this);
    m_flow->setUnsavedChangesPrompt(UnsavedChangesPrompt::dialog(this));
    m_flow->setConfirmDelete([this](const QString& name) {
        return QMessageBox::question(
                   this, tr("Delete segment"),
                   tr("Delete “%1”?\n\nDeleted segments can be restored (View › Show deleted "
                      "segments), and Ctrl+Z undoes the deletion.")
                       .arg(name),
                   QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
    });
    buildStatusBar();
    m_toasts = new ToastOverlay(centralWidget());
    m_views->comparison()->setSaveFileChooser(m_chooseSaveFile);
    m_views->experiments()->setUserName(user);
    wireActions();
    wireData();
    wireViews();
    updateActions();
    // 1440×900, or less on a smaller screen (a 1280×800 laptop): the whole window stays in view.
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        const QRect free = screen->availableGeometry();
        resize(std::min(1440, free.width() * 95 / 100), std::min(900, free.height() * 95 / 100));
    } else {
        resize(1440, 900);
    }
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildCentralArea()
{
    auto* central = new QWidget(this);

    m_advertisers = new QComboBox(central);
    m_advertisers->setAccessibleName(tr("Advertiser"));
    m_advertisers->setToolTip(tr("The advertiser whose segments are shown"));
    m_advertisers->setMinimumContentsLength(24);
    m_advertisers->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto* advertiserLabel = new QLabel(tr("&Advertiser:"), central);
    advertiserLabel->setBuddy(m_advertisers);
    QFont bold = advertiserLabel->font();
    bold.setBold(true);
    advertiserLabel->setFont(bold);

    auto* topBar = new QWidget(central);
    topBar->setObjectName(QStringLiteral("topBar"));
    topBar->setAttribute(Qt::WA_StyledBackground);
    topBar->setStyleSheet(QStringLiteral("#topBar { border-bottom: 1px solid palette(mid); }"));
    auto* top = new QHBoxLayout(topBar);
    top->setContentsMargins(12, 8, 12, 8);
    top->addWidget(advertiserLabel);
    top->addWidget(m_advertisers);
    top->addStretch(1);

    m_listPane = new SegmentListPane(*m_model, central);
    m_listPane->addAction(m_actions->remove); // Del works while the list has focus
    m_form = new SegmentForm(m_catalogue, central);
    auto* formScroll = new QScrollArea(central);
    formScroll->setWidget(m_form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setMinimumWidth(520);
    m_reachPanel = new ReachPanel(central);
    m_reachPanel->setMinimumWidth(300);

    auto* editPage = new QSplitter(Qt::Horizontal, central);
    editPage->setObjectName(QStringLiteral("editSplitter"));
    editPage->setChildrenCollapsible(false);
    editPage->addWidget(formScroll);
    editPage->addWidget(m_reachPanel);
    editPage->setStretchFactor(0, 1);
    editPage->setStretchFactor(1, 0);
    editPage->setSizes({620, 340}); // the form's fields are wide
    m_views = new SegmentViews(m_store, m_catalogue, editPage, central);

    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_listPane);
    m_splitter->addWidget(m_views);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({440, 1000}); // room for names in the list

    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(topBar);
    layout->addWidget(m_splitter, 1);
    return central;
}

void MainWindow::buildStatusBar()
{
    m_workspaceLabel = new QLabel(this);
    m_workspaceLabel->setIndent(6);
    m_workspaceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    showWorkspaceName();
    m_workspaceIcon = new QLabel(this);
    m_workspaceIcon->setPixmap(Theme::icon(QStringLiteral("database")).pixmap(16, 16));
    m_busy = new BusyIndicator(this);
    statusBar()->addWidget(m_busy);
    statusBar()->addPermanentWidget(m_workspaceIcon);
    statusBar()->addPermanentWidget(m_workspaceLabel);
}

void MainWindow::setWorkspaceSession(core::WorkspaceSession* session)
{
    Q_ASSERT(!m_session && session && &session->store() == &m_store);
    m_session = session;
    m_workspaceControls = new WorkspaceControls(*session, *m_actions, this, [this](const std::function<void()>& proceed) {
        m_flow->whenReleased(proceed);
    });
    // The indicator names the workspace and shows its health; the plain label goes.
    statusBar()->removeWidget(m_workspaceIcon);
    statusBar()->removeWidget(m_workspaceLabel);
    m_workspaceIcon->hide();
    m_workspaceLabel->hide();
    statusBar()->addPermanentWidget(m_workspaceControls->status());
    m_workspaceControls->status()->show();
    connect(session, &core::WorkspaceSession::activated, this, &MainWindow::reloadWorkspace);
    if (session->outbox()) { // offline work on shared workspaces: the waiting changes, the cache's age
        const core::DefinitionDescriber describer(m_catalogue);
        m_outboxIndicator = new OutboxIndicator(*session, toasts(), [describer](const core::Definition& d) {
            return describer.describe(d);
        }, this);
        statusBar()->addPermanentWidget(m_outboxIndicator);
        connect(m_outboxIndicator, &OutboxIndicator::outboxApplied, this, [this] {
            if (!m_advertiserId.isEmpty())
                m_loader->loadSegments(m_advertiserId);
        });
    }
    connect(session, &core::WorkspaceSession::activated, this, [this] {
        const auto backend = m_session->backend();
        setAccessStore(backend ? &backend->access() : nullptr);
    });
    if (const auto backend = session->backend())
        setAccessStore(&backend->access());
    setAnalyticsSource(analyticsOf(*session));
    updateActions();
}

void MainWindow::setAccessStore(core::AccessStore* access)
{
    m_access = access;
    setAccessRoles({});
    refreshRoles();
}

void MainWindow::setAccessRoles(const core::AccessRoles& roles)
{
    m_roles = roles;
    if (!m_principalLabel) {
        m_principalLabel = new QLabel(this);
        m_principalLabel->setObjectName(QStringLiteral("principalLabel"));
        statusBar()->addPermanentWidget(m_principalLabel);
    }
    // A shared workspace's status already says "signed in as" (the same identity the backend
    // records); the local workspace, and a window without a session, say it here.
    const auto backend = m_session ? m_session->backend() : nullptr;
    const bool shared = backend && backend->kind() != QLatin1String("local");
    m_principalLabel->setVisible(!roles.principal.isEmpty() && !shared);
    m_principalLabel->setText(tr("Signed in as %1").arg(roles.principal));
    m_principalLabel->setToolTip(tr("The identity the workspace records as creator and editor of every change"));
    updateActions();
}

void MainWindow::refreshRoles()
{
    if (!m_access)
        return;
    const quint64 request = ++m_rolesRequest;
    m_access->myRoles().then(this, [this, request](const core::Result<core::AccessRoles>& roles) {
        if (request != m_rolesRequest)
            return;
        if (roles)
            setAccessRoles(roles.value());
        else
            spdlog::warn("could not read the roles: {}", roles.error().toString().toStdString());
    });
}

QString MainWindow::advertiserName(const QString& id) const
{
    const int index = m_advertisers->findData(id);
    return index >= 0 ? m_advertisers->itemText(index) : id;
}

void MainWindow::allowOrExplain(QAction* action, bool enabled, const QString& why)
{
    if (!m_plainToolTips.contains(action))
        m_plainToolTips.insert(action, action->toolTip());
    action->setEnabled(enabled && why.isEmpty());
    action->setToolTip(why.isEmpty() ? m_plainToolTips.value(action) : why);
}

void MainWindow::openAccessDialog()
{
    if (!m_access || m_advertiserId.isEmpty())
        return;
    delete m_accessDialog;
    m_accessDialog = new AccessDialog(*m_access, m_advertiserId, advertiserName(m_advertiserId), this);
    connect(m_accessDialog, &AccessDialog::changed, this, &MainWindow::refreshRoles);
    m_accessDialog->open();
}

void MainWindow::setSaveFileChooser(ChooseSaveFile choose)
{
    m_chooseSaveFile = std::move(choose);
    m_views->comparison()->setSaveFileChooser(m_chooseSaveFile);
}

void MainWindow::compareWhenLoaded(const QStringList& ids)
{
    m_compareWhenLoaded = ids;
    m_views->showView(SegmentViews::View::Compare);
}

void MainWindow::reloadWorkspace()
{
    m_history->clear(); // undo steps belong to the workspace they were made in
    m_flow->clearForm();
    m_views->resetWorkspace();
    if (m_forecasts)
        m_forecasts->resetWorkspace();
    m_model->setSegments({});
    m_lastReachError.clear();
    {
        const QSignalBlocker block(m_advertisers);
        m_advertisers->clear();
    }
    const QString previous = m_advertiserId;
    m_advertiserId.clear();
    m_advertisersLoaded = false;
    showWorkspaceName();
    start(previous, AdvertiserChoice::Preferred);
}

void MainWindow::showWorkspaceName()
{
    const QString name = m_store.displayName();
    QString shown = name;
    const QString home = QDir::homePath();
    if (home.size() > 1) // "~/…" keeps the part that tells workspaces apart readable
        shown.replace(home + QLatin1Char('/'), QStringLiteral("~/"));
    m_workspaceLabel->setText(shown);
    m_workspaceLabel->setToolTip(tr("Where the segments are stored: %1").arg(name));
}

void MainWindow::setWindowStateStore(WindowStateStore* store)
{
    m_windowState = store;
    if (m_windowState)
        m_windowState->restore(*this, *m_splitter);
}

void MainWindow::wireActions()
{
    auto* a = m_actions;
    m_events =
        new EventsImportFlow([this] { return m_analytics ? m_analytics() : AnalyticsBackend{}; }, this);
    connect(a->importEvents, &QAction::triggered, m_events, &EventsImportFlow::chooseAndImport);
    connect(a->refreshMetrics, &QAction::triggered, m_events, &EventsImportFlow::refresh);
    connect(m_events, &EventsImportFlow::failed, this, &MainWindow::reportError);
    connect(m_events, &EventsImportFlow::succeeded, this,
            [this](const QString& message) { m_toasts->showSuccess(message); });
    connect(m_events, &EventsImportFlow::cancelled, this,
            [this](const QString& message) { m_toasts->showInfo(message); });
    connect(m_events, &EventsImportFlow::busyChanged, this, &MainWindow::updateActions);
    m_segmentImport = new SegmentImportFlow(m_store, m_catalogue, this);
    connect(a->importSegments, &QAction::triggered, m_segmentImport, &SegmentImportFlow::chooseAndImport);
    connect(m_segmentImport, &SegmentImportFlow::failed, this, &MainWindow::reportError);
    connect(m_segmentImport, &SegmentImportFlow::succeeded, this,
            [this](const QString& message) { m_toasts->showSuccess(message); });
    connect(m_segmentImport, &SegmentImportFlow::busyChanged, this, &MainWindow::updateActions);
    connect(m_segmentImport, &SegmentImportFlow::imported, this, [this](const core::SegmentImportReport& report) {
        if (!report.advertisersAdded.isEmpty())
            m_loader->loadAdvertisers();
        if (!m_advertiserId.isEmpty())
            m_loader->loadSegments(m_advertiserId);
    });
    connect(a->newSegment, &QAction::triggered, m_flow, [this] { m_flow->startNew(m_advertiserId); });
    connect(a->manageAccess, &QAction::triggered, this, &MainWindow::openAccessDialog);
    connect(a->save, &QAction::triggered, m_flow, [this] { m_flow->save(); });
    connect(a->exportCsv, &QAction::triggered, this, [this] { exportSegments(true); });
    connect(a->exportJson, &QAction::triggered, this, [this] { exportSegments(false); });
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->undo, &QAction::triggered, m_history, &SegmentHistory::undo);
    connect(a->redo, &QAction::triggered, m_history, &SegmentHistory::redo);
    connect(a->duplicate, &QAction::triggered, m_flow, &SegmentEditingFlow::duplicate);
    connect(a->remove, &QAction::triggered, m_flow, &SegmentEditingFlow::remove);
    connect(a->restore, &QAction::triggered, m_flow, &SegmentEditingFlow::restore);
    connect(a->find, &QAction::triggered, m_listPane, &SegmentListPane::focusSearch);
    connect(a->refresh, &QAction::triggered, this, [this] {
        if (!m_advertiserId.isEmpty())
            m_loader->loadSegments(m_advertiserId);
    });
    connect(a->showDeleted, &QAction::toggled, m_listPane, &SegmentListPane::setShowDeleted);
    connect(a->showDeleted, &QAction::toggled, m_flow, &SegmentEditingFlow::setShowDeleted);
    connect(a->about, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About Segment Builder"),
            tr("<h3>Advertiser Segment Builder %1</h3><p>Define audience segments, see their reach "
               "as you edit, and hand them on as CSV or JSON.</p><p>%2</p>")
                .arg(QCoreApplication::applicationVersion(), m_store.displayName().toHtmlEscaped()));
    });
    connect(a->openLogFolder, &QAction::triggered, this, [this] {
        const QString folder = m_logFolder.isEmpty() ? QDir::tempPath() : m_logFolder;
        QDir().mkpath(folder);
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder))) {
            core::Error e = core::Error::io(tr("The log folder could not be opened."), folder);
            e.remediation = tr("Open %1 in your file manager.").arg(folder);
            reportError(e, {});
        }
    });
}

void MainWindow::wireData()
{
    connect(m_advertisers, &QComboBox::currentIndexChanged, this, [this] {
        const QString id = m_advertisers->currentData().toString();
        if (id == m_advertiserId)
            return;
        m_flow->whenReleased([this, id] { showAdvertiser(id); },
                             [this] {
                                 const QSignalBlocker block(m_advertisers);
                                 m_advertisers->setCurrentIndex(m_advertisers->findData(m_advertiserId));
                             });
    });
    connect(m_loader, &WorkspaceLoader::advertisersLoaded, this, &MainWindow::onAdvertisersLoaded);
    connect(m_loader, &WorkspaceLoader::segmentsLoaded, this, &MainWindow::onSegmentsLoaded);
    connect(m_loader, &WorkspaceLoader::reachLoaded, m_model, &SegmentListModel::mergeReach);
    connect(m_loader, &WorkspaceLoader::failed, this, &MainWindow::reportError);
    connect(m_loader, &WorkspaceLoader::busyChanged, this, [this](bool busy) {
        m_listPane->setLoading(busy);
        updateBusy();
    });

    connect(m_listPane, &SegmentListPane::segmentActivated, this, [this](const QString& id) {
        if (id == m_form->base().id && m_form->hasSegment())
            return;
        m_flow->whenReleased([this, id] { m_flow->open(id); },
                             [this] { m_listPane->selectSegment(m_form->base().id); });
    });
    connect(m_listPane->view(), &QTableView::doubleClicked, m_form,
            [this] { m_form->nameField()->setFocus(); });

    connect(m_form, &SegmentForm::saveRequested, m_flow, [this] { m_flow->save(); });
    connect(m_form, &SegmentForm::revertRequested, m_flow, &SegmentEditingFlow::revert);
    connect(m_flow, &SegmentEditingFlow::segmentShown, this, [this](const QString& id) {
        m_listPane->selectSegment(id);
        m_views->followSegment(id.isEmpty() ? nullptr : m_model->find(id), id.isEmpty());
        updateActions();
    });
    connect(m_flow, &SegmentEditingFlow::formCleared, this, [this] {
        m_reachPanel->clear();
        m_listPane->selectSegment({});
        m_views->followSegment(nullptr);
        updateActions();
    });
    connect(m_flow, &SegmentEditingFlow::savingChanged, this, &MainWindow::updateActions);
    connect(m_form, &SegmentForm::editedChanged, this, &MainWindow::updateActions);
    connect(m_form, &SegmentForm::dirtyChanged, this, &QWidget::setWindowModified);
    connect(m_form, &SegmentForm::definitionChanged, this, [this](const core::Definition& definition) {
        m_reachPanel->setStale(true);
        m_estimator->request(definition);
    });
    connect(m_form, &SegmentForm::definitionInvalid, this, [this] {
        m_estimator->cancel();
        if (m_form->hasSegment() && m_form->edited().definition.isEmpty())
            m_reachPanel->showInvalid(tr("Choose criteria to see how many people the segment reaches."));
        else if (m_form->hasSegment())
            m_reachPanel->showInvalid();
        else
            m_reachPanel->clear();
    });

    connect(m_estimator, &ReachEstimator::estimated, this, [this](const core::ReachEstimate& estimate) {
        m_lastReachError.clear();
        m_reachPanel->showEstimate(estimate);
    });
    connect(m_estimator, &ReachEstimator::failed, this, [this](const core::Error& error) {
        m_reachPanel->showError(error);
        if (error.code == QLatin1String("offline")) // the panel and the status bar say it already
            return;
        if (error.toString() != m_lastReachError) { // one toast per distinct failure, not per keystroke
            m_lastReachError = error.toString();
            reportError(error, tr("Could not estimate the reach"));
        }
    });
    connect(m_estimator, &ReachEstimator::busyChanged, m_reachPanel, &ReachPanel::setBusy);

    connect(m_history, &SegmentHistory::segmentWritten, this, &MainWindow::onSegmentWritten);
    connect(m_history, &SegmentHistory::failed, this, &MainWindow::reportError);
    connect(m_history, &SegmentHistory::stateChanged, this, [this] {
        updateActions();
        updateBusy();
    });
}

void MainWindow::wireViews()
{
    auto* a = m_actions;
    connect(a->showEdit, &QAction::triggered, this, [this] { m_views->showView(SegmentViews::View::Edit); });
    connect(a->showDetail, &QAction::triggered, this,
            [this] { m_views->showView(SegmentViews::View::Detail); });
    connect(a->showCompare, &QAction::triggered, this,
            [this] { m_views->showView(SegmentViews::View::Compare); });
    connect(a->showActivate, &QAction::triggered, this,
            [this] { m_views->showView(SegmentViews::View::Activate); });
    connect(a->showExperiments, &QAction::triggered, this,
            [this] { m_views->showView(SegmentViews::View::Experiments); });
    connect(a->compareSelected, &QAction::triggered, this,
            [this] { m_views->compare(m_listPane->selectedSegmentIds()); });
    connect(a->refresh, &QAction::triggered, m_views->detail(), &SegmentDetailView::reload);
    connect(m_events, &EventsImportFlow::refreshed, m_views->detail(), &SegmentDetailView::reload);
    connect(m_events, &EventsImportFlow::refreshed, m_views->comparison(), &ComparisonView::reload);
    connect(a->refresh, &QAction::triggered, m_views->experiments(), &ExperimentsPanel::reload);
    connect(m_events, &EventsImportFlow::refreshed, m_views->experiments(), &ExperimentsPanel::reload);
    connect(a->forecastAll, &QAction::triggered, this, &MainWindow::openForecastOverview);
    connect(a->reports, &QAction::triggered, this, &MainWindow::openReports);
    connect(a->showHistory, &QAction::triggered, this, &MainWindow::openSegmentHistory);
    for (auto [action, choice] : {std::pair{a->themeSystem, Theme::Choice::System},
                                  std::pair{a->themeLight, Theme::Choice::Light},
                                  std::pair{a->themeDark, Theme::Choice::Dark}}) {
        connect(action, &QAction::triggered, this, [this, choice = choice] {
            QSettings settings;
            core::AppSettings(settings).setTheme(Theme::name(choice));
            m_toasts->showInfo(choice == Theme::current()
                                   ? tr("This is the theme in use.")
                                   : tr("Saved: the new theme applies when Segment Builder starts again."));
        });
    }
    // The comparison has its own chooser and needs the width: the list steps aside meanwhile.
    connect(m_views, &QTabWidget::currentChanged, this,
            [this] { m_listPane->setVisible(m_views->currentView() != SegmentViews::View::Compare); });
    connect(m_listPane, &SegmentListPane::selectionChanged, this, &MainWindow::updateActions);
    connect(m_views, &SegmentViews::failed, this, &MainWindow::reportError);
    connect(m_views, &SegmentViews::succeeded, this,
            [this](const QString& message) { m_toasts->showSuccess(message); });
}

void MainWindow::start(const QString& advertiserId, AdvertiserChoice choice)
{
    m_preferredAdvertiserId = advertiserId;
    m_advertiserRequired = choice == AdvertiserChoice::Required && !advertiserId.isEmpty();
    m_loader->loadAdvertisers();
}

bool MainWindow::isSettled() const
{
    return m_advertisersLoaded && !m_loader->isBusy() && !m_estimator->isPending() && !m_history->isBusy() &&
           !m_openWhenLoaded && !m_compareWhenLoaded && m_exportsRunning == 0 && !m_views->isBusy() &&
           !m_events->isBusy();
}

void MainWindow::onAdvertisersLoaded(const QList<core::Advertiser>& advertisers)
{
    m_advertiserList = advertisers;
    {
        const QSignalBlocker block(m_advertisers);
        m_advertisers->clear();
        for (const auto& a : advertisers)
            m_advertisers->addItem(a.name.isEmpty() ? a.id : a.name, a.id);
    }
    m_advertisersLoaded = true;
    showWorkspaceName(); // the store is open now: its own name
    if (advertisers.isEmpty()) {
        if (m_advertiserRequired)
            reportMissingAdvertiser(advertisers);
        m_openWhenLoaded.reset();
        m_compareWhenLoaded.reset();
        m_advertisers->setPlaceholderText(tr("No advertisers in this workspace"));
        showAdvertiser({});
        emit segmentListLoaded({});
        m_toasts->showInfo(
            tr("This workspace has no advertisers yet. Import segments with File ▸ Import Segments… "
               "(Ctrl+Shift+I): their advertisers come with them."));
        return;
    }
    int index = m_advertisers->findData(m_preferredAdvertiserId);
    if (index < 0) {
        if (m_advertiserRequired)
            reportMissingAdvertiser(advertisers);
        index = 0;
    }
    {
        const QSignalBlocker block(m_advertisers);
        m_advertisers->setCurrentIndex(index);
    }
    showAdvertiser(m_advertisers->itemData(index).toString());
}

void MainWindow::reportMissingAdvertiser(const QList<core::Advertiser>& advertisers)
{
    QStringList ids;
    for (const auto& a : advertisers)
        ids.append(a.id);
    const QString wanted = m_preferredAdvertiserId;
    core::Error error = core::Error::notFound(
        advertisers.isEmpty()
            ? tr("There is no advertiser “%1”: this workspace has no advertisers.").arg(wanted)
            : tr("There is no advertiser “%1” in this workspace; showing “%2” instead.")
                  .arg(wanted, advertisers.first().name.isEmpty() ? advertisers.first().id
                                                                  : advertisers.first().name),
        m_store.displayName());
    error.remediation = advertisers.isEmpty()
                            ? tr("Add one with segctl, or open another workspace.")
                            : tr("Choose one in the Advertiser list. Advertiser ids here: %1.")
                                  .arg(ids.join(QStringLiteral(", ")));
    reportError(error, tr("Unknown advertiser"));
    emit requiredAdvertiserMissing(wanted, ids);
}

ReportsDialog* MainWindow::openReports()
{
    if (!m_reports) {
        auto source = [this] { return m_analytics ? m_analytics() : AnalyticsBackend{}; };
        m_reports = new ReportsDialog(m_store, source, m_catalogue, this);
        connect(m_reports, &ReportsDialog::failed, this, &MainWindow::reportError);
        connect(m_reports, &ReportsDialog::succeeded, this, [this](const QString& message) { m_toasts->showSuccess(message); });
    }
    if (m_session) {
        m_reports->setWorkspaceArguments(ReportsDialog::segctlArgumentsOf(m_session->choice()));
        const auto backend = m_session->backend();
        m_reports->setReportScheduler(backend ? backend->reportScheduler() : nullptr);
    }
    m_reports->reload();
    m_reports->setCurrentAdvertiser(m_advertiserId);
    m_reports->show();
    m_reports->raise();
    m_reports->activateWindow();
    return m_reports;
}

SegmentHistoryDialog* MainWindow::openSegmentHistory()
{
    if (!m_form->hasSegment() || m_form->isNew())
        return nullptr;
    auto* dialog = new SegmentHistoryDialog(m_store, m_catalogue, m_form->base(), m_history->user(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSegmentNamer([this](const QString& id) {
        const core::Segment* s = m_model->find(id);
        return s ? s->name : QString();
    });
    connect(dialog, &SegmentHistoryDialog::failed, this, &MainWindow::reportError);
    connect(dialog, &SegmentHistoryDialog::restored, this, [this](const core::Segment& segment, const QString& message) {
        m_history->noteSegments({segment});
        onSegmentWritten(segment, message);
    });
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

ForecastOverviewDialog* MainWindow::openForecastOverview()
{
    if (!m_forecasts) {
        auto source = [this] { return m_analytics ? m_analytics() : AnalyticsBackend{}; };
        m_forecasts = new ForecastOverviewDialog(m_store, source, this);
        m_forecasts->setSaveFileChooser(
            [this](const QString& title, const QString& suggested, const QString& filter) {
                return m_chooseSaveFile(title, suggested, filter);
            });
        connect(m_forecasts, &ForecastOverviewDialog::segmentActivated, this, &MainWindow::showSegmentOf);
        connect(m_forecasts, &ForecastOverviewDialog::failed, this, &MainWindow::reportError);
        connect(m_forecasts, &ForecastOverviewDialog::succeeded, this,
                [this](const QString& message) { m_toasts->showSuccess(message); });
        connect(this, &MainWindow::advertiserChanged, m_forecasts, [this](const QString& id) {
            m_forecasts->setCurrentAdvertiser(id, m_advertisers->currentText());
        });
    }
    if (!m_forecasts->isVisible())
        m_forecasts->setCurrentAdvertiser(m_advertiserId, m_advertisers->currentText());
    m_forecasts->show();
    m_forecasts->raise();
    m_forecasts->activateWindow();
    return m_forecasts;
}

void MainWindow::showSegmentOf(const QString& advertiserId, const QString& segmentId)
{
    if (advertiserId == m_advertiserId) {
        if (segmentId == m_form->base().id && m_form->hasSegment())
            return;
        m_flow->whenReleased([this, segmentId] { m_flow->open(segmentId); });
        return;
    }
    const int index = m_advertisers->findData(advertiserId);
    if (index < 0)
        return;
    m_flow->whenReleased([this, advertiserId, segmentId, index] {
        m_openWhenLoaded = segmentId;
        {
            const QSignalBlocker block(m_advertisers);
            m_advertisers->setCurrentIndex(index);
        }
        showAdvertiser(advertiserId);
    });
}

void MainWindow::showAdvertiser(const QString& advertiserId)
{
    m_advertiserId = advertiserId;
    m_estimator->cancel();
    m_estimator->setAdvertiser(advertiserId);
    m_form->clear();
    m_reachPanel->clear();
    m_views->followSegment(nullptr);
    m_views->setSegments({});
    m_model->setSegments({});
    m_form->setOtherSegments({});
    m_form->setTakenNames({});
    if (!advertiserId.isEmpty()) {
        m_loader->loadSegments(advertiserId);
        emit advertiserChanged(advertiserId);
    }
    updateActions();
}

void MainWindow::onSegmentsLoaded(const QString& advertiserId, const QList<core::Segment>& segments)
{
    if (advertiserId != m_advertiserId)
        return;
    const QString shown = m_form->base().id;
    m_model->setSegments(segments);
    m_history->noteSegments(segments);
    m_flow->refreshFormContext();
    m_views->setSegments(segments);
    emit segmentListLoaded(advertiserId);
    if (m_compareWhenLoaded)
        m_views->compare(*std::exchange(m_compareWhenLoaded, std::nullopt));
    if (m_openWhenLoaded) {
        const QString wanted = *std::exchange(m_openWhenLoaded, std::nullopt);
        const QString id = wanted.isEmpty() ? m_listPane->visibleSegmentIds().value(0) : wanted;
        if (!id.isEmpty())
            m_flow->open(id);
        return;
    }
    m_listPane->selectSegment(shown);
}

void MainWindow::onSegmentWritten(const core::Segment& segment, const QString& message)
{
    if (segment.advertiserId == m_advertiserId) {
        m_model->upsert(segment);
        if (!segment.isDeleted())
            m_loader->loadReach({segment.id});
        m_flow->noteWritten(segment);
        m_views->noteWritten(segment);
        m_views->setSegments(m_model->segments());
    }
    m_toasts->showSuccess(message);
    updateActions();
}

void MainWindow::reportError(const core::Error& error, const QString& context)
{
    core::logging::logger("ui")->warn("{}: {}", context.toStdString(), error.toString().toStdString());
    m_toasts->showError(m_session ? m_session->explain(error) : error, context);
}

void MainWindow::exportSegments(bool csv)
{
    QList<core::Segment> segments;
    for (const QString& id : m_listPane->visibleSegmentIds()) {
        if (const core::Segment* s = m_model->find(id))
            segments.append(*s);
    }
    if (segments.isEmpty()) {
        m_toasts->showInfo(tr("There are no segments in the list to export."));
        return;
    }
    const auto format = csv ? SegmentFileExport::Format::Csv : SegmentFileExport::Format::Json;
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(QStringLiteral("segments.%1").arg(SegmentFileExport::suffix(format)));
    QString path = m_chooseSaveFile(csv ? tr("Export segments as CSV") : tr("Export segments as JSON"),
                                    suggested, SegmentFileExport::fileFilter(format));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + SegmentFileExport::suffix(format);
    ++m_exportsRunning;
    updateBusy();
    const int count = static_cast<int>(segments.size());
    SegmentFileExport::start(format, segments, path, m_catalogue, m_advertiserList)
        .then(this, [this, path, count](const core::Status& status) {
            --m_exportsRunning;
            updateBusy();
            if (status)
                m_toasts->showSuccess(
                    tr("Exported %1 to %2").arg(core::countOf(count, tr("segment"), tr("segments")), QDir::toNativeSeparators(path)));
            else
                reportError(status.error(), tr("Could not export the segments"));
        });
}

void MainWindow::updateActions()
{
    auto* a = m_actions;
    const bool hasAdvertiser = !m_advertiserId.isEmpty();
    const bool saved = m_form->hasSegment() && !m_form->isNew();
    const bool deleted = saved && m_form->base().isDeleted();
    // The role on the advertiser: the backend refuses what it does not allow; the window says why first.
    const core::AdvertiserRole role = m_roles.roleOf(m_advertiserId);
    const QString name = advertiserName(m_advertiserId);
    const QString cannotEdit =
        hasAdvertiser ? core::AccessRules::whyNot(role, core::AccessRules::Action::EditSegments, name) : QString();
    allowOrExplain(a->newSegment, hasAdvertiser, cannotEdit);
    allowOrExplain(a->save, m_flow->canSave(), cannotEdit);
    m_form->saveButton()->setEnabled(a->save->isEnabled());
    m_form->saveButton()->setToolTip(cannotEdit);
    allowOrExplain(a->duplicate, saved && !deleted, cannotEdit);
    allowOrExplain(a->remove, saved && !deleted, cannotEdit);
    allowOrExplain(a->restore, deleted, cannotEdit);
    const auto backend = m_session ? m_session->backend() : nullptr;
    const bool local = backend && backend->kind() == QLatin1String("local");
    const QString cannotGrant =
        !m_access || local
            ? tr("The local workspace has one user, you (%1), who owns every advertiser; roles are kept by a shared "
                 "workspace (Databricks, PostgreSQL or Lakebase)")
                  .arg(m_roles.principal.isEmpty() ? tr("the OS user") : m_roles.principal)
        : m_roles.principal.isEmpty() || !hasAdvertiser
            ? QString()
            : core::AccessRules::whyNot(role, core::AccessRules::Action::ManageAccess, name);
    allowOrExplain(a->manageAccess, hasAdvertiser && m_access && !local, cannotGrant);
    a->showHistory->setEnabled(saved);
    a->restore->setVisible(deleted || a->showDeleted->isChecked());
    a->undo->setEnabled(m_history->canUndo());
    a->redo->setEnabled(m_history->canRedo());
    const QString undoText = m_history->stack()->undoText();
    const QString redoText = m_history->stack()->redoText();
    a->undo->setText(undoText.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(undoText));
    a->redo->setText(redoText.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(redoText));
    a->exportCsv->setEnabled(hasAdvertiser);
    a->exportJson->setEnabled(hasAdvertiser);
    a->importEvents->setEnabled(!m_events->isBusy());
    a->importSegments->setEnabled(!m_segmentImport->isBusy());
    a->refreshMetrics->setEnabled(!m_events->isBusy());
    const auto selected = m_listPane->selectedSegmentIds().size();
    a->compareSelected->setEnabled(selected >= core::ComparisonRequest::kMinSegments &&
                                   selected <= core::ComparisonRequest::kMaxSegments);
    if (!m_session) { // without a session there is nothing to switch or check
        a->connectWorkspace->setEnabled(false);
        a->diagnostics->setEnabled(false);
        a->createTables->setEnabled(false);
    }
}

void MainWindow::updateBusy()
{
    const bool busy = m_loader->isBusy() || m_history->isBusy() || m_exportsRunning > 0;
    m_busy->setBusy(busy);
    if (busy)
        statusBar()->showMessage(m_history->isBusy()    ? tr("Saving…")
                                 : m_exportsRunning > 0 ? tr("Exporting…")
                                                        : tr("Loading…"));
    else
        statusBar()->clearMessage();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_closing || !m_form->isDirty()) {
        if (m_windowState) {
            m_listPane->show(); // the Compare tab hides it: its width is kept, not a zero
            m_windowState->save(*this, *m_splitter);
        }
        event->accept();
        return;
    }
    event->ignore();
    m_flow->whenReleased([this] {
        m_closing = true;
        QTimer::singleShot(0, this, &QWidget::close);
    });
}

} // namespace ui
