#include "databricks/auth/auth_provider_factory.h"

#include "databricks/auth/browser_login_auth.h"
#include "databricks/auth/client_credentials_auth.h"
#include "databricks/auth/databricks_cli_auth.h"
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
    if (type == auth_type::databricksCli()) {
        QString cli = deps.databricksCliPath;
        if (cli.isEmpty())
            cli = qEnvironmentVariable("DATABRICKS_CLI_PATH", QStringLiteral("databricks"));
        auto auth = std::make_unique<DatabricksCliAuth>(config.host.value, cli);
        return std::unique_ptr<AuthProvider>(std::move(auth));
    }
    Error e;
    e.kind = ErrorKind::Auth;
    e.code = QStringLiteral("unsupported_auth_type");
    {
        e.userMessage = QStringLiteral("No supported sign-in method is configured.");
        e.remediation = QStringLiteral("Use auth_type pat, oauth-m2m, external-browser or databricks-cli.");
    }
    e.detail = QStringLiteral("auth_type \"%1\" (%2)").arg(type, config.authType.origin);
    return e;
}

} // namespace core
