#include "settings/app_settings.h"

#include <QSettings>

namespace core {

namespace {
const QString kWorkspacePath = QStringLiteral("workspace/path");
const QString kLastAdvertiser = QStringLiteral("workspace/lastAdvertiser");
const QString kUserName = QStringLiteral("user/name");
const QString kTheme = QStringLiteral("window/theme");
} // namespace

AppSettings::AppSettings(QSettings& settings) : m_settings(settings) {}

QString AppSettings::workspacePath() const { return m_settings.value(kWorkspacePath).toString(); }
void AppSettings::setWorkspacePath(const QString& path) { m_settings.setValue(kWorkspacePath, path); }

QString AppSettings::lastAdvertiserId() const { return m_settings.value(kLastAdvertiser).toString(); }
void AppSettings::setLastAdvertiserId(const QString& id) { m_settings.setValue(kLastAdvertiser, id); }

QString AppSettings::userName() const
{
    QString name = m_settings.value(kUserName).toString();
    if (name.isEmpty())
        name = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME", QStringLiteral("local-user")));
    return name;
}
void AppSettings::setUserName(const QString& name) { m_settings.setValue(kUserName, name); }

QString AppSettings::theme() const { return m_settings.value(kTheme, QStringLiteral("system")).toString(); }
void AppSettings::setTheme(const QString& theme) { m_settings.setValue(kTheme, theme); }

} // namespace core
