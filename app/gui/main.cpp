// segment-builder: the composition root. Builds the catalogue, the workspace store, the
// settings and the main window, and wires them. No logic of its own beyond start-up.

#include <cstdio>

#include <spdlog/spdlog.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPixmap>
#include <QPointer>
#include <QProgressDialog>
#include <QSettings>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "domain/comparison_request.h"
#include "common/future_wait.h"
#include "demo/demo_generator.h"
#include "domain/catalogue.h"
#include "forecast/forecast_overview_dialog.h"
#include "segments/segment_history_dialog.h"
#include "keychain_secret_store.h"
#include "logging/logging.h"
#include "shell/main_window.h"
#include "segments/segment_views.h"
#include "settings/app_paths.h"
#include "settings/app_settings.h"
#include "startup_probe.h"
#include "common/toast_overlay.h"
#include "shell/window_state_store.h"
#include "workspace/workspace_session.h"
#include "common/theme.h"
#include "activation/activation_panel.h"
#include "activation/sync/audience_sync_state.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitInvalidInput = 2; // as segctl: e.g. --advertiser names none in the workspace
constexpr int kExitStartup = 3;
constexpr int kExitScreenshot = 4;

struct Options
{
    QString workspace;
    QString theme; // empty: the saved choice
    QString screenshot;
    QString view = QStringLiteral("list");
    QString advertiser;
    QString segment;
    QStringList segments;  // --segments: for --view compare (2–6) or detail (one)
    bool forecast = false; // --forecast: the charts of detail and compare show their forecasts
    QString profile;
    QString postgres;
    QString lakebase;
    bool startupProbe = false;
};

void printError(const QString& text)
{
    std::fprintf(stderr, "segment-builder: %s\n", qPrintable(text));
}

// Logs the error and shows it: a message box normally, stderr only when rendering a screenshot.
void reportFatal(const QString& what, const core::Error& error, bool interactive)
{
    core::logging::logger("ui")->error("{}: {}", what.toStdString(), error.toString().toStdString());
    printError(QStringLiteral("%1: %2").arg(what, error.toString()));
    if (!interactive)
        return;
    QMessageBox box(QMessageBox::Critical, QObject::tr("Segment Builder"),
                    QStringLiteral("%1\n\n%2").arg(what, error.userMessage));
    box.setInformativeText(error.remediation);
    box.setDetailedText(error.detail);
    box.exec();
}

std::optional<Options> parseOptions(const QApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QObject::tr("Advertiser Segment Builder: define audience segments and see their reach."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(
        QStringLiteral("workspace"),
        QObject::tr("Local workspace file to open (created with demo data when missing)."),
        QStringLiteral("PATH"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QObject::tr("Render the window to FILE.png once the data has loaded, then exit."),
        QStringLiteral("FILE.png"));
    const QCommandLineOption view(
        QStringLiteral("view"),
        QObject::tr("What to show first: the list alone, the form of a segment (the default: the first one "
                    "unless --segment names one), a segment's detail, a comparison, every segment "
                    "forecast (View ▸ Forecast All Segments, with backtests), or the segment's history "
                    "(View ▸ History: its last two versions compared)."),
        QStringLiteral("list|form|detail|activate|experiments|compare|forecasts|history"), QStringLiteral("form"));
    const QCommandLineOption segments(
        QStringLiteral("segments"),
        QObject::tr("Segments to compare (--view compare: 2–6 ids) or to show (--view detail: one id)."),
        QStringLiteral("ID,ID,..."));
    const QCommandLineOption advertiser(QStringLiteral("advertiser"),
                                        QObject::tr("Advertiser to show first."), QStringLiteral("ID"));
    const QCommandLineOption segment(
        QStringLiteral("segment"),
        QObject::tr("Segment to open in the form (its advertiser is shown; implies --view form)."),
        QStringLiteral("ID"));
    const QCommandLineOption profile(
        QStringLiteral("profile"),
        QObject::tr("Connect to Databricks with this profile of ~/.databrickscfg (or DATABRICKS_CONFIG_FILE) "
                    "instead of the local workspace."),
        QStringLiteral("NAME"));
    const QCommandLineOption postgres(
        QStringLiteral("postgres"),
        QObject::tr("Work on this PostgreSQL database (a libpq connection string; the password from PGPASSWORD or "
                    "~/.pgpass)."),
        QStringLiteral("CONNINFO"));
    const QCommandLineOption lakebase(
        QStringLiteral("lakebase"),
        QObject::tr("Work on this Lakebase database instance of the Databricks workspace --profile names."),
        QStringLiteral("INSTANCE"));
    QCommandLineOption startupProbe(
        QStringLiteral("startup-probe"),
        QObject::tr("Print start-up times (first-paint-ms, list-ready-ms) on stdout, then exit."));
    startupProbe.setFlags(QCommandLineOption::HiddenFromHelp); // for tests/bench/startup_bench.sh
    const QCommandLineOption forecast(
        QStringLiteral("forecast"),
        QObject::tr(
            "Show forecasts on the charts of the detail and compare views (with --view detail|compare)."));
    const QCommandLineOption theme(
        QStringLiteral("theme"),
        QObject::tr("The window's colours: the desktop's (system, the default, or View ▸ Theme), light or dark."),
        QStringLiteral("system|light|dark"));
    parser.addOptions({workspace, screenshot, view, advertiser, segment, segments, forecast, profile, postgres,
                       lakebase, theme, startupProbe});
    parser.process(app);

    Options o;
    o.workspace = parser.value(workspace);
    o.screenshot = parser.value(screenshot);
    o.view = parser.value(view);
    o.forecast = parser.isSet(forecast);
    o.advertiser = parser.value(advertiser);
    o.segment = parser.value(segment);
    for (const QString& id : parser.value(segments).split(QLatin1Char(','), Qt::SkipEmptyParts))
        o.segments.append(id.trimmed());
    o.profile = parser.value(profile);
    o.postgres = parser.value(postgres).trimmed();
    o.lakebase = parser.value(lakebase).trimmed();
    o.startupProbe = parser.isSet(startupProbe);
    o.theme = parser.value(theme).trimmed();
    if (!o.theme.isEmpty() && !ui::Theme::parse(o.theme)) {
        printError(QObject::tr("--theme must be \"system\", \"light\" or \"dark\", not \"%1\".").arg(o.theme));
        return std::nullopt;
    }
    if (!o.postgres.isEmpty() && (!o.workspace.isEmpty() || !o.profile.isEmpty() || !o.lakebase.isEmpty())) {
        printError(QObject::tr("--postgres names the whole connection; it excludes --workspace, --profile and --lakebase."));
        return std::nullopt;
    }
    if (!o.lakebase.isEmpty() && o.profile.isEmpty()) {
        printError(QObject::tr("--lakebase needs --profile: the Databricks workspace the instance belongs to."));
        return std::nullopt;
    }
    if (!o.profile.isEmpty() && !o.workspace.isEmpty()) {
        printError(QObject::tr("--profile (Databricks) and --workspace (a local file) exclude each other."));
        return std::nullopt;
    }
    const QStringList views{QStringLiteral("list"), QStringLiteral("form"), QStringLiteral("detail"), QStringLiteral("activate"),
                            QStringLiteral("experiments"), QStringLiteral("compare"), QStringLiteral("forecasts"),
                            QStringLiteral("history")};
    if (!views.contains(o.view)) {
        printError(QObject::tr("--view must be \"list\", \"form\", \"detail\", \"activate\", \"experiments\", "
                               "\"compare\", \"forecasts\" or \"history\", not \"%1\".")
                       .arg(o.view));
        return std::nullopt;
    }
    if (o.view == QLatin1String("compare")) {
        if (const core::Status valid = core::ComparisonRequest{o.segments, {}}.validate(); !valid) {
            printError(QObject::tr("--view compare needs --segments with 2–6 different segment ids: %1")
                           .arg(valid.error().userMessage));
            return std::nullopt;
        }
    } else if (o.view == QLatin1String("detail") && !o.segments.isEmpty()) {
        if (o.segments.size() != 1 || !o.segment.isEmpty()) {
            printError(
                QObject::tr("--view detail shows one segment: give its id with --segment or --segments."));
            return std::nullopt;
        }
        o.segment = o.segments.takeFirst();
    } else if (!o.segments.isEmpty()) {
        printError(QObject::tr("--segments goes with --view compare or --view detail."));
        return std::nullopt;
    }
    return o;
}

// Builds the demo workspace on a worker while a progress dialog shows the steps.
core::Status createDemoWorkspace(const QString& path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QProgressDialog dialog(QObject::tr("Creating the demo workspace…"), QString(), 0, 100);
    dialog.setWindowTitle(QObject::tr("Segment Builder — first start"));
    dialog.setCancelButton(nullptr);
    dialog.setMinimumDuration(0);
    dialog.setMinimumWidth(460);
    dialog.setValue(0);
    QPointer<QProgressDialog> guard(&dialog);
    auto progress = [guard](int percent, const QString& step) {
        QMetaObject::invokeMethod(
            qApp,
            [guard, percent, step] {
                if (!guard)
                    return;
                guard->setValue(qBound(0, percent, 99));
                guard->setLabelText(QObject::tr("Creating the demo workspace…\n%1").arg(step));
            },
            Qt::QueuedConnection);
    };
    // awaitFuture keeps the event loop running: the dialog paints and the window system is served.
    return core::awaitFuture(QtConcurrent::run([path, progress] {
        return core::DemoGenerator::createWorkspace(path, core::DemoOptions{}, progress);
    }));
}

// Waits (without blocking) until the window has loaded everything, then saves it as a PNG.
// forecasts: once the window has loaded, open Forecast All Segments (every advertiser, with
// backtests), run it and render the dialog instead. history: open View ▸ History of the segment
// in the form and render that dialog once it has read the versions.
void scheduleScreenshot(ui::MainWindow& window, const QString& file, bool forecasts, bool history = false)
{
    QPointer<ui::ForecastOverviewDialog> dialog;
    QPointer<ui::SegmentHistoryDialog> historyDialog;
    auto* poll = new QTimer(&window);
    auto clock = std::make_shared<QElapsedTimer>(); // freed with the timer's slot, whichever way the app ends
    clock->start();
    auto settledTicks = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, file, poll, clock, settledTicks, forecasts, history,
                                                       dialog, historyDialog]() mutable {
        if (clock->elapsed() > 60000) {
            poll->stop();
            printError(
                QObject::tr("the workspace did not finish loading within 60 s; no screenshot written."));
            QCoreApplication::exit(kExitScreenshot);
            return;
        }
        if (forecasts && !dialog && window.isSettled()) {
            dialog = window.openForecastOverview();
            dialog->scopeBox()->setCurrentIndex(dialog->scopeBox()->findData(QString()));
            dialog->backtestBox()->setChecked(true);
            dialog->start();
        }
        if (history && !historyDialog && window.isSettled()) {
            historyDialog = window.openSegmentHistory();
            if (!historyDialog) {
                poll->stop();
                    printError(QObject::tr("--view history needs a saved segment to show; no screenshot written."));
                QCoreApplication::exit(kExitScreenshot);
                return;
            }
        }
        const bool settled = window.isSettled() && (!forecasts || (dialog && !dialog->isBusy())) &&
                             (!history || (historyDialog && !historyDialog->isBusy()));
        *settledTicks = settled ? *settledTicks + 1 : 0;
        if (*settledTicks < 3) // settled for a few ticks: layouts and repaints done
            return;
        poll->stop();
        const QPixmap pixmap = forecasts ? dialog->grab() : history ? historyDialog->grab() : window.grab();
        if (pixmap.isNull() || !pixmap.save(file, "PNG")) {
            printError(QObject::tr("could not write the screenshot to %1.").arg(file));
            QCoreApplication::exit(kExitScreenshot);
            return;
        }
        std::fprintf(stdout, "%s\n", qPrintable(file));
        QCoreApplication::exit(kExitOk);
    });
    poll->start(50);
}

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer startClock; // first: --startup-probe measures from here (plus the time before main)
    startClock.start();
    QApplication app(argc, argv);
    core::AppPaths::setApplicationIdentity();
    QApplication::setApplicationDisplayName(QObject::tr("Segment Builder"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/segment-builder.svg")));

    const auto options = parseOptions(app);
    if (!options)
        return kExitUsage;
    const bool interactive = options->screenshot.isEmpty() && !options->startupProbe;
    std::unique_ptr<StartupProbe> probe;
    if (options->startupProbe)
        probe = std::make_unique<StartupProbe>(startClock);

    core::logging::initialize(core::AppPaths::logDir());
    auto log = core::logging::logger("ui");

    auto catalogue = core::Catalogue::load();
    if (!catalogue) {
        reportFatal(QObject::tr("The criteria catalogue could not be loaded."), catalogue.error(),
                    interactive);
        return kExitStartup;
    }

    QSettings settings;
    core::AppSettings appSettings(settings);
    // Colours first: every widget reads the palette when it is made.
    ui::Theme::apply(ui::Theme::parse(options->theme.isEmpty() ? appSettings.theme() : options->theme)
                         .value_or(ui::Theme::Choice::System));
    core::WorkspaceChoice choice = core::WorkspaceChoice::load(settings);
    if (!options->workspace.isEmpty())
        choice = core::WorkspaceChoice::local(options->workspace);
    else if (!options->postgres.isEmpty())
        choice = core::WorkspaceChoice::postgres(options->postgres);
    else if (!options->lakebase.isEmpty())
        choice = core::WorkspaceChoice::lakebase(options->profile, options->lakebase);
    else if (!options->profile.isEmpty())
        choice = core::WorkspaceChoice::databricks(options->profile);

    // The local workspace: the default one is created with demo data on first start.
    auto prepareLocal = [&](core::WorkspaceChoice& local) -> bool {
        if (local.localPath.isEmpty())
            local.localPath = core::AppPaths::defaultWorkspacePath();
        local.localPath = QFileInfo(local.localPath).absoluteFilePath();
        if (QFileInfo::exists(local.localPath))
            return true;
        log->info("creating the demo workspace at {}", local.localPath.toStdString());
        const core::Status created = createDemoWorkspace(local.localPath);
        if (!created)
            reportFatal(QObject::tr("The demo workspace could not be created at %1.").arg(local.localPath),
                        created.error(), interactive);
        return created.ok();
    };
    if (choice.isLocal() && !prepareLocal(choice))
        return kExitStartup;

    // Shared workspaces keep their offline changes and read cache beside the settings (it
    // outlives the session). Without it they work online only.
    std::unique_ptr<core::Outbox> outbox;
    if (auto opened = core::Outbox::open(core::Outbox::defaultPath()); opened)
        outbox = std::move(opened).value();
    else
        log->warn("outbox: {}", opened.error().toString().toStdString());
    QNetworkAccessManager network;
    secrets::KeychainSecretStore keychain;
    core::DatabricksConnectionOptions databricksOptions;
    databricksOptions.network = &network;
    databricksOptions.secrets = &keychain;
    databricksOptions.openBrowser = [](const QUrl& url) { QDesktopServices::openUrl(url); };
    databricksOptions.provisionCommand = QObject::tr("Connection ▸ Create Tables");
    core::WorkspaceSession session(catalogue.value(), databricksOptions,
                                   core::DatabricksConfigResolver::forThisProcess());
    if (outbox)
        session.setOutbox(outbox.get());

    // The window is built and painted while the store opens; its first requests wait for it.
    std::optional<core::Error> connectionProblem;
    if (const core::Status activated = session.activate(choice); !activated) {
        reportFatal(QObject::tr("Could not connect to %1.").arg(choice.describe()), activated.error(), false);
        if (!interactive)
            return kExitStartup;
        // Interactive: the shared workspace stays the chosen one, offline with its cache and
        // outbox, and the toast says why (the connection dialog can fix the profile). Never the
        // local workspace instead, where edits would look shared. Without an outbox: locally.
        connectionProblem = activated.error();
        if (choice.isLocal() || !session.activateOffline(choice, activated.error())) {
            choice = core::WorkspaceChoice::local(QString());
            if (!prepareLocal(choice) || !session.activate(choice))
                return kExitStartup;
        }
    }
    const QString workspace = choice.isLocal() ? choice.localPath : choice.describe();
    session.store().whenOpened().then(
        &app, [&session, workspace, interactive, log](const core::Status& opened) {
            if (opened) {
                log->info("opened {}", session.store().displayName().toStdString());
                return;
            }
            reportFatal(QObject::tr("The workspace %1 could not be opened.").arg(workspace), opened.error(),
                        interactive);
            QCoreApplication::exit(kExitStartup);
        });
    if (interactive) { // remember where the user works, never a secret
        QObject::connect(&session, &core::WorkspaceSession::activated, &app,
                         [&settings](const core::WorkspaceChoice& chosen) { chosen.save(settings); });
    }
    core::SegmentStore& store = session.store();

    ui::WindowStateStore windowState(settings);
    ui::MainWindow window(store, catalogue.value(), appSettings.userName());
    window.setLogFolder(core::AppPaths::logDir());
    // Activation: the destinations and their sent sets beside the settings, credentials in the
    // keychain. A state file that cannot be opened leaves the Activate tab with the file only.
    std::unique_ptr<core::AudienceSyncState> activationState;
    if (auto opened = core::AudienceSyncState::open(core::AudienceSyncState::defaultPath()); opened) {
        activationState = std::move(opened).value();
        auto endpoints = core::DestinationEndpoints::fromEnvironment();
        if (!endpoints)
            window.toasts()->showError(endpoints.error(), QObject::tr("The ad platforms' addresses are wrong"));
        window.views()->activation()->setServices(
            {activationState.get(), &keychain, endpoints ? endpoints.value() : core::DestinationEndpoints{}, &network});
    } else {
        log->warn("activation state: {}", opened.error().toString().toStdString());
    }
    window.setWorkspaceSession(&session);
    if (connectionProblem)
        window.toasts()->showError(*connectionProblem, choice.isLocal()
                                                           ? QObject::tr("Working on the local workspace instead")
                                                           : QObject::tr("Working offline on %1").arg(choice.describe()));
    if (interactive)
        window.setWindowStateStore(&windowState); // screenshots use the default size, not the user's
    QObject::connect(&window, &ui::MainWindow::advertiserChanged, &window,
                     [&appSettings](const QString& id) { appSettings.setLastAdvertiserId(id); });
    if (!interactive) { // a screenshot or probe of the wrong advertiser would mislead: stop
        QObject::connect(
            &window, &ui::MainWindow::requiredAdvertiserMissing, &app,
            [workspace](const QString& id, const QStringList& available) {
                printError(
                    available.isEmpty()
                        ? QObject::tr("there is no advertiser \"%1\" in %2 (it has none).").arg(id, workspace)
                        : QObject::tr("there is no advertiser \"%1\" in %2; it has: %3.")
                              .arg(id, workspace, available.join(QStringLiteral(", "))));
                QCoreApplication::exit(kExitInvalidInput);
            });
    }
    auto startWith = [&window, &appSettings, &options](const QString& advertiserId) {
        if (advertiserId.isEmpty())
            window.start(appSettings.lastAdvertiserId(), ui::MainWindow::AdvertiserChoice::Preferred);
        else
            window.start(advertiserId, ui::MainWindow::AdvertiserChoice::Required);
    };
    // Segments named on the command line name their advertiser: look them up, then start there.
    // In a screenshot an unknown or deleted one is an error (exit 2); interactively a toast.
    const QStringList wanted =
        !options->segment.isEmpty() ? QStringList{options->segment} : options->segments;
    if (options->view == QLatin1String("detail"))
        window.showView(ui::SegmentViews::View::Detail);
    else if (options->view == QLatin1String("activate"))
        window.showView(ui::SegmentViews::View::Activate);
    else if (options->view == QLatin1String("experiments"))
        window.showView(ui::SegmentViews::View::Experiments);
    if (options->forecast)
        window.views()->showForecasts();
    if (!wanted.isEmpty()) {
        QList<QFuture<core::Result<core::Segment>>> lookups;
        for (const QString& id : wanted)
            lookups.append(store.getSegment(id));
        QtFuture::whenAll(lookups.begin(), lookups.end())
            .then(&window, [&window, &options, startWith, workspace, interactive,
                            wanted](const QList<QFuture<core::Result<core::Segment>>>& done) {
                QString advertiser;
                for (int i = 0; i < done.size(); ++i) {
                    const core::Result<core::Segment> found = done[i].result();
                    std::optional<core::Error> problem;
                    if (!found)
                        problem = found.error();
                    else if (found.value().isDeleted() && options->view == QLatin1String("compare"))
                        problem = core::Error::validation(QStringLiteral("segment_deleted"),
                                                          QObject::tr("it was deleted"));
                    if (!problem) {
                        if (advertiser.isEmpty())
                            advertiser = found.value().advertiserId;
                        continue;
                    }
                    const QString what = QObject::tr("The segment %1 could not be opened").arg(wanted[i]);
                    core::logging::logger("ui")->warn("{}: {}", what.toStdString(),
                                                      problem->toString().toStdString());
                    if (!interactive) {
                        printError(found ? QObject::tr("the segment \"%1\" in %2 was deleted; restore it to "
                                                       "compare it.")
                                               .arg(wanted[i], workspace)
                                         : QObject::tr("there is no segment \"%1\" in %2 (%3).")
                                               .arg(wanted[i], workspace, problem->userMessage));
                        QCoreApplication::exit(kExitInvalidInput);
                        return;
                    }
                    window.toasts()->showError(*problem, what);
                    startWith(options->advertiser);
                    return;
                }
                if (options->view == QLatin1String("compare")) {
                    window.compareWhenLoaded(wanted); // the chooser lists --advertiser's, else the first's
                    startWith(options->advertiser.isEmpty() ? advertiser : options->advertiser);
                    return;
                }
                window.openSegmentWhenLoaded(wanted.first());
                startWith(advertiser);
            });
    } else {
        if (options->view == QLatin1String("form") || options->view == QLatin1String("detail") ||
            options->view == QLatin1String("activate") || options->view == QLatin1String("experiments") ||
            options->view == QLatin1String("history"))
            window.openSegmentWhenLoaded();
        startWith(options->advertiser);
    }
    if (probe) {
        probe->watch(window);
        QObject::connect(&window, &ui::MainWindow::segmentListLoaded, probe.get(), &StartupProbe::listReady);
    }
    window.show();

    if (!options->screenshot.isEmpty())
        scheduleScreenshot(window, options->screenshot, options->view == QLatin1String("forecasts"),
                           options->view == QLatin1String("history"));
    const int code = app.exec();
    log->info("exiting with code {}", code);
    return code;
}
