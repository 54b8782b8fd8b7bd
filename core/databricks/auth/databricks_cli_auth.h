#pragma once

#include <chrono>

#include "databricks/auth/oauth_auth_provider.h"

namespace core {

// auth_type = databricks-cli: the Databricks CLI holds the sign-in (`databricks auth login`),
// and hands out access tokens with `databricks auth token --host <host>` (JSON with
// access_token and expiry), refreshing them itself. The CLI runs asynchronously (QProcess), at
// most once at a time, when the held token is near expiry or was rejected. The token never
// appears in logs or errors; the CLI's own messages are passed on redacted.
class DatabricksCliAuth final : public OAuthAuthProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabricksCliAuth)

public:
    // cliPath: the `databricks` executable (DATABRICKS_CLI_PATH, else "databricks" on PATH).
    DatabricksCliAuth(QString host, QString cliPath, QObject* parent = nullptr);
    ~DatabricksCliAuth() override;

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    QString authType() const override;
    QString describe() const override;

    // Parses the CLI's answer; errors name what is wrong, never the token.
    static Result<OAuthToken> parseTokenJson(const QByteArray& json, const QDateTime& now);

protected:
    void fetchToken(FetchCallback done) override;

private:
    QString m_host;
    QString m_cliPath;
    std::chrono::milliseconds m_timeout{std::chrono::seconds(60)};
};

} // namespace core
