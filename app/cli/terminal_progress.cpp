#include "terminal_progress.h"

#include <cstdio>

#include <QByteArray>

#if defined(Q_OS_WIN)
#include <io.h>
#define SEGCTL_ISATTY _isatty
#define SEGCTL_FILENO _fileno
#else
#include <unistd.h>
#define SEGCTL_ISATTY isatty
#define SEGCTL_FILENO fileno
#endif

namespace segctl {

TerminalProgress::TerminalProgress() : m_enabled(SEGCTL_ISATTY(SEGCTL_FILENO(stderr)) != 0) {}

TerminalProgress::~TerminalProgress()
{
    finish();
}

void TerminalProgress::show(int percent, const QString& step)
{
    if (!m_enabled)
        return;
    const QString text =
        percent >= 0 ? QStringLiteral("\r%1% %2").arg(percent, 3).arg(step) : QStringLiteral("\r") + step;
    const QByteArray line = text.left(79).toUtf8();
    std::fprintf(stderr, "%s\x1b[K", line.constData());
    std::fflush(stderr);
    m_shown = true;
}

void TerminalProgress::finish()
{
    if (m_shown)
        std::fprintf(stderr, "\r\x1b[K");
    m_shown = false;
}

} // namespace segctl
