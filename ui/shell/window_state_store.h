#pragma once

#include <QString>

class QMainWindow;
class QSettings;
class QSplitter;

namespace ui {

// Saves and restores window geometry and splitter positions in the "ui" group of the
// QSettings it is handed. The only place in ui/ that touches QSettings.
class WindowStateStore
{
public:
    explicit WindowStateStore(QSettings& settings);

    void restore(QMainWindow& window, QSplitter& splitter) const;
    void save(const QMainWindow& window, const QSplitter& splitter);

private:
    QSettings& m_settings;
};

} // namespace ui
