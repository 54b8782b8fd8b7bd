#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QToolBar;

namespace ui {

// Every action of the main window with its text, shortcut, icon and tooltip, and the menus
// and toolbar built from them. The window connects them; this class only declares them.
class MainWindowActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindowActions)

public:
    explicit MainWindowActions(QObject* parent = nullptr);

    // Adds the menus to the window's menu bar and returns the main toolbar (added too).
    QToolBar* install(QMainWindow& window);

    QAction* newSegment = nullptr;
    QAction* save = nullptr;
    QAction* exportCsv = nullptr;
    QAction* exportJson = nullptr;
    QAction* importSegments = nullptr;
    QAction* importEvents = nullptr;
    QAction* refreshMetrics = nullptr;
    QAction* quit = nullptr;
    QAction* undo = nullptr;
    QAction* redo = nullptr;
    QAction* duplicate = nullptr;
    QAction* remove = nullptr;
    QAction* restore = nullptr;
    QAction* find = nullptr;
    QAction* refresh = nullptr;
    QAction* showDeleted = nullptr;
    QAction* showEdit = nullptr;
    QAction* showDetail = nullptr;
    QAction* showCompare = nullptr;
    QAction* showActivate = nullptr;
    QAction* showExperiments = nullptr;
    QAction* compareSelected = nullptr;
    QAction* forecastAll = nullptr;
    QAction* reports = nullptr;
    QAction* showHistory = nullptr; // View ▸ History of the segment in the form
    // View ▸ Theme: System, Light, Dark (one checked: the current one).
    QAction* themeSystem = nullptr;
    QAction* themeLight = nullptr;
    QAction* themeDark = nullptr;
    QAction* connectWorkspace = nullptr;
    QAction* diagnostics = nullptr;
    QAction* createTables = nullptr;
    QAction* manageAccess = nullptr;
    QAction* about = nullptr;
    QAction* openLogFolder = nullptr;
};

} // namespace ui
