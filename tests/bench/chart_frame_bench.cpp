// Issue 4 target: a pan or zoom frame of a TimeSeriesChart with 4 series x 1,000,000 points takes
// <= 16 ms at the 95th percentile. A frame is one range change (what a wheel notch, a drag step or
// a key does: TimeSeriesChart::zoomAround / panBy) until the chart is painted: decimation, the
// Qt Charts series and axes update, layout, and the paint of the view into its backing store.
// Frames are timed at three zoom levels (90 % of the extent, so that panning still moves, a
// tenth, a hundredth). For reference, the
// same paint with the raw points in one QLineSeries (no decimation) is timed for a few frames.
//
// Runs on the offscreen platform unless QT_QPA_PLATFORM is set (xvfb-run -a works too).
// Options: --frames N (per scenario, default 200), --raw-frames N (default 5; 0 skips).
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QTest>
#include <QValueAxis>

#include "charts/time_series_chart.h"
#include "support/chart_series_fixtures.h"

namespace {

constexpr std::size_t kPoints = 1'000'000;
constexpr int kSeries = 4;
constexpr double kStepMs = 60'000.0; // a point a minute: 1M points span ~694 days

class PaintCounter final : public QObject
{
public:
    int paints = 0;
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

// Milliseconds spent in the range change itself (decimation, axes update), and the CPU time the
// process used per frame (all threads): on a busy machine wall time includes waiting for a core,
// CPU time does not.
std::vector<double> g_updateMs;
std::vector<double> g_cpuMs;

double processCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Runs `change` and waits until the view has painted the result; returns wall milliseconds.
double timeFrame(QChartView& view, PaintCounter& counter, const std::function<void()>& change)
{
    const double cpuStart = processCpuMs();
    QElapsedTimer timer;
    timer.start();
    const int before = counter.paints;
    change();
    g_updateMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    for (int i = 0; i < 3 && counter.paints == before; ++i)
        QCoreApplication::sendPostedEvents();
    if (counter.paints == before)
        view.viewport()->repaint();
    const double wall = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    g_cpuMs.push_back(processCpuMs() - cpuStart);
    return wall;
}

struct Stats
{
    double p50, p95, max;
};

Stats stats(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
        return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))];
    };
    return {at(0.50), at(0.95), ms.back()};
}

void report(const char* name, const std::vector<double>& ms)
{
    const Stats s = stats(ms);
    std::printf("%-34s frames=%4zu  p50=%7.2f ms  p95=%7.2f ms  max=%7.2f ms\n", name, ms.size(), s.p50,
                s.p95, s.max);
    std::fflush(stdout);
}

int intOption(const QStringList& args, const QString& name, int fallback)
{
    const qsizetype i = args.indexOf(name);
    return (i >= 0 && i + 1 < args.size()) ? args.at(i + 1).toInt() : fallback;
}

void benchDecimatedChart(int frames)
{
    ui::TimeSeriesChart chart;
    chart.resize(1280, 720);
    const double start = chartfixtures::msAt(QDate(2024, 1, 1));
    const QColor colours[kSeries] = {QColor(0x1a73e8), QColor(0xe8711a), QColor(0x188038), QColor(0xa142f4)};
    for (int i = 0; i < kSeries; ++i)
        (void)chart.addSeries(
            QStringLiteral("Series %1").arg(i + 1),
            chartfixtures::randomWalk(kPoints, 100 + static_cast<quint32>(i), start, kStepMs), colours[i]);
    chart.show();
    (void)QTest::qWaitForWindowExposed(&chart);
    QTest::qWait(50);
    PaintCounter counter;
    chart.viewport()->installEventFilter(&counter);
    std::printf("chart %dx%d, plot %d px wide, %d series x %zu points\n", chart.width(), chart.height(),
                qRound(chart.plotAreaInViewport().width()), kSeries, kPoints);

    const core::charting::XRange all = chart.bounds();
    std::vector<double> every;
    for (double share : {0.9, 0.1, 0.01}) {
        const double width = all.width() * share;
        chart.setXRange({all.centre() - width / 2, all.centre() + width / 2});
        std::vector<double> pan, zoom;
        for (int f = 0; f < frames; ++f) {
            const double direction = (f / 20) % 2 == 0 ? 1.0 : -1.0; // back and forth
            pan.push_back(timeFrame(chart, counter, [&] { chart.panBy(0.02 * direction); }));
        }
        for (int f = 0; f < frames; ++f) {
            // A notch in then a notch out around a moving cursor, so the range keeps changing.
            const double anchor = chart.xRange().min + chart.xRange().width() * (0.2 + 0.6 * (f % 7) / 6.0);
            const double factor = f % 2 == 0 ? 0.8 : 1.25;
            zoom.push_back(timeFrame(chart, counter, [&] { chart.zoomAround(anchor, factor); }));
        }
        const QByteArray label = QByteArray::number(share * 100.0) + "% of the extent";
        report(("pan,  " + label).constData(), pan);
        report(("zoom, " + label).constData(), zoom);
        every.insert(every.end(), pan.begin(), pan.end());
        every.insert(every.end(), zoom.begin(), zoom.end());
    }
    report("all pan/zoom frames", every);
    report("  of which the range update", g_updateMs);
    report("CPU time per frame (all threads)", g_cpuMs);
    const Stats s = stats(every);
    std::printf("target p95 <= 16 ms: %s\n", s.p95 <= 16.0 ? "met" : "NOT met");
}

void benchRawLineSeries(int frames)
{
    if (frames <= 0)
        return;
    auto* chart = new QChart();
    auto* series = new QLineSeries();
    const auto data = chartfixtures::randomWalk(kPoints, 100, 0.0, kStepMs);
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(kPoints));
    for (std::size_t i = 0; i < data.size(); ++i)
        points.append(QPointF(data.x(i), data.y(i)));
    series->replace(points);
    chart->addSeries(series);
    auto* x = new QValueAxis();
    auto* y = new QValueAxis();
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    y->setRange(900, 1100);
    QChartView view(chart);
    view.setRenderHint(QPainter::Antialiasing);
    view.resize(1280, 720);
    view.show();
    (void)QTest::qWaitForWindowExposed(&view);
    PaintCounter counter;
    view.viewport()->installEventFilter(&counter);
    const double width = data.x(data.size() - 1);
    std::vector<double> ms;
    for (int f = 0; f < frames; ++f) {
        const double shift = width * 0.01 * (f % 2 == 0 ? 1 : -1);
        ms.push_back(timeFrame(view, counter, [&] { x->setRange(x->min() + shift, x->max() + shift); }));
    }
    report("raw QLineSeries, 1 x 1M points", ms);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    benchDecimatedChart(intOption(args, QStringLiteral("--frames"), 200));
    benchRawLineSeries(intOption(args, QStringLiteral("--raw-frames"), 5));
    return 0;
}
