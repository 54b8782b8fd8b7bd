#include "startup_probe.h"

#include <cstdio>
#include <ctime>
#include <unistd.h>

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QWidget>

namespace {

// How long the process had lived when called: CLOCK_BOOTTIME now minus the start time the
// kernel records in /proc/self/stat (field 22, clock ticks since boot). 0 when unknown.
qint64 processAgeMs()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    // Field 2 (the command name) may hold spaces and parentheses: count from the last ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return 0;
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    constexpr int kStartTimeAfterName = 22 - 3; // fields[0] is field 3 (state)
    if (fields.size() <= kStartTimeAfterName)
        return 0;
    bool ok = false;
    const qint64 startTicks = fields.at(kStartTimeAfterName).toLongLong(&ok);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    timespec now{};
    if (!ok || ticksPerSecond <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return 0;
    const qint64 nowMs = qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
    const qint64 startMs = startTicks * 1000 / ticksPerSecond;
    return qMax<qint64>(0, nowMs - startMs);
}

// CPU time the calling (GUI) thread has used: less sensitive to a busy machine than wall time.
qint64 threadCpuMs()
{
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
        return 0;
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

} // namespace

StartupProbe::StartupProbe(const QElapsedTimer& clock, QObject* parent)
    : QObject(parent), m_clock(clock), m_preMainMs(qMax<qint64>(0, processAgeMs() - clock.elapsed()))
{
    auto* timeout = new QTimer(this);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, this, [this] {
        std::fprintf(stderr, "segment-builder: --startup-probe: %s\n",
                     m_painted ? "the segment list did not load within 60 s"
                               : "the window was not painted within 60 s");
        QCoreApplication::exit(3);
    });
    timeout->start(60000);
    report("pre-main-ms", m_preMainMs);
}

qint64 StartupProbe::sinceExecMs() const
{
    return m_preMainMs + m_clock.elapsed();
}

void StartupProbe::report(const char* name, qint64 ms)
{
    std::fprintf(stdout, "%s %lld\n", name, static_cast<long long>(ms));
    std::fflush(stdout);
}

void StartupProbe::watch(QWidget& window)
{
    m_window = &window;
    qApp->installEventFilter(this); // the first paint may reach a child before the window itself
}

bool StartupProbe::eventFilter(QObject* watched, QEvent* event)
{
    if (!m_paintSeen && event->type() == QEvent::Paint && m_window && watched->isWidgetType() &&
        static_cast<QWidget*>(watched)->window() == m_window) {
        m_paintSeen = true;
        qApp->removeEventFilter(this);
        // The whole frame (every widget, then the flush to the screen) is done in this one
        // pass; a zero timer runs right after it.
        QTimer::singleShot(0, this, [this] {
            m_painted = true;
            report("first-paint-ms", sinceExecMs());
            report("first-paint-gui-cpu-ms", threadCpuMs());
            finishWhenDone();
        });
    }
    return QObject::eventFilter(watched, event);
}

void StartupProbe::listReady()
{
    if (m_listed)
        return;
    m_listed = true;
    report("list-ready-ms", sinceExecMs());
    finishWhenDone();
}

void StartupProbe::finishWhenDone()
{
    if (m_painted && m_listed)
        QCoreApplication::exit(0);
}
