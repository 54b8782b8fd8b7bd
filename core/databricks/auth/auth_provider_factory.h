#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include <QUrl>

#include "common/result.h"
#include "databricks/auth/auth_provider.h"

class QNetworkAccessManager;

namespace core {

struct DatabricksConfig;
class SecretStore;

// What an AuthProvider may need; main.cpp (or a test) supplies it. Nothing here is owned.
struct AuthDependencies
{
    QNetworkAccessManager* network = nullptr;
    SecretStore* secrets = nullptr;               // refresh tokens of the browser sign-in; may be null
    std::function<void(const QUrl&)> openBrowser; // GUI: QDesktopServices::openUrl; empty: no browser sign-in
    std::chrono::milliseconds requestTimeout{30000};
    QString
        databricksCliPath; // databricks-cli: the CLI; empty: DATABRICKS_CLI_PATH, else "databricks" on PATH
};

// The provider for a resolved configuration's auth type: PatAuth (pat), ClientCredentialsAuth
// (oauth-m2m), BrowserLoginAuth (external-browser; client id from the configuration, default
// databricks-cli), DatabricksCliAuth (databricks-cli: `databricks auth token`).
Result<std::unique_ptr<AuthProvider>> createAuthProvider(const DatabricksConfig& config,
                                                         const AuthDependencies& deps);

} // namespace core
