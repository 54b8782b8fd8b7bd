#include "command_context.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <spdlog/spdlog.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

#include "exit_code.h"
#include "logging/logging.h"
#include "settings/app_settings.h"
#include "store/sqlite/sqlite_segment_store.h"

namespace segctl {

void printErrorLine(const QString& line)
{
    QString text = line;
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

CommandContext::CommandContext(QString workspacePath, bool verbose)
    : m_workspacePath(std::move(workspacePath)), m_verbose(verbose)
{
}

CommandContext::~CommandContext() = default;

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
    if (m_store)
        return m_store.get();
    const QFileInfo info(m_workspacePath);
    if (info.isDir()) {
        core::Error e =
            core::Error::io(QStringLiteral("The workspace “%1” is a folder, not a workspace file.")
                                .arg(QDir::toNativeSeparators(m_workspacePath)));
        e.remediation = QStringLiteral("Pass the path of a .sqlite workspace file with --workspace.");
        return e;
    }
    if (!info.exists()) {
        if (mode == Open::ExistingOnly) {
            core::Error e = core::Error::notFound(QStringLiteral("There is no workspace at “%1”.")
                                                      .arg(QDir::toNativeSeparators(m_workspacePath)));
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
    auto opened = core::SqliteSegmentStore::open(m_workspacePath, catalogueResult.value());
    if (!opened)
        return opened.error();
    m_store = std::move(opened).value();
    core::logging::logger("segctl")->debug("opened workspace {}", m_workspacePath.toStdString());
    return m_store.get();
}

core::Status CommandContext::requireAdvertiser(const QString& advertiserId)
{
    auto opened = store(Open::ExistingOnly);
    if (!opened)
        return opened.error();
    auto advertisers = await(opened.value()->listAdvertisers());
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

core::Result<core::DefinitionDescriber> CommandContext::describer()
{
    auto cat = catalogue();
    if (!cat)
        return cat.error();
    core::SegmentStore* segments = m_store.get();
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
    QString line = QStringLiteral("segctl: error: ") + error.userMessage;
    if (!error.remediation.isEmpty())
        line += QStringLiteral(" — ") + error.remediation;
    printErrorLine(line);
    if (m_verbose && !error.detail.isEmpty())
        printErrorLine(QStringLiteral("segctl: detail: ") + core::logging::redact(error.detail));
    return toInt(exitCodeFor(error));
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
