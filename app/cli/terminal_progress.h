#pragma once

#include <QString>

namespace segctl {

// A progress line on stderr for people at a terminal; scripts and pipes get nothing.
class TerminalProgress
{
public:
    TerminalProgress();
    ~TerminalProgress();
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    // percent < 0: no percentage.
    void show(int percent, const QString& step);
    void finish();
    bool enabled() const { return m_enabled; }

private:
    bool m_enabled = false;
    bool m_shown = false;
};

} // namespace segctl
