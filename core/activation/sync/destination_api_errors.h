#pragma once

#include "databricks/http/api_error_decoder.h"

#include <QString>

namespace core {

// The part of the ad platforms' error decoders that does not depend on the platform's error
// body: transport failures and timeouts, worded with the platform's name ("Google Ads",
// "Meta") instead of Databricks'. GoogleApiErrors and MetaApiErrors derive from it.
class DestinationApiErrors : public ApiErrorDecoder
{
public:
    explicit DestinationApiErrors(QString service) : m_service(std::move(service)) {}

    Error fromNetwork(QNetworkReply::NetworkError error, const QString& errorString, const QString& what) const override;
    Error timeout(const QString& what, qint64 afterMs) const override;

    const QString& service() const { return m_service; }

protected:
    // The common frame of an HTTP error: status, code, the server's (redacted) message in detail.
    Error httpError(int status, const QString& code, const QString& serverMessage, const QString& what) const;

private:
    QString m_service;
};

} // namespace core
