#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QNetworkReply>

namespace core {

// Turns what Databricks (or the network) answered into the project's Error, with a message a
// marketer understands and a remediation; the server's own text goes into detail.
class ApiErrors
{
public:
    // An HTTP status other than 200 with its body (any of the documented error shapes:
    // {"error_code","message"}, {"error","error_description"}, SCIM, plain text, HTML).
    static Error fromHttp(int status, const QByteArray& body, const QString& what);
    // A transport failure (no HTTP status).
    static Error fromNetwork(QNetworkReply::NetworkError error, const QString& errorString, const QString& what);
    static Error timeout(const QString& what, qint64 afterMs);
    // A 200 whose body is not the JSON object expected.
    static Error malformed(const QString& what, const QString& detail);

    // True for 401, and for 403 whose message is about the token (expired OAuth tokens come
    // back as 403 "Invalid access token"): the credential should be refreshed once.
    static bool isCredentialRejected(int status, const QByteArray& body);
    // The server's message (or the whole body, shortened) for logs and details.
    static QString serverMessage(const QByteArray& body);
    static QString serverErrorCode(const QByteArray& body);
};

} // namespace core
