#include "logging/logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <QDir>
#include <QRegularExpression>

#include <mutex>
#include <vector>

namespace core::logging {

namespace {

std::mutex g_mutex;
std::vector<spdlog::sink_ptr> g_sinks;
QString g_logFile;
spdlog::level::level_enum g_level = spdlog::level::info;

std::vector<spdlog::sink_ptr> defaultSinks(Console console = Console::Warnings)
{
    auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    switch (console) {
    case Console::Warnings: err->set_level(spdlog::level::warn); break;
    case Console::Everything: err->set_level(spdlog::level::trace); break;
    case Console::Nothing: err->set_level(spdlog::level::off); break;
    }
    return {err};
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    auto log = logger("qt");
    const std::string text = redact(message).toStdString();
    const char* category = context.category ? context.category : "default";
    switch (type) {
    case QtDebugMsg: log->debug("[{}] {}", category, text); break;
    case QtInfoMsg: log->info("[{}] {}", category, text); break;
    case QtWarningMsg: log->warn("[{}] {}", category, text); break;
    case QtCriticalMsg: log->error("[{}] {}", category, text); break;
    case QtFatalMsg: log->critical("[{}] {}", category, text); log->flush(); break;
    }
}

} // namespace

void initialize(const QString& logDir, bool verbose, Console console)
{
    {
        std::lock_guard lock(g_mutex);
        g_sinks = defaultSinks(console);
        g_level = verbose ? spdlog::level::debug : spdlog::level::info;
        g_logFile.clear();
        if (!logDir.isEmpty() && QDir().mkpath(logDir)) {
            g_logFile = QDir(logDir).filePath(QStringLiteral("segment-builder.log"));
            try {
                auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(g_logFile.toStdString(),
                                                                                   2 * 1024 * 1024, 5);
                file->set_level(spdlog::level::trace);
                g_sinks.push_back(file);
            } catch (const spdlog::spdlog_ex& e) {
                g_logFile.clear();
                fprintf(stderr, "warning: the log file in %s could not be opened: %s\n", qPrintable(logDir), e.what());
            }
        }
        spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& l) {
            l->sinks() = g_sinks;
            l->set_level(g_level);
        });
    }
    qInstallMessageHandler(qtMessageHandler);
}

std::shared_ptr<spdlog::logger> logger(const std::string& name)
{
    std::lock_guard lock(g_mutex);
    if (auto existing = spdlog::get(name))
        return existing;
    if (g_sinks.empty())
        g_sinks = defaultSinks();
    auto l = std::make_shared<spdlog::logger>(name, g_sinks.begin(), g_sinks.end());
    l->set_level(g_level);
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ [%n] %v");
    l->flush_on(spdlog::level::warn);
    spdlog::register_logger(l);
    return l;
}

QString redact(const QString& text)
{
    static const QRegularExpression patterns[] = {
        // Databricks personal access tokens
        QRegularExpression(QStringLiteral("dapi[0-9a-fA-F]{16,}(-\\d+)?")),
        // Authorization headers
        QRegularExpression(QStringLiteral("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+")),
        // key=value or "key": "value" pairs of secret-bearing names
        QRegularExpression(QStringLiteral(
            "(?i)(\\b(?:access_token|refresh_token|id_token|client_secret|fb_exchange_token|app_secret|password|token|code_verifier|code|"
            "X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|sig|se|sp|skoid|sktid)\"?\\s*[=:]\\s*\"?)[^\"&\\s,}]+")),
    };
    QString out = text;
    out.replace(patterns[0], QStringLiteral("[REDACTED]"));
    out.replace(patterns[1], QStringLiteral("\\1 [REDACTED]"));
    out.replace(patterns[2], QStringLiteral("\\1[REDACTED]"));
    return out;
}

QString logFilePath()
{
    std::lock_guard lock(g_mutex);
    return g_logFile;
}

} // namespace core::logging
