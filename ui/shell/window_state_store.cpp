#include "shell/window_state_store.h"

#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

namespace ui {

namespace {
const QString kGroup = QStringLiteral("ui");
const QString kGeometry = QStringLiteral("mainWindow/geometry");
const QString kState = QStringLiteral("mainWindow/state");
const QString kSplitter = QStringLiteral("mainWindow/splitter");
} // namespace

WindowStateStore::WindowStateStore(QSettings& settings) : m_settings(settings) {}

void WindowStateStore::restore(QMainWindow& window, QSplitter& splitter) const
{
    m_settings.beginGroup(kGroup);
    const QByteArray geometry = m_settings.value(kGeometry).toByteArray();
    const QByteArray state = m_settings.value(kState).toByteArray();
    const QByteArray split = m_settings.value(kSplitter).toByteArray();
    m_settings.endGroup();
    if (!geometry.isEmpty())
        window.restoreGeometry(geometry);
    if (!state.isEmpty())
        window.restoreState(state);
    if (!split.isEmpty())
        splitter.restoreState(split);
}

void WindowStateStore::save(const QMainWindow& window, const QSplitter& splitter)
{
    m_settings.beginGroup(kGroup);
    m_settings.setValue(kGeometry, window.saveGeometry());
    m_settings.setValue(kState, window.saveState());
    m_settings.setValue(kSplitter, splitter.saveState());
    m_settings.endGroup();
}

} // namespace ui
