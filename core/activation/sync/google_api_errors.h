#pragma once

#include "activation/sync/destination_api_errors.h"

#include <QList>
#include <QString>

namespace core {

// Google's error body as the Data Manager API (and every Google REST API) answers it:
// {"error":{"code":400,"message":"…","status":"INVALID_ARGUMENT","details":[
//   {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"…","domain":"…"},
//   {"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[
//     {"field":"audience_members.audience_members[0].user_data.user_identifiers",
//      "description":"Email is not hex encoded.","reason":"INVALID_HEX_ENCODING"}]}]}}
struct GoogleErrorBody
{
    int code = 0;
    QString status;  // "INVALID_ARGUMENT", "RESOURCE_EXHAUSTED", "UNAUTHENTICATED", …
    QString message; // redacted
    QString reason;  // ErrorInfo.reason, when given
    struct FieldViolation
    {
        QString field;
        QString description;
        QString reason;
    };
    QList<FieldViolation> fieldViolations;

    // Empty (code 0) when the body is not Google's shape.
    static GoogleErrorBody parse(const QByteArray& body);
    // The audience members a violation names ("…audience_members[3]…" → 3), each once, in order.
    QList<int> violatingMemberIndexes() const;
};

// Google's answers for ApiClient: 401 refreshes the access token; 429/RESOURCE_EXHAUSTED and
// 503/UNAVAILABLE are throttling (Retry-After honoured); 500/502/504 are passing failures.
class GoogleApiErrors final : public DestinationApiErrors
{
public:
    GoogleApiErrors() : DestinationApiErrors(QStringLiteral("Google Ads")) {}

    Error fromHttp(int status, const QByteArray& body, const QString& what) const override;
    bool isCredentialRejected(int status, const QByteArray& body) const override;
    bool isThrottled(int status, const QByteArray& body) const override;
};

} // namespace core
