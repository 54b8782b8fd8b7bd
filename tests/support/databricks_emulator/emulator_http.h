#pragma once

// The emulator's HTTP answers, shared by its endpoint groups (statements, files, jobs).

#include <optional>

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace emulator {

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

inline HttpResponse jsonResponse(int status, const QJsonObject& object)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

// The documented error body {"error_code": "...", "message": "..."}.
inline HttpResponse apiError(int status, const QString& code, const QString& message)
{
    return jsonResponse(
        status, QJsonObject{{QStringLiteral("error_code"), code}, {QStringLiteral("message"), message}});
}

// 204 without a body (Files API uploads and deletes).
inline HttpResponse noContent()
{
    HttpResponse r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

// A request body that must be a JSON object; 400 MALFORMED_REQUEST in `error` otherwise.
inline std::optional<QJsonObject> jsonBody(const QByteArray& body, HttpResponse* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = apiError(400, QStringLiteral("MALFORMED_REQUEST"),
                          QStringLiteral("Could not parse the request body."));
        return std::nullopt;
    }
    return doc.object();
}

} // namespace emulator
