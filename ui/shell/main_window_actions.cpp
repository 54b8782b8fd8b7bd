#include "shell/main_window_actions.h"

#include "common/theme.h"

#include <QAction>
#include <QActionGroup>
#include <QIcon>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

namespace ui {

namespace {

QAction* make(QObject* parent, const QString& text, const QString& icon, const QKeySequence& shortcut,
              const QString& tip)
{
    auto* action = new QAction(text, parent);
    if (!icon.isEmpty())
        action->setIcon(Theme::icon(icon));
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    } else {
        action->setToolTip(tip);
    }
    action->setStatusTip(tip);
    return action;
}

} // namespace

MainWindowActions::MainWindowActions(QObject* parent) : QObject(parent)
{
    newSegment = make(this, tr("&New segment"), QStringLiteral("new"), QKeySequence(Qt::CTRL | Qt::Key_N),
                      tr("Start a new segment for this advertiser"));
    save = make(this, tr("&Save"), QStringLiteral("save"), QKeySequence(Qt::CTRL | Qt::Key_S),
                tr("Save the segment"));
    exportCsv = make(this, tr("Export segments as &CSV…"), QStringLiteral("export"), {},
                     tr("Write the segments in the list to a CSV file for spreadsheets"));
    exportJson = make(this, tr("Export segments as &JSON…"), QString(), {},
                      tr("Write the segments in the list to a JSON file that can be imported again"));
    importSegments =
        make(this, tr("Import &Segments…"), QStringLiteral("import"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
             tr("Add the segments of a JSON export (from Export segments as JSON… or segctl) to this workspace"));
    importEvents =
        make(this, tr("&Import Events…"), QStringLiteral("import"), QKeySequence(Qt::CTRL | Qt::Key_I),
             tr("Load an events CSV file (impressions, clicks, conversions) into the workspace"));
    refreshMetrics =
        make(this, tr("Refresh &Metrics"), QStringLiteral("refresh"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
             tr("Clean the events imported since the last refresh and update every segment's daily metrics"));
    reports = make(this, tr("&Reports…"), QStringLiteral("chart"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                   tr("Segment reports as PDF, HTML and CSV: preview, send now, schedule every week"));
    quit =
        make(this, tr("&Quit"), QString(), QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Close the application"));
    quit->setMenuRole(QAction::QuitRole);
    undo = make(this, tr("&Undo"), QStringLiteral("undo"), QKeySequence(Qt::CTRL | Qt::Key_Z),
                tr("Undo the last change"));
    redo = make(this, tr("&Redo"), QStringLiteral("redo"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
                tr("Redo the change last undone"));
    duplicate = make(this, tr("D&uplicate"), QStringLiteral("duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
                     tr("Save a copy of the selected segment"));
    remove = make(this, tr("&Delete…"), QStringLiteral("delete"), QKeySequence(QKeySequence::Delete),
                  tr("Delete the selected segment (it can be restored)"));
    // Del must not steal the key from text fields: only when the list has focus.
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    restore = make(this, tr("Res&tore"), QStringLiteral("restore"), {}, tr("Bring the deleted segment back"));
    find = make(this, tr("&Find…"), QStringLiteral("search"), QKeySequence(Qt::CTRL | Qt::Key_F),
                tr("Search the segments"));
    refresh = make(this, tr("Re&load"), QStringLiteral("refresh"), QKeySequence(QKeySequence::Refresh),
                   tr("Read the segments from the workspace again"));
    showDeleted = make(this, tr("Show &deleted segments"), QString(), {}, tr("List deleted segments too"));
    showDeleted->setCheckable(true);
    showEdit = make(this, tr("&Edit segment"), QStringLiteral("edit"), QKeySequence(Qt::CTRL | Qt::Key_1),
                    tr("Show the segment's form and live reach"));
    showDetail =
        make(this, tr("Segment de&tail"), QStringLiteral("chart"), QKeySequence(Qt::CTRL | Qt::Key_2),
             tr("Show the segment's KPIs, metrics over time and reach"));
    showCompare = make(this, tr("Com&pare segments"), QStringLiteral("compare"),
                       QKeySequence(Qt::CTRL | Qt::Key_3), tr("Compare 2–6 segments side by side"));
    showActivate = make(this, tr("&Activate segment"), QStringLiteral("cloud"), QKeySequence(Qt::CTRL | Qt::Key_4),
                        tr("Send the segment to Google Ads or Meta: who can be matched, the file, syncs"));
    showExperiments = make(this, tr("E&xperiments"), QStringLiteral("experiment"), QKeySequence(Qt::CTRL | Qt::Key_5),
                           tr("The segment's A/B experiments: create one, read its results and uplift"));
    compareSelected =
        make(this, tr("&Compare selected"), QStringLiteral("compare"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
             tr("Compare the 2–6 segments selected in the list (Ctrl+click to select several)"));
    forecastAll = make(this, tr("&Forecast All Segments…"), QStringLiteral("chart"),
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
                       tr("Forecast every segment's daily metric in the background, with ranges and backtests"));
    showHistory = make(this, tr("&History…"), QString(), QKeySequence(Qt::CTRL | Qt::Key_H),
                       tr("Every version of the segment: who changed what and when, the difference of any two, "
                          "restore one"));
    connectWorkspace = make(this, tr("&Connect to Workspace…"), QStringLiteral("cloud"),
                            QKeySequence(QStringLiteral("Ctrl+Shift+O")),
                            tr("Switch between the local workspace and a Databricks connection"));
    diagnostics = make(this, tr("&Diagnostics…"), QString(), QKeySequence(QStringLiteral("Ctrl+Shift+D")),
                       tr("Check the connection step by step: host, credentials, warehouse, tables, privileges"));
    createTables = make(this, tr("Create &Tables…"), QString(), {},
                        tr("Create the Databricks schema and tables the app needs (existing data is kept)"));
    manageAccess = make(this, tr("&Access…"), QString(), {},
                        tr("Who may see and change this advertiser: viewers, editors and owners"));
    about = make(this, tr("&About Segment Builder"), QStringLiteral("info"), {}, tr("Version and licence"));
    about->setMenuRole(QAction::AboutRole);
    openLogFolder = make(this, tr("Open &log folder"), QString(), {},
                         tr("Open the folder with the log files, for support"));
}

QToolBar* MainWindowActions::install(QMainWindow& window)
{
    QMenuBar* bar = window.menuBar();
    QMenu* file = bar->addMenu(tr("&File"));
    file->addAction(newSegment);
    file->addAction(save);
    file->addSeparator();
    file->addAction(exportCsv);
    file->addAction(exportJson);
    file->addAction(importSegments);
    file->addSeparator();
    file->addAction(importEvents);
    file->addAction(refreshMetrics);
    file->addSeparator();
    file->addAction(reports);
    file->addSeparator();
    file->addAction(quit);

    QMenu* edit = bar->addMenu(tr("&Edit"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(duplicate);
    edit->addAction(remove);
    edit->addAction(restore);
    edit->addSeparator();
    edit->addAction(find);

    QMenu* view = bar->addMenu(tr("&View"));
    view->addAction(showEdit);
    view->addAction(showDetail);
    view->addAction(showCompare);
    view->addAction(showActivate);
    view->addAction(showExperiments);
    view->addAction(compareSelected);
    view->addAction(forecastAll);
    view->addAction(showHistory);
    view->addSeparator();
    view->addAction(showDeleted);
    view->addAction(refresh);
    view->addSeparator();
    QMenu* theme = view->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    themeSystem = theme->addAction(tr("As the &Desktop"));
    themeLight = theme->addAction(tr("&Light"));
    themeDark = theme->addAction(tr("D&ark"));
    for (QAction* t : {themeSystem, themeLight, themeDark}) {
        t->setCheckable(true);
        themes->addAction(t);
    }
    switch (Theme::current()) {
    case Theme::Choice::System: themeSystem->setChecked(true); break;
    case Theme::Choice::Light: themeLight->setChecked(true); break;
    case Theme::Choice::Dark: themeDark->setChecked(true); break;
    }

    QMenu* connection = bar->addMenu(tr("&Connection"));
    connection->addAction(connectWorkspace);
    connection->addAction(diagnostics);
    connection->addAction(createTables);
    connection->addSeparator();
    connection->addAction(manageAccess);

    QMenu* help = bar->addMenu(tr("&Help"));
    help->addAction(about);
    help->addAction(openLogFolder);

    QToolBar* toolbar = window.addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(18, 18));
    toolbar->addAction(newSegment);
    toolbar->addAction(save);
    toolbar->addSeparator();
    toolbar->addAction(undo);
    toolbar->addAction(redo);
    toolbar->addSeparator();
    toolbar->addAction(duplicate);
    toolbar->addAction(remove);
    toolbar->addAction(restore);
    toolbar->addSeparator();
    toolbar->addAction(exportCsv);
    toolbar->addSeparator();
    toolbar->addAction(compareSelected);
    return toolbar;
}

} // namespace ui
