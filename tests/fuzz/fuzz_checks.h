#pragma once

// What every fuzz target asserts besides "no crash": a refused input gets a clear one-line error
// (non-empty, no line break), and properties of accepted inputs. A broken check aborts, which
// libFuzzer reports as a crash with its input, and the corpus driver as a failed test.

#include "common/error.h"

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>

namespace fuzzsupport {

[[noreturn]] inline void fail(const char* what, const QString& detail)
{
    std::fprintf(stderr, "fuzz check failed: %s: %s\n", what, detail.toUtf8().constData());
    std::abort();
}

inline void check(bool condition, const char* what, const QString& detail = {})
{
    if (!condition)
        fail(what, detail);
}

// A one-line message a user can read: not empty, no line break.
inline void checkOneLine(const QString& message, const char* what)
{
    check(!message.trimmed().isEmpty(), what, QStringLiteral("empty message"));
    check(!message.contains(QLatin1Char('\n')) && !message.contains(QLatin1Char('\r')), what, message);
}

inline void checkClearError(const core::Error& error)
{
    checkOneLine(error.userMessage, "the error's message is one clear line");
}

inline QByteArray bytes(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

} // namespace fuzzsupport
