#include "databricks/http/api_error_decoder.h"

#include "databricks/http/api_errors.h"

namespace core {

Error ApiErrorDecoder::fromHttp(int status, const QByteArray& body, const QString& what) const
{
    return ApiErrors::fromHttp(status, body, what);
}

Error ApiErrorDecoder::fromNetwork(QNetworkReply::NetworkError error, const QString& errorString,
                                   const QString& what) const
{
    return ApiErrors::fromNetwork(error, errorString, what);
}

Error ApiErrorDecoder::timeout(const QString& what, qint64 afterMs) const
{
    return ApiErrors::timeout(what, afterMs);
}

bool ApiErrorDecoder::isCredentialRejected(int status, const QByteArray& body) const
{
    return ApiErrors::isCredentialRejected(status, body);
}

bool ApiErrorDecoder::isThrottled(int status, const QByteArray&) const
{
    return status == 429 || status == 503;
}

bool ApiErrorDecoder::isTransient(int status, const QByteArray&) const
{
    return status == 500 || status == 502 || status == 504;
}

std::shared_ptr<const ApiErrorDecoder> ApiErrorDecoder::databricks()
{
    static const auto decoder = std::make_shared<const ApiErrorDecoder>();
    return decoder;
}

} // namespace core
