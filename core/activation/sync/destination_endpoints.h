#pragma once

#include "common/result.h"

#include <QProcessEnvironment>
#include <QUrl>

namespace core {

// Where the ad platforms' APIs are. The defaults are the public services; the environment
// (or the settings) may point them elsewhere, which the tests do to aim at the emulators:
//   SEGCTL_GOOGLE_DATAMANAGER_URL  https://datamanager.googleapis.com
//   SEGCTL_GOOGLE_TOKEN_URL        https://oauth2.googleapis.com/token
//   SEGCTL_META_GRAPH_URL          https://graph.facebook.com/v21.0   (the version is part of it)
//   SEGCTL_META_TOKEN_URL          <graph URL>/oauth/access_token
// Plain http is accepted for loopback hosts only: tokens never travel unencrypted.
struct DestinationEndpoints
{
    QUrl googleDataManager = QUrl(QStringLiteral("https://datamanager.googleapis.com"));
    QUrl googleToken = QUrl(QStringLiteral("https://oauth2.googleapis.com/token"));
    QUrl metaGraph = QUrl(QStringLiteral("https://graph.facebook.com/v21.0"));
    QUrl metaToken; // empty: metaGraph + /oauth/access_token

    QUrl metaTokenEndpoint() const;

    // The defaults with what the environment sets; an Error (Validation) names a bad variable.
    static Result<DestinationEndpoints> fromEnvironment(
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
    // https, or http to 127.0.0.1 / ::1 / localhost.
    static Status check(const QUrl& url, const QString& name);
};

} // namespace core
