#pragma once

#include <QByteArray>
#include <QFuture>
#include <QPointer>
#include <QString>

#include "common/result.h"

namespace core {

class ApiClient;

// Files in Unity Catalog volumes through the Files API: PUT /api/2.0/fs/files{path} with the
// bytes as the body (overwrite=true, so a repeated upload is harmless), DELETE to remove.
// Paths are absolute volume paths, "/Volumes/<catalog>/<schema>/<volume>/<file>". A missing
// volume answers 404 NOT_FOUND, a missing WRITE VOLUME grant 403.
class VolumeFiles
{
public:
    explicit VolumeFiles(ApiClient* api);

    QFuture<Status> upload(const QString& path, const QByteArray& bytes);
    QFuture<Status> remove(const QString& path);

private:
    QPointer<ApiClient> m_api;
};

} // namespace core
