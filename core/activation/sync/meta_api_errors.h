#pragma once

#include "activation/sync/destination_api_errors.h"

namespace core {

// Meta's Graph API error body:
// {"error":{"message":"…","type":"OAuthException","code":190,"error_subcode":463,
//           "is_transient":false,"fbtrace_id":"…"}}
struct MetaErrorBody
{
    int code = 0; // 0 when the body is not Meta's shape
    int subcode = 0;
    QString type;
    QString message; // redacted
    QString fbtraceId;
    bool transient = false;

    static MetaErrorBody parse(const QByteArray& body);
};

// Meta's answers for ApiClient. Meta reports most errors with HTTP 400 and tells them apart by
// code, whatever the status:
//  - 190 (and 102) invalid or expired access token → refresh the token once;
//  - 4, 17, 32, 613, 80003, 80004 (application, user, page, call-rate and custom-audience /
//    ads-management throttling) and HTTP 429 → throttled, retried with backoff (Meta sends no
//    Retry-After; X-Business-Use-Case-Usage carries the wait in minutes, not read here);
//  - 1, 2 and is_transient=true, and HTTP 500/502/503/504 → passing failure, retried when safe.
class MetaApiErrors final : public DestinationApiErrors
{
public:
    MetaApiErrors() : DestinationApiErrors(QStringLiteral("Meta")) {}

    Error fromHttp(int status, const QByteArray& body, const QString& what) const override;
    bool isCredentialRejected(int status, const QByteArray& body) const override;
    bool isThrottled(int status, const QByteArray& body) const override;
    bool isTransient(int status, const QByteArray& body) const override;

    static bool isThrottlingCode(int code);
};

} // namespace core
