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

} // namespace core
