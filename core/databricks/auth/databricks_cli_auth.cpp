#include "databricks/auth/databricks_cli_auth.h"

#include <spdlog/spdlog.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include "databricks/config/databricks_config.h"
#include "logging/logging.h"

namespace core {

namespace {

Error cliError(const QString& message, const QString& detail, const QString& remediation)
{
    Error e;
    e.kind = ErrorKind::Auth;
    e.code = QStringLiteral("databricks_cli");
    e.userMessage = message;
    e.detail = logging::redact(detail);
    e.remediation = remediation;
    return e;
}

} // namespace

DatabricksCliAuth::DatabricksCliAuth(QString host, QString cliPath, QObject* parent)
    : OAuthAuthProvider(parent), m_host(std::move(host)), m_cliPath(std::move(cliPath))
{
}

DatabricksCliAuth::~DatabricksCliAuth() = default;

QString DatabricksCliAuth::authType() const
{
    return auth_type::databricksCli();
}

QString DatabricksCliAuth::describe() const
{
    return QStringLiteral("Databricks CLI sign-in (%1 auth token)").arg(m_cliPath);
}

Result<OAuthToken> DatabricksCliAuth::parseTokenJson(const QByteArray& json, const QDateTime& now)
{
    const QString remediation =
        QStringLiteral("Update the Databricks CLI, or sign in again with `databricks auth login`.");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return cliError(QStringLiteral("The Databricks CLI did not answer with a token."),
                        QStringLiteral("`databricks auth token` printed no JSON object (%1)")
                            .arg(parseError.errorString()),
                        remediation);
    const QJsonObject o = doc.object();
    OAuthToken token;
    token.accessToken = o.value(QStringLiteral("access_token")).toString();
    if (token.accessToken.isEmpty())
        return cliError(QStringLiteral("The Databricks CLI did not answer with a token."),
                        QStringLiteral("no access_token in the answer of `databricks auth token`"),
                        remediation);
    token.tokenType = o.value(QStringLiteral("token_type")).toString(QStringLiteral("Bearer"));
    token.issuedAt = now;
    token.expiry = QDateTime::fromString(o.value(QStringLiteral("expiry")).toString(), Qt::ISODateWithMs);
    if (!token.expiry.isValid())
        token.expiry = QDateTime::fromString(o.value(QStringLiteral("expiry")).toString(), Qt::ISODate);
    if (!token.expiry.isValid())
        token.expiry = now.addSecs(3600); // the CLI refreshes on every call; assume an hour
    token.expiry = token.expiry.toUTC();
    return token;
}

void DatabricksCliAuth::fetchToken(FetchCallback done)
{
    auto* process = new QProcess(this);
    auto finished = std::make_shared<bool>(false);
    auto finish = [process, finished, done](Result<OAuthToken> result) {
        if (*finished)
            return;
        *finished = true;
        process->deleteLater();
        done(std::move(result));
    };
    const QString login = QStringLiteral("databricks auth login --host %1").arg(m_host);
    connect(process, &QProcess::errorOccurred, this, [this, finish, login](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(cliError(
                QStringLiteral("The Databricks CLI (%1) could not be started.").arg(m_cliPath),
                QStringLiteral("auth_type databricks-cli runs `%1 auth token`").arg(m_cliPath),
                QStringLiteral("Install the Databricks CLI and run `%1`, set DATABRICKS_CLI_PATH, or "
                               "choose another auth_type.")
                    .arg(login)));
    });
    connect(process, &QProcess::finished, this,
            [this, process, finish, login](int code, QProcess::ExitStatus status) {
                const QByteArray out = process->readAllStandardOutput();
                const QString err = QString::fromUtf8(process->readAllStandardError()).trimmed();
                if (status != QProcess::NormalExit || code != 0) {
                    finish(cliError(
                        QStringLiteral("The Databricks CLI could not give a token for %1.").arg(m_host),
                        QStringLiteral("`databricks auth token` exited with %1: %2").arg(code).arg(err),
                        QStringLiteral("Sign in with `%1`, then try again.").arg(login)));
                    return;
                }
                finish(parseTokenJson(out, now()));
            });
    QTimer::singleShot(m_timeout, process, [this, process, finish] {
        process->kill();
        Error e = cliError(
            QStringLiteral("The Databricks CLI did not answer in time."),
            QStringLiteral("`%1 auth token` ran longer than %2 s")
                .arg(m_cliPath)
                .arg(m_timeout.count() / 1000),
            QStringLiteral("Run `databricks auth token --host %1` in a terminal to see what it waits for.")
                .arg(m_host));
        e.kind = ErrorKind::Timeout;
        finish(e);
    });
    logging::logger("core.auth")
        ->info("asking the Databricks CLI for a token ({} auth token --host {})", m_cliPath.toStdString(),
               m_host.toStdString());
    process->start(m_cliPath,
                   {QStringLiteral("auth"), QStringLiteral("token"), QStringLiteral("--host"), m_host});
}

} // namespace core
