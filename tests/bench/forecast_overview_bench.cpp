// Issue 5's target from the user's side: "forecasting 2,000 segments in the background ≤ 10 s
// with a progress indicator in the GUI". Times View ▸ Forecast All Segments on a local workspace
// of 2,000 segments × 365 days of metrics (built once in $SB_BENCH_DIR, default /tmp/sb-bench):
// from Start until the last row is in the table and painted, with
//  - wall time, of which reading (one bulk statement + building the series) and forecasting;
//  - process CPU (all threads) and the GUI thread's CPU;
//  - the GUI thread's longest stall: the longest gap between ticks of a 5 ms timer, minus 5 ms;
//  - the machine's load average before and after (the wall time means little on a busy machine:
//    process CPU / cores is what the run needs when it has the cores to itself).
// Usage: forecast_overview_bench [--backtest] [--runs N]. Runs on the offscreen platform unless
// QT_QPA_PLATFORM is set.
#include <algorithm>
#include <cstdio>
#include <ctime>

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include "analytics/analytics_source.h"
#include "bench_workspace.h"
#include "forecast/forecast_overview_dialog.h"
#include "forecast/forecast_overview_model.h"
#include "logging/logging.h"
#include "support/forecast_seeding.h"

namespace {

constexpr int kSegments = 2000;
constexpr int kDays = 365;
const char* const kAdvertiser = "adv-forecast-bench";

double cpuMs(clockid_t clock)
{
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

std::unique_ptr<core::SqliteBackend> openWorkspace()
{
    const QString path = QDir(bench::benchDir()).filePath(QStringLiteral("forecast-2000x365.sqlite"));
    const bool fresh = !QFile::exists(path);
    auto opened = core::SqliteBackend::open(path, bench::catalogue());
    if (!opened)
        qFatal("open %s: %s", qPrintable(path), qPrintable(opened.error().toString()));
    if (fresh) {
        QElapsedTimer t;
        t.start();
        auto seeded = testsupport::seedForecastSegments(*opened.value(), QString::fromLatin1(kAdvertiser),
                                                        kSegments, kDays, QDate(2026, 11, 24));
        if (!seeded) {
            opened.value().reset();
            QFile::remove(path);
            qFatal("seed: %s", qPrintable(seeded.error().toString()));
        }
        fprintf(stderr, "workspace of %d segments x %d days created in %lld ms\n", kSegments, kDays,
                static_cast<long long>(t.elapsed()));
    }
    return std::move(opened).value();
}

// The longest gap between ticks of a fast timer on the GUI thread.
class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    double longestStallMs()
    {
        m_timer.stop();
        return std::max(0.0, static_cast<double>(m_longest) / 1e6 - 5.0);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // SB_BENCH_VERBOSE=1 logs the runs (the ui logger's start and end lines).
    core::logging::initialize(QString(), qEnvironmentVariableIsSet("SB_BENCH_VERBOSE"),
                              core::logging::Console::Everything);
    const QStringList args = app.arguments();
    const bool backtest = args.contains(QStringLiteral("--backtest"));
    const int runsAt = static_cast<int>(args.indexOf(QStringLiteral("--runs")));
    const int runs = runsAt > 0 && runsAt + 1 < args.size() ? std::max(1, args.at(runsAt + 1).toInt()) : 1;

    auto store = openWorkspace();
    ui::ForecastOverviewDialog dialog(store->segments(), ui::analyticsOf(*store));
    dialog.setCurrentAdvertiser(QString::fromLatin1(kAdvertiser), QStringLiteral("Forecast Advertiser"));
    dialog.backtestBox()->setChecked(backtest);
    dialog.show();
    (void)QTest::qWaitForWindowExposed(&dialog);
    StallMeter stalls;
    qint64 readMs = 0;
    QElapsedTimer clock;
    QObject::connect(dialog.run(), &ui::ForecastOverviewRun::stateChanged, &dialog,
                     [&](ui::ForecastOverviewRun::State s) {
                         if (s == ui::ForecastOverviewRun::State::Forecasting)
                             readMs = clock.elapsed();
                     });

    printf("forecast_overview_bench: %d segments x %d days, horizon 14, backtest %s, %d pool threads\n",
           kSegments, kDays, backtest ? "yes" : "no", QThreadPool::globalInstance()->maxThreadCount());
    for (int run = 1; run <= runs; ++run) {
        const QString loadBefore = loadAverage();
        QTest::qWait(200);
        stalls.start();
        const double process0 = cpuMs(CLOCK_PROCESS_CPUTIME_ID);
        const double gui0 = cpuMs(CLOCK_THREAD_CPUTIME_ID);
        clock.start();
        dialog.startButton()->click();
        const bool done = QTest::qWaitFor(
            [&] {
                return dialog.run()->state() == ui::ForecastOverviewRun::State::Finished &&
                       dialog.model()->rowCount() == dialog.run()->total();
            },
            120000);
        dialog.repaint(); // the last rows on screen
        const double wallMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        const double processMs = cpuMs(CLOCK_PROCESS_CPUTIME_ID) - process0;
        const double guiMs = cpuMs(CLOCK_THREAD_CPUTIME_ID) - gui0;
        const double stallMs = stalls.longestStallMs();
        if (!done) {
            fprintf(stderr, "run %d did not finish within 120 s (state %d, %d rows of %d, %d done)\n", run,
                    static_cast<int>(dialog.run()->state()), dialog.model()->rowCount(), dialog.run()->total(),
                    dialog.run()->done());
            return 1;
        }
        int forecast = 0;
        for (const auto& r : dialog.model()->rows())
            forecast += r.forecast ? 1 : 0;
        printf(
            "run %d: %d rows (%d forecast), wall %.2f s (read %.2f s, forecast %.2f s), process CPU %.2f s "
            "(= %.2f s on %d idle cores), GUI thread CPU %.2f s, longest GUI stall %.0f ms, load %s -> %s\n",
            run, dialog.model()->rowCount(), forecast, wallMs / 1e3, static_cast<double>(readMs) / 1e3,
            (wallMs - static_cast<double>(readMs)) / 1e3, processMs / 1e3,
            processMs / 1e3 / QThreadPool::globalInstance()->maxThreadCount(),
            QThreadPool::globalInstance()->maxThreadCount(), guiMs / 1e3, stallMs, qPrintable(loadBefore),
            qPrintable(loadAverage()));
        fflush(stdout);
    }
    return 0;
}
