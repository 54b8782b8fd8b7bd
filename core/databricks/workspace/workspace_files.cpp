#include "databricks/workspace/workspace_files.h"

#include <QJsonObject>

#include "databricks/http/api_client.h"

namespace core {

WorkspaceFiles::WorkspaceFiles(ApiClient* api) : m_api(api) {}

QFuture<Status> WorkspaceFiles::write(const QString& path, const QByteArray& bytes)
{
    if (!m_api)
        return QtFuture::makeReadyFuture(
            Status(Error::internal(QStringLiteral("WorkspaceFiles without an ApiClient"))));
    QPointer<ApiClient> api = m_api;
    const QString folder = path.section(QLatin1Char('/'), 0, -2);
    return api
        ->send(ApiRequest::post(QStringLiteral("/api/2.0/workspace/mkdirs"),
                                QJsonObject{{QStringLiteral("path"), folder}},
                                QStringLiteral("create the workspace folder %1").arg(folder), true))
        .then([api, path, bytes](Result<ApiResponse> made) -> QFuture<Result<ApiResponse>> {
            if (!made || !api)
                return QtFuture::makeReadyFuture(
                    made ? Result<ApiResponse>(Error::internal(QStringLiteral("ApiClient destroyed")))
                         : made);
            const QJsonObject body{{QStringLiteral("path"), path},
                                   {QStringLiteral("format"), QStringLiteral("AUTO")},
                                   {QStringLiteral("overwrite"), true},
                                   {QStringLiteral("content"), QString::fromLatin1(bytes.toBase64())}};
            return api->send(ApiRequest::post(QStringLiteral("/api/2.0/workspace/import"), body,
                                              QStringLiteral("write the workspace file %1").arg(path), true));
        })
        .unwrap()
        .then([](Result<ApiResponse> r) -> Status {
            if (!r)
                return r.error();
            return success();
        });
}

QFuture<Status> WorkspaceFiles::remove(const QString& path)
{
    if (!m_api)
        return QtFuture::makeReadyFuture(
            Status(Error::internal(QStringLiteral("WorkspaceFiles without an ApiClient"))));
    return m_api
        ->send(ApiRequest::post(QStringLiteral("/api/2.0/workspace/delete"),
                                QJsonObject{{QStringLiteral("path"), path}},
                                QStringLiteral("remove the workspace file %1").arg(path), true))
        .then([](Result<ApiResponse> r) -> Status {
            if (!r && r.error().kind != ErrorKind::NotFound)
                return r.error();
            return success();
        });
}

} // namespace core
