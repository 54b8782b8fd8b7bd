#include "databricks/files/volume_files.h"

#include "databricks/http/api_client.h"

namespace core {

namespace {

QFuture<Status> asStatus(QFuture<Result<ApiResponse>> call)
{
    return call.then([](Result<ApiResponse> r) -> Status {
        if (!r)
            return r.error();
        return success();
    });
}

Status noClient()
{
    return Error::internal(QStringLiteral("VolumeFiles used without an ApiClient"));
}

} // namespace

VolumeFiles::VolumeFiles(ApiClient* api) : m_api(api) {}

QFuture<Status> VolumeFiles::upload(const QString& path, const QByteArray& bytes)
{
    if (!m_api)
        return QtFuture::makeReadyFuture(noClient());
    ApiRequest request = ApiRequest::put(QStringLiteral("/api/2.0/fs/files") + path, bytes,
                                         QStringLiteral("upload %1").arg(path));
    request.query.addQueryItem(QStringLiteral("overwrite"), QStringLiteral("true"));
    return asStatus(m_api->send(request));
}

QFuture<Status> VolumeFiles::remove(const QString& path)
{
    if (!m_api)
        return QtFuture::makeReadyFuture(noClient());
    return asStatus(m_api->send(ApiRequest::remove(QStringLiteral("/api/2.0/fs/files") + path,
                                                   QStringLiteral("remove %1").arg(path))));
}

} // namespace core
