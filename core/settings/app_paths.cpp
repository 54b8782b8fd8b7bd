#include "settings/app_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace core {

void AppPaths::setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SegmentBuilder"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("segment-builder.local"));
    QCoreApplication::setApplicationName(QStringLiteral("segment-builder"));
}

QString AppPaths::dataDir() { return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation); }

QString AppPaths::defaultWorkspacePath() { return QDir(dataDir()).filePath(QStringLiteral("workspace.sqlite")); }

QString AppPaths::logDir() { return QDir(dataDir()).filePath(QStringLiteral("logs")); }

} // namespace core
