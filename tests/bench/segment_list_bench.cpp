// Issue 14: "a 100,000-segment workspace stays smooth in the window". The segment list pane
// (SegmentListModel → SegmentFilterProxy → QTableView, as the main window builds it) with
// 100,000 segments of one advertiser, timed step by step until painted:
//   load        setSegments (sorted by name) and the first paint;
//   reach       the reach of every segment arriving (mergeReach, as WorkspaceLoader delivers it);
//   filter      typing a search, one keystroke at a time, a status filter, clearing it;
//   sort        by each column;
//   scroll      page by page to the end (each step until painted), and a jump to the end;
//   save        one segment saved (upsert) and selected, and the taken-name check of the form.
// Prints milliseconds per step (max and p95 where a step repeats). A harness, not a timed test.
// Runs on the offscreen platform unless QT_QPA_PLATFORM is set. Options: --segments N.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QTimeZone>
#include <QTableView>

#include "domain/simple_definition.h"
#include "segments/segment_filter_proxy.h"
#include "segments/segment_list_model.h"
#include "segments/segment_list_pane.h"

namespace {

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// Runs `step`, then paints the pane; milliseconds of both.
double timed(QWidget& pane, const std::function<void()>& step)
{
    QElapsedTimer t;
    t.start();
    step();
    QApplication::processEvents();
    pane.repaint();
    QApplication::processEvents();
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

QList<core::Segment> segments(int count)
{
    static const QStringList words = {QStringLiteral("Summer"), QStringLiteral("Shoppers"), QStringLiteral("Travel"),
                                      QStringLiteral("Gamers"),  QStringLiteral("Parents"),  QStringLiteral("Runners"),
                                      QStringLiteral("Lapsed"),  QStringLiteral("Loyal"),    QStringLiteral("Mobile"),
                                      QStringLiteral("Premium")};
    core::SimpleDefinition d;
    d.include[core::Dimension::Country] = {QStringLiteral("US")};
    const core::Definition definition = d.toDefinition();
    const QDateTime base = QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);
    QList<core::Segment> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        core::Segment s;
        s.id = QStringLiteral("%1-0000-4000-8000-000000000000").arg(i, 8, 16, QLatin1Char('0'));
        s.advertiserId = QStringLiteral("adv-big");
        s.name = QStringLiteral("%1 %2 %3").arg(words[i % 10], words[(i / 10) % 10]).arg(i);
        s.description = QStringLiteral("Segment number %1 of the big workspace").arg(i);
        s.status = static_cast<core::SegmentStatus>(i % 3);
        s.definition = definition;
        s.version = 1 + i % 7;
        s.createdAt = base.addSecs(i * 60);
        s.updatedAt = base.addSecs(i * 97 % 1000000);
        s.updatedBy = QStringLiteral("ana");
        if (i % 50 == 0)
            s.deletedAt = s.updatedAt;
        out.append(s);
    }
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int count = 100000;
    std::setvbuf(stdout, nullptr, _IONBF, 0); // each figure as soon as it is measured
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i)
        if (args[i] == QLatin1String("--segments"))
            count = args[i + 1].toInt();

    const QList<core::Segment> all = segments(count);
    ui::SegmentListModel model;
    ui::SegmentListPane pane(model);
    pane.resize(520, 900);
    pane.show();
    QApplication::processEvents();

    std::printf("segment list with %d segments\n", count);
    auto line = [](const char* what, double ms) { std::printf("  %-44s %9.1f ms\n", what, ms); };
    line("load (setSegments, sorted by name, painted)", timed(pane, [&] { model.setSegments(all); }));

    QHash<QString, qint64> reach;
    for (int i = 0; i < count; ++i)
        reach.insert(all[i].id, qint64(i) * 37 % 50000);
    line("reach of every segment (mergeReach)", timed(pane, [&] { model.mergeReach(reach); }));

    std::vector<double> keys;
    const QString query = QStringLiteral("travel 12");
    for (int n = 1; n <= query.size(); ++n)
        keys.push_back(timed(pane, [&] { pane.searchField()->setText(query.left(n)); }));
    std::printf("  %-44s %9.1f ms max, %.1f ms p50 (%zu keystrokes)\n", "search, per keystroke",
                *std::max_element(keys.begin(), keys.end()), percentile(keys, 0.5), keys.size());
    line("clear the search", timed(pane, [&] { pane.searchField()->clear(); }));
    line("status filter: Active", timed(pane, [&] { pane.statusFilter()->setCurrentIndex(2); }));
    line("status filter: All", timed(pane, [&] { pane.statusFilter()->setCurrentIndex(0); }));

    for (int column : {ui::SegmentListModel::Updated, ui::SegmentListModel::Reach, ui::SegmentListModel::Status,
                       ui::SegmentListModel::Name}) {
        const QByteArray what = "sort by " + model.headerData(column, Qt::Horizontal).toString().toUtf8();
        line(what.constData(), timed(pane, [&] { pane.view()->sortByColumn(column, Qt::AscendingOrder); }));
    }

    std::vector<double> pages;
    QScrollBar* bar = pane.view()->verticalScrollBar();
    for (int i = 0; i < 200; ++i)
        pages.push_back(timed(pane, [&] { bar->triggerAction(QAbstractSlider::SliderPageStepAdd); }));
    std::printf("  %-44s %9.1f ms max, %.1f ms p95 (%zu pages)\n", "scroll a page", *std::max_element(pages.begin(), pages.end()),
                percentile(pages, 0.95), pages.size());
    line("jump to the end", timed(pane, [&] { bar->setValue(bar->maximum()); }));

    core::Segment saved = all[count / 2];
    saved.name = QStringLiteral("Renamed after a save");
    saved.version += 1;
    line("save one segment (upsert) and select it", timed(pane, [&] {
             model.upsert(saved);
             pane.selectSegment(saved.id);
         }));
    line("taken names (the form's check)", timed(pane, [&] { (void)model.takenNameKeys(saved.id); }));
    return 0;
}
