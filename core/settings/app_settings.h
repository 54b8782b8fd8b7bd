#pragma once

#include <QString>

class QSettings;

namespace core {

// Typed access to the app's settings over a QSettings it is handed (tests pass a
// temporary file). Never holds secrets.
class AppSettings
{
public:
    explicit AppSettings(QSettings& settings);

    QString workspacePath() const; // empty: the default workspace
    void setWorkspacePath(const QString& path);

    QString lastAdvertiserId() const;
    void setLastAdvertiserId(const QString& id);

    QString userName() const; // who edits: defaults to the login name
    void setUserName(const QString& name);

    // "system" (the default), "light" or "dark": the window's colours, applied at start.
    QString theme() const;
    void setTheme(const QString& theme);

private:
    QSettings& m_settings;
};

} // namespace core
