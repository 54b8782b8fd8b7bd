#pragma once

// Files in the emulated workspace: Unity Catalog volumes through the Files API
// (PUT/GET/DELETE /api/2.0/fs/files/Volumes/<catalog>/<schema>/<volume>/<path>) and workspace
// files through the Workspace API (POST /api/2.0/workspace/import, mkdirs, delete; GET
// get-status), which scheduled SQL file tasks read.

#include <optional>

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QUrlQuery>

#include "emulator_http.h"

namespace emulator {

class EmulatedFiles
{
public:
    // Volumes come from CREATE VOLUME (or a test): "catalog.schema.volume", any case.
    void addVolume(const QString& qualifiedName);
    bool hasVolumeFor(const QString& volumePath) const; // "/Volumes/c/s/v/..."

    // Files API. path: the file's absolute path ("/Volumes/..."). canWrite: the caller's WRITE VOLUME.
    HttpResponse put(const QString& path, const QUrlQuery& query, const QByteArray& body, bool canWrite);
    HttpResponse get(const QString& path) const;
    HttpResponse remove(const QString& path, bool canWrite);
    std::optional<QByteArray> volumeFile(const QString& path) const;
    // INSERT OVERWRITE DIRECTORY: the folder's files (and those below it) give way to these (name → bytes).
    void replaceDirectory(const QString& folder, const QHash<QString, QByteArray>& files);
    QStringList volumeFiles() const;

    // Workspace API (JSON bodies as documented).
    HttpResponse workspaceImport(const QByteArray& body);
    HttpResponse workspaceMkdirs(const QByteArray& body);
    HttpResponse workspaceDelete(const QByteArray& body);
    HttpResponse workspaceStatus(const QUrlQuery& query) const;
    std::optional<QByteArray> workspaceFile(const QString& path) const;

private:
    QSet<QString> m_volumes; // lower case
    QHash<QString, QByteArray> m_files;
    QHash<QString, QByteArray> m_workspaceFiles;
    QSet<QString> m_workspaceDirs{QStringLiteral("/")};

    static QString volumeOf(const QString& path); // "c.s.v" (lower case) or empty
};

} // namespace emulator
