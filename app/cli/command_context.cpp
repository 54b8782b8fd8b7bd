#include "command_context.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <spdlog/spdlog.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSettings>

#include "common/error_catalogue.h"
#include "databricks/auth/memory_secret_store.h"
#include "backends/databricks/databricks_connection.h"
#include "databricks/diagnostics/databricks_error_advisor.h"
#include "exit_code.h"
#include "logging/logging.h"
#include "settings/app_settings.h"
#include "backends/postgres/pg_session.h"
#include "backends/postgres/postgres_backend.h"
#include "workspace/lakebase_connector.h"
#include "backends/sqlite/sqlite_backend.h"

namespace segctl {

void printErrorLine(const QString& line)
{
    QString text = line;
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

CommandContext::CommandContext(Backend backend, bool verbose)
    : m_backend(std::move(backend)), m_verbose(verbose)
{
}

CommandContext::~CommandContext()
{
    m_open = nullptr;
    m_shared.reset();   // before the credential its connections log in with
    m_lakebase.reset(); // before the Databricks connection it renews the credential through
    m_connection.reset(); // before the network manager it uses
}

QStringList CommandContext::workspaceArguments() const
{
    QStringList words;
    if (!m_backend.postgresConnInfo.isEmpty())
        words << QStringLiteral("--postgres") << core::PgSession::printableConnInfo(m_backend.postgresConnInfo);
    if (!m_backend.lakebaseInstance.isEmpty()) {
        words << QStringLiteral("--lakebase") << m_backend.lakebaseInstance;
        if (!m_backend.lakebaseDatabase.isEmpty())
            words << QStringLiteral("--database") << m_backend.lakebaseDatabase;
    }
    words += m_backend.databricksArguments;
    if (words.isEmpty())
        words << QStringLiteral("--workspace") << QFileInfo(m_backend.workspacePath).absoluteFilePath();
    return words;
}

QString CommandContext::segctlWith(bool withWarehouse) const
{
    QStringList words{QStringLiteral("segctl")};
    if (!m_backend.postgresConnInfo.isEmpty()) // never the password, should the string hold one
        words << QStringLiteral("--postgres")
              << QStringLiteral("'%1'").arg(core::PgSession::printableConnInfo(m_backend.postgresConnInfo));
    if (!m_backend.lakebaseInstance.isEmpty()) {
        words << QStringLiteral("--lakebase") << m_backend.lakebaseInstance;
        if (!m_backend.lakebaseDatabase.isEmpty())
            words << QStringLiteral("--database") << m_backend.lakebaseDatabase;
    }
    const QStringList& given = m_backend.databricksArguments;
    for (qsizetype i = 0; i + 1 < given.size(); i += 2) {
        if (!withWarehouse && given.at(i) == QLatin1String("--warehouse"))
            continue;
        words.append(given.at(i));
        const QString& v = given.at(i + 1);
        words.append(v.contains(QLatin1Char(' ')) ? QStringLiteral("'%1'").arg(v) : v);
    }
    return words.join(QLatin1Char(' '));
}

core::Result<core::DatabricksConnection*> CommandContext::databricks()
{
    if (m_connection)
        return m_connection.get();
    auto catalogueResult = catalogue();
    if (!catalogueResult)
        return catalogueResult.error();
    auto config = core::DatabricksConfigResolver::forThisProcess().resolve(m_backend.databricks);
    if (!config)
        return config.error();
    if (!m_network)
        m_network = std::make_unique<QNetworkAccessManager>();
    if (!m_secrets)
        m_secrets = std::make_unique<core::MemorySecretStore>(); // segctl keeps no sign-in between runs
    core::DatabricksConnectionOptions options;
    options.network = m_network.get();
    options.catalogue = catalogueResult.value();
    options.secrets = m_secrets.get();
    options.openBrowser = [](const QUrl& url) {
        printErrorLine(QStringLiteral("segctl: open this address in a browser to sign in to Databricks: ") +
                       url.toString(QUrl::FullyEncoded));
    };
    options.provisionCommand = segctlWith() + QStringLiteral(" provision");
    auto connection = core::DatabricksConnection::create(config.value(), options);
    if (!connection)
        return connection.error();
    m_connection = std::move(connection).value();
    core::logging::logger("segctl")->debug("Databricks: {}", m_connection->displayName().toStdString());
    return m_connection.get();
}

core::Result<std::shared_ptr<const core::Catalogue>> CommandContext::catalogue()
{
    if (!m_catalogue) {
        auto loaded = core::Catalogue::load();
        if (!loaded)
            return loaded.error();
        m_catalogue = loaded.value();
    }
    return m_catalogue;
}

core::Result<core::SegmentStore*> CommandContext::store(Open mode)
{
    auto opened = backend(mode);
    if (!opened)
        return opened.error();
    return &opened.value()->segments();
}

core::Result<core::PgConnectionSettings> CommandContext::postgresSettings()
{
    if (!m_backend.postgresConnInfo.isEmpty()) {
        core::PgConnectionSettings settings;
        settings.conninfo = m_backend.postgresConnInfo;
        return settings;
    }
    if (!m_lakebase) {
        auto connection = databricks();
        if (!connection)
            return connection.error();
        auto access = await(core::LakebaseConnector::prepare(*connection.value(), m_backend.lakebaseInstance,
                                                             m_backend.lakebaseDatabase));
        if (!access)
            return explainDatabricksError(access.error());
        m_lakebase = access.value();
        core::logging::logger("segctl")->debug("{}", m_lakebase->displayName().toStdString());
    }
    return m_lakebase->settings;
}

core::Result<core::Backend*> CommandContext::backend(Open mode)
{
    if (m_open)
        return m_open;
    if (m_backend.usesPostgres()) {
        auto settings = postgresSettings();
        if (!settings)
            return settings.error();
        auto catalogueResult = catalogue();
        if (!catalogueResult)
            return catalogueResult.error();
        core::Result<std::shared_ptr<core::Backend>> opened = core::Error::internal(QStringLiteral("not opened"));
        if (m_lakebase) {
            opened = await(core::LakebaseConnector::open(m_lakebase, catalogueResult.value(), nullptr,
                                                         segctlWith() + QStringLiteral(" provision")));
        } else {
            auto plain = core::PostgresBackend::open(settings.value(), catalogueResult.value(),
                                                     {{}, segctlWith() + QStringLiteral(" provision")});
            if (plain)
                opened = std::shared_ptr<core::Backend>(std::move(plain).value());
            else
                opened = plain.error();
        }
        if (!opened) {
            core::Error e = opened.error();
            if (e.remediation.isEmpty() || e.kind == core::ErrorKind::Permission)
                e.remediation = QStringLiteral("`%1 doctor` checks the connection step by step.").arg(segctlWith());
            return e;
        }
        m_shared = opened.value();
        m_open = m_shared.get();
        core::logging::logger("segctl")->debug("opened {}", m_shared->displayName().toStdString());
        return m_open;
    }
    if (m_backend.databricksSelected) {
        auto connection = databricks();
        if (!connection)
            return connection.error();
        if (connection.value()->warehouseId().isEmpty()) {
            core::Error e =
                core::Error::validation(QStringLiteral("warehouse_missing"),
                                        QStringLiteral("The Databricks connection names no SQL warehouse."));
            e.remediation =
                QStringLiteral("Set warehouse_id in the profile, DATABRICKS_WAREHOUSE_ID or --warehouse; "
                               "`%1 warehouses list` shows the ids.")
                    .arg(segctlWith());
            return e;
        }
        m_open = connection.value();
        return m_open;
    }
    const QString& path = m_backend.workspacePath;
    const QFileInfo info(path);
    if (info.isDir()) {
        core::Error e =
            core::Error::io(QStringLiteral("The workspace “%1” is a folder, not a workspace file.")
                                .arg(QDir::toNativeSeparators(path)));
        e.remediation = QStringLiteral("Pass the path of a .sqlite workspace file with --workspace.");
        return e;
    }
    if (!info.exists()) {
        if (mode == Open::ExistingOnly) {
            core::Error e = core::Error::notFound(
                QStringLiteral("There is no workspace at “%1”.").arg(QDir::toNativeSeparators(path)));
            e.code = QStringLiteral("workspace_missing");
            e.remediation = QStringLiteral(
                "Check --workspace, or create one with `segctl demo` or `segctl segments import`.");
            return e;
        }
        if (!QDir().mkpath(info.absolutePath())) {
            core::Error e = core::Error::io(QStringLiteral("The folder “%1” could not be created.")
                                                .arg(QDir::toNativeSeparators(info.absolutePath())));
            e.remediation =
                QStringLiteral("Check the path and your permissions, or choose another --workspace.");
            return e;
        }
    }
    auto catalogueResult = catalogue();
    if (!catalogueResult)
        return catalogueResult.error();
    auto opened = core::SqliteBackend::open(path, catalogueResult.value());
    if (!opened)
        return opened.error();
    m_local = std::move(opened).value();
    m_open = m_local.get();
    core::logging::logger("segctl")->debug("opened workspace {}", path.toStdString());
    return m_open;
}

core::Result<core::ImpressionsPipeline*> CommandContext::pipeline(Open mode)
{
    auto opened = backend(mode);
    if (!opened)
        return opened.error();
    return &opened.value()->pipeline();
}

core::Result<core::MetricsStore*> CommandContext::metrics()
{
    auto opened = backend(Open::ExistingOnly);
    if (!opened)
        return opened.error();
    return &opened.value()->metrics();
}

core::Result<QList<core::Advertiser>> CommandContext::advertisers()
{
    auto opened = store(Open::ExistingOnly);
    if (!opened)
        return opened.error();
    return await(opened.value()->listAdvertisers());
}

core::Status CommandContext::requireAdvertiser(const QString& advertiserId)
{
    auto advertisers = this->advertisers();
    if (!advertisers)
        return advertisers.error();
    QStringList known;
    for (const auto& a : advertisers.value()) {
        if (a.id == advertiserId)
            return core::success();
        known.append(a.id);
    }
    core::Error e = core::Error::notFound(
        QStringLiteral("There is no advertiser “%1” in this workspace.").arg(advertiserId));
    e.code = QStringLiteral("advertiser_unknown");
    e.remediation = known.isEmpty()
                        ? QStringLiteral("The workspace has no advertisers yet.")
                        : QStringLiteral("Known advertisers: %1.").arg(known.join(QStringLiteral(", ")));
    return e;
}

core::Result<QString> CommandContext::advertiserCurrency(const QString& advertiserId)
{
    auto advertisers = this->advertisers();
    if (!advertisers)
        return advertisers.error();
    for (const auto& a : advertisers.value()) {
        if (a.id == advertiserId)
            return a.currency;
    }
    return QString::fromLatin1(core::Advertiser::kDefaultCurrency);
}

core::Result<core::DefinitionDescriber> CommandContext::describer()
{
    auto cat = catalogue();
    if (!cat)
        return cat.error();
    core::SegmentStore* segments = m_open ? &m_open->segments() : nullptr;
    return core::DefinitionDescriber(cat.value(), [segments](const QString& id) {
        if (!segments)
            return QString();
        auto found = await(segments->getSegment(id));
        return found ? found.value().name : QString();
    });
}

QString CommandContext::userName() const
{
    QSettings settings;
    return core::AppSettings(settings).userName();
}

void CommandContext::print(const QString& text)
{
    write(text.toUtf8());
}

void CommandContext::write(const QByteArray& bytes)
{
    if (!m_outputError.isEmpty())
        return;
    errno = 0;
    const size_t written = std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    if (written != static_cast<size_t>(bytes.size()) || std::fflush(stdout) != 0)
        m_outputError = QString::fromLocal8Bit(std::strerror(errno ? errno : EIO));
}

int CommandContext::finish(int exitCode)
{
    if (m_outputError.isEmpty() || exitCode != 0)
        return exitCode;
    core::Error e = core::Error::io(QStringLiteral("Could not write the output: %1.").arg(m_outputError));
    e.code = QStringLiteral("stdout_failed");
    e.remediation =
        QStringLiteral("Check where the output goes (a full disk, a closed pipe), or use --output.");
    return fail(e);
}

int CommandContext::fail(const core::Error& error)
{
    core::logging::logger("segctl")->warn("{}", core::logging::redact(error.toString()).toStdString());
    // The error table's fix where the error brings none of its own (docs/troubleshooting.md).
    const core::Error shown = core::ErrorCatalogue::withRemediation(
        m_connection && !usesPostgres() ? explainDatabricksError(error) : error);
    QString line = QStringLiteral("segctl: error: ") + shown.userMessage;
    if (m_connection && shown.httpStatus != 0) {
        // The codes Databricks answered with: HTTP status, error_code, SQLSTATE.
        QStringList codes;
        if (shown.httpStatus != 0 && shown.httpStatus != 200)
            codes.append(QStringLiteral("HTTP %1").arg(shown.httpStatus));
        static const QRegularExpression errorCode(QStringLiteral("error_code ([A-Za-z0-9_.]+)"));
        const QString fromDetail = errorCode.match(shown.detail).captured(1);
        if (!fromDetail.isEmpty() && fromDetail != QLatin1String("?"))
            codes.append(QStringLiteral("error_code %1").arg(fromDetail));
        static const QRegularExpression sqlState(QStringLiteral("^[0-9A-Z]{5}$"));
        if (!shown.code.isEmpty() && shown.code != fromDetail)
            codes.append(sqlState.match(shown.code).hasMatch()
                             ? QStringLiteral("SQLSTATE %1").arg(shown.code)
                             : QStringLiteral("error_code %1").arg(shown.code));
        codes.removeDuplicates();
        if (!codes.isEmpty())
            line += QStringLiteral(" [Databricks: %1]").arg(codes.join(QStringLiteral(", ")));
    }
    if (!shown.remediation.isEmpty())
        line += QStringLiteral(" — ") + shown.remediation;
    printErrorLine(core::logging::redact(line));
    if (m_verbose && !shown.detail.isEmpty())
        printErrorLine(QStringLiteral("segctl: detail: ") + core::logging::redact(shown.detail));
    return toInt(exitCodeFor(shown));
}

core::Error CommandContext::explainDatabricksError(const core::Error& error)
{
    // A refusal by the app's own rules (identifiers_read_only), not by Databricks: no grant fixes it.
    if (error.kind == core::ErrorKind::Permission && error.httpStatus == 0)
        return error;
    QString principal;
    if (error.kind == core::ErrorKind::Permission) {
        if (auto user = await(m_connection->currentUser()))
            principal = user.value().principal();
    }
    const core::DatabricksErrorAdvisor advisor(
        m_connection->config(),
        {QStringLiteral("`%1 doctor`").arg(segctlWith()), QStringLiteral("`%1 provision`").arg(segctlWith()),
         QStringLiteral("`%1 warehouses list`").arg(segctlWith(false)), QStringLiteral("--warehouse")});
    return advisor.explain(error, principal);
}

int CommandContext::usageError(const QString& message)
{
    core::logging::logger("segctl")->warn("usage: {}", message.toStdString());
    printErrorLine(QStringLiteral("segctl: error: ") + message);
    return toInt(ExitCode::Usage);
}

core::Result<QByteArray> CommandContext::readFile(const QString& path)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    core::Error e;
    if (!info.exists()) {
        e = core::Error::io(QStringLiteral("Could not read “%1”: there is no such file.").arg(shown));
    } else if (info.isDir()) {
        e = core::Error::io(QStringLiteral("Could not read “%1”: it is a folder, not a file.").arg(shown));
    } else {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            QByteArray bytes = file.readAll();
            if (file.error() == QFileDevice::NoError)
                return bytes;
        }
        e = core::Error::io(QStringLiteral("Could not read “%1”: %2.").arg(shown, file.errorString()));
    }
    e.code = QStringLiteral("read_failed");
    e.remediation = QStringLiteral("Check the file name and that you may read it.");
    return e;
}

} // namespace segctl
