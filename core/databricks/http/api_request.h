#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrlQuery>

namespace core {

// One REST call, as a value (Databricks, and the ad platforms of core/activation).
struct ApiRequest
{
    enum class Method { Get, Post, Put, Delete };

    Method method = Method::Get;
    QString path;           // "/api/2.0/sql/statements"
    QUrlQuery query;
    QJsonObject body;       // sent as JSON for POST (and DELETE, when not empty)
    QByteArray rawBody;     // sent as is (application/octet-stream) for PUT
    // True when repeating the request can do no harm (GETs, polls, cancel). Only such requests
    // are retried after a timeout or a dropped connection, where the server may have acted.
    bool idempotent = true;
    QString what;           // for messages: "submit the statement", "list warehouses"
    // Extra request headers (e.g. Google's login-account); never the Authorization header.
    QHash<QByteArray, QByteArray> headers;
    // Non-2xx statuses the caller reads itself: they finish as an ApiResponse carrying that
    // status (no retry, no error decoding), e.g. a 400 whose body names the rejected items.
    QList<int> returnedStatuses;

    static ApiRequest get(QString path, QString what);
    static ApiRequest post(QString path, QJsonObject body, QString what, bool idempotent);
    // An upload that replaces what is at the path: repeating it is harmless.
    static ApiRequest put(QString path, QByteArray body, QString what);
    static ApiRequest remove(QString path, QString what);
    // DELETE with a JSON body (Meta's DELETE /{audience}/users takes its payload so).
    static ApiRequest removeWithBody(QString path, QJsonObject body, QString what, bool idempotent);
};

struct ApiResponse
{
    int httpStatus = 0;
    QByteArray body;                    // raw bytes; parse off the GUI thread when large
    QHash<QByteArray, QByteArray> headers; // lower-case names
};

} // namespace core
