#include "databricks/auth/auth_provider_factory.h"

#include "databricks/auth/browser_login_auth.h"
#include "databricks/auth/client_credentials_auth.h"
#include "databricks/auth/pat_auth.h"
#include "databricks/config/databricks_config.h"

namespace core {

Result<std::unique_ptr<AuthProvider>> createAuthProvider(const DatabricksConfig& config,
                                                         const AuthDependencies& deps)
{
    const QString type = config.authType.value;
    if (type != auth_type::pat() && !deps.network)
        return Error::internal(QStringLiteral("createAuthProvider: no QNetworkAccessManager"));
    if (type == auth_type::pat())
        return std::unique_ptr<AuthProvider>(std::make_unique<PatAuth>(config.token.value));
    if (type == auth_type::oauthM2M()) {
        auto auth = std::make_unique<ClientCredentialsAuth>(config.host.value, config.clientId.value,
                                                            config.clientSecret.value, deps.network);
        auth->setRequestTimeout(deps.requestTimeout);
        return std::unique_ptr<AuthProvider>(std::move(auth));
    }
    if (type == auth_type::externalBrowser()) {
        BrowserLoginOptions options;
        if (config.clientId.isSet())
            options.clientId = config.clientId.value;
        // A client secret configured for a U2M app connection is sent; M2M secrets are not U2M.
        options.clientSecret = config.clientSecret.value;
        options.requestTimeout = deps.requestTimeout;
        return std::unique_ptr<AuthProvider>(std::make_unique<BrowserLoginAuth>(
            config.host.value, options, deps.network, deps.secrets, deps.openBrowser));
    }
    Error e;
    e.kind = ErrorKind::Auth;
    e.code = QStringLiteral("unsupported_auth_type");
    if (type == auth_type::databricksCli()) {
        e.userMessage = QStringLiteral("Signing in through the Databricks CLI is not supported yet.");
        e.remediation =
            QStringLiteral("Set auth_type = external-browser in the profile to sign in with the browser, "
                           "or use a token or a service principal.");
    } else {
        e.userMessage = QStringLiteral("No supported sign-in method is configured.");
        e.remediation = QStringLiteral("Use auth_type pat, oauth-m2m or external-browser.");
    }
    e.detail = QStringLiteral("auth_type \"%1\" (%2)").arg(type, config.authType.origin);
    return e;
}

} // namespace core
