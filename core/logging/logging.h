#pragma once

#include <QString>

#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace core::logging {

// What reaches the terminal (stderr); the log file always gets everything at the chosen level.
enum class Console { Warnings, Everything, Nothing };

// Sets up the rotating log file (5 × 2 MiB) in logDir plus the console sink, and routes
// Qt's messages into the "qt" logger. Safe to call more than once (later calls re-point the file).
// An empty logDir logs to the console only. verbose lowers the level from info to debug.
void initialize(const QString& logDir, bool verbose = false, Console console = Console::Warnings);

// The named logger of a subsystem ("core.store", "core.net", "ui", "segctl", ...), created on first use.
std::shared_ptr<spdlog::logger> logger(const std::string& name);

// Replaces anything that looks like a secret (Databricks tokens, bearer headers, OAuth
// secrets and codes, presigned URL signatures) with "[REDACTED]".
QString redact(const QString& text);

// Path of the current log file, empty when logging to stderr only.
QString logFilePath();

} // namespace core::logging
