#pragma once

#include <QByteArray>
#include <QFuture>
#include <QPointer>
#include <QString>

#include "common/result.h"

namespace core {

class ApiClient;

// Workspace files through the Workspace API: write = POST /api/2.0/workspace/mkdirs for the
// folder, then POST /api/2.0/workspace/import (format AUTO, content base64, overwrite), so a
// .sql file becomes a workspace file a job's SQL file task can run.
class WorkspaceFiles
{
public:
    explicit WorkspaceFiles(ApiClient* api);

    QFuture<Status> write(const QString& path, const QByteArray& bytes);
    // Removing a file that is not there is not an error.
    QFuture<Status> remove(const QString& path);

private:
    QPointer<ApiClient> m_api;
};

} // namespace core
