#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class QWidget;

// --startup-probe: measures start-up and prints it on stdout, then ends the application.
//   first-paint-ms N   process start (exec) to the end of the main window's first painted frame
//   list-ready-ms N    process start to the segment list being filled (the first listing)
//   pre-main-ms N      process start to the first line of main() (loader, static init)
//   first-paint-gui-cpu-ms N  CPU time the GUI thread used until the first frame (a busy
//                      machine stretches wall time, much less this)
// Times come from a QElapsedTimer started first thing in main() plus the time the process
// had already lived then (/proc/self/stat start time, 10 ms kernel granularity, so the
// figures may be up to 10 ms high, never low). Exits 0 once both are printed, 3 after 60 s.
class StartupProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartupProbe)

public:
    // clock: started as the first thing in main().
    explicit StartupProbe(const QElapsedTimer& clock, QObject* parent = nullptr);

    // Watches for the first paint of window (call before show()).
    void watch(QWidget& window);

public slots:
    // The segment list has its first listing.
    void listReady();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    qint64 sinceExecMs() const;
    void report(const char* name, qint64 ms);
    void finishWhenDone();

    QElapsedTimer m_clock;
    qint64 m_preMainMs = 0;
    QPointer<QWidget> m_window;
    bool m_paintSeen = false;
    bool m_painted = false;
    bool m_listed = false;
};
