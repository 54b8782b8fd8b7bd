#include "databricks/http/api_request.h"

namespace core {

ApiRequest ApiRequest::get(QString path, QString what)
{
    ApiRequest r;
    r.method = Method::Get;
    r.path = std::move(path);
    r.what = std::move(what);
    r.idempotent = true;
    return r;
}

ApiRequest ApiRequest::post(QString path, QJsonObject body, QString what, bool idempotent)
{
    ApiRequest r;
    r.method = Method::Post;
    r.path = std::move(path);
    r.body = std::move(body);
    r.what = std::move(what);
    r.idempotent = idempotent;
    return r;
}

ApiRequest ApiRequest::put(QString path, QByteArray body, QString what)
{
    ApiRequest r;
    r.method = Method::Put;
    r.path = std::move(path);
    r.rawBody = std::move(body);
    r.what = std::move(what);
    r.idempotent = true;
    return r;
}

ApiRequest ApiRequest::remove(QString path, QString what)
{
    ApiRequest r;
    r.method = Method::Delete;
    r.path = std::move(path);
    r.what = std::move(what);
    r.idempotent = true;
    return r;
}

ApiRequest ApiRequest::removeWithBody(QString path, QJsonObject body, QString what, bool idempotent)
{
    ApiRequest r;
    r.method = Method::Delete;
    r.path = std::move(path);
    r.body = std::move(body);
    r.what = std::move(what);
    r.idempotent = idempotent;
    return r;
}

} // namespace core
