#include "comparison/comparison_view.h"

#include <spdlog/spdlog.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "analytics/comparison_builder.h"
#include "analytics/comparison_csv.h"
#include "common/busy_indicator.h"
#include "comparison/comparison_charts.h"
#include "comparison/comparison_table.h"
#include "analytics/date_range_bar.h"
#include "common/form_style.h"
#include "logging/logging.h"
#include "comparison/overlap_matrix_table.h"
#include "comparison/segment_chooser.h"
#include "comparison/significance_list.h"
#include "common/view_message.h"
#include "common/plural.h"
#include "common/theme.h"

namespace ui {

namespace {

constexpr int kSideBySideUpTo = 3; // more segments: the overlap and the tests go under the table

QString unavailableText()
{
    return QObject::tr("Open a workspace to compare its segments (Connection ▸ Connect to Workspace…).");
}

} // namespace

ComparisonView::ComparisonView(std::shared_ptr<const core::Catalogue> catalogue, QWidget* parent)
    : QWidget(parent), m_catalogue(std::move(catalogue))
{
    setAccessibleName(tr("Compare segments"));
    m_chooseSaveFile = [this](const QString& title, const QString& suggested, const QString& filter) {
        return QFileDialog::getSaveFileName(this, title, suggested, filter);
    };
    m_chooser = new SegmentChooser(this);
    m_saved = new SavedComparisonsBar(this);
    m_export = new QPushButton(Theme::icon(QStringLiteral("export")), tr("&Export CSV…"), this);
    m_export->setToolTip(
        tr("Write the comparison (KPIs, definitions, overlap, tests) to a CSV file for spreadsheets"));
    m_busy = new BusyIndicator(this);
    m_message = new ViewMessage(this);
    m_rangeBar = new DateRangeBar(this);
    m_asOf = makeHint(QString(), this);
    m_asOf->setWordWrap(false);

    auto* actions = new QVBoxLayout;
    actions->addWidget(m_saved);
    auto* exportRow = new QHBoxLayout;
    exportRow->addStretch(1);
    exportRow->addWidget(m_busy);
    exportRow->addWidget(m_export);
    actions->addLayout(exportRow);
    actions->addStretch(1);
    auto* top = new QHBoxLayout;
    top->setSpacing(16);
    top->addWidget(m_chooser, 3);
    top->addLayout(actions, 2);

    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(16, 12, 12, 12);
    layout->setSpacing(10);
    layout->addLayout(top);
    layout->addWidget(m_message);
    auto* rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_rangeBar, 0);
    rangeRow->addSpacing(12);
    rangeRow->addWidget(m_asOf, 0);
    rangeRow->addStretch(1);
    layout->addLayout(rangeRow);
    layout->addWidget(buildResults(), 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_chooser, &SegmentChooser::compareRequested, this, [this](const QStringList& ids) {
        build({ids, m_rangeBar->range()});
    });
    connect(m_rangeBar, &DateRangeBar::rangeChanged, this, [this](const core::DateRange& range) {
        if (m_comparison)
            build({m_comparison->request.segmentIds, range});
    });
    connect(m_rangeBar, &DateRangeBar::granularityChanged, m_charts, &ComparisonCharts::setGranularity);
    connect(m_saved, &SavedComparisonsBar::openRequested, this,
            [this](const core::SavedComparison& saved) { open(saved.request); });
    connect(m_saved, &SavedComparisonsBar::comparisonSaved, this, [this](const core::SavedComparison& saved) {
        emit succeeded(tr("Saved the comparison “%1”").arg(saved.name));
    });
    connect(m_saved, &SavedComparisonsBar::failed, this, &ComparisonView::failed);
    connect(m_export, &QPushButton::clicked, this, &ComparisonView::exportCsv);
    reset();
}

QWidget* ComparisonView::buildResults()
{
    m_results = new QWidget(this);
    m_table = new ComparisonTable(m_results);
    m_charts = new ComparisonCharts(m_results);
    connect(m_charts, &ComparisonCharts::failed, this, &ComparisonView::failed);
    m_overlap = new OverlapMatrixTable(m_results);
    m_significance = new SignificanceList(m_results);

    m_side = new QWidget(m_results);
    auto* side = new QVBoxLayout(m_side);
    side->setContentsMargins(0, 0, 0, 0);
    side->addWidget(makeSectionHeader(tr("Audience overlap"), m_side));
    side->addWidget(
        makeHint(tr("People in both segments of a cell, the share of the row's segment they are, and "
                    "how alike the audiences are (Jaccard: 0 none in common, 1 the same people)."),
                 m_side));
    side->addWidget(m_overlap);
    side->addSpacing(8);
    side->addWidget(makeSectionHeader(tr("Click and conversion rates"), m_side));
    side->addWidget(
        makeHint(tr("Each pair compared, corrected for the number of comparisons (Holm)."), m_side));
    side->addWidget(m_significance);
    side->addStretch(1);

    m_grid = new QGridLayout(m_results);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(16);
    m_grid->setVerticalSpacing(12);
    return m_results;
}

void ComparisonView::setAnalyticsSource(AnalyticsSource source)
{
    m_source = source;
    m_charts->setAnalyticsSource(source);
    m_saved->setAnalyticsSource(std::move(source));
}

void ComparisonView::setNameAsker(SavedComparisonsBar::AskName ask)
{
    m_saved->setNameAsker(std::move(ask));
}

void ComparisonView::setSegments(const QList<core::Segment>& segments)
{
    m_chooser->setSegments(segments);
    updateState();
    m_saved->refresh(); // also the first time the workspace is open
}

void ComparisonView::compare(const QStringList& ids)
{
    m_chooser->setChosen(ids);
    build({ids, m_rangeBar->range()});
}

void ComparisonView::open(const core::ComparisonRequest& request)
{
    m_chooser->setChosen(request.segmentIds);
    build(request);
}

void ComparisonView::reset()
{
    ++m_sequence;
    m_building = false;
    m_comparison.reset();
    m_table->clearComparison();
    m_charts->clearCharts();
    m_saved->setRequest(std::nullopt);
    m_rangeBar->setDataExtent({}, {});
    m_asOf->hide();
    m_rangeBar->hide();
    setResultsVisible(false);
    updateState();
    m_saved->refresh();
    emit busyChanged();
}

void ComparisonView::reload()
{
    if (m_comparison)
        build(m_comparison->request);
}

bool ComparisonView::isBusy() const
{
    return m_building || m_exports > 0 || m_saved->isBusy() || m_charts->isBusy();
}

bool ComparisonView::isAvailable() const
{
    return m_source && m_source().canCompare();
}

QString ComparisonView::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void ComparisonView::build(const core::ComparisonRequest& request)
{
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    if (!backend.canCompare()) {
        m_message->showInfo(unavailableText());
        return;
    }
    if (const core::Status valid = request.validate(); !valid) {
        m_message->showError(valid.error(), tr("Cannot compare"));
        return;
    }
    const quint64 sequence = ++m_sequence;
    m_building = true;
    m_busy->start();
    m_message->showInfo(tr("Comparing %1…").arg(core::countOf(request.segmentIds.size(), tr("segment"), tr("segments"))));
    emit busyChanged();
    core::ComparisonBuilder(*backend.comparisons, m_catalogue)
        .build(request)
        .then(this, [this, sequence, owner = backend.owner](const core::Result<core::Comparison>& built) {
            if (sequence != m_sequence)
                return;
            m_building = false;
            m_busy->stop();
            if (built) {
                showComparison(built.value());
            } else {
                // Nothing of an earlier comparison stays beside the error.
                m_comparison.reset();
                setResultsVisible(false);
                m_saved->setRequest(std::nullopt);
                updateState();
                m_message->showError(built.error(), tr("Could not compare the segments"));
                emit failed(built.error(), tr("Could not compare the segments"));
            }
            emit busyChanged();
        });
}

void ComparisonView::showComparison(const core::Comparison& c)
{
    m_comparison = c;
    m_message->clearMessage();
    m_asOf->setText(c.asOf.isValid()
                        ? tr("Data as of %1").arg(QLocale().toString(c.asOf, QLocale::ShortFormat))
                        : tr("No data yet"));
    m_asOf->show();
    m_rangeBar->setDataExtent({}, c.asOf);
    m_rangeBar->showRange(c.range);
    m_rangeBar->show();
    arrange(c.count());
    QElapsedTimer clock;
    clock.start();
    m_table->showComparison(c);
    const qint64 tableMs = clock.elapsed();
    m_overlap->showOverlap(c.overlap, c.names());
    const qint64 overlapMs = clock.elapsed();
    m_significance->showTests(c.tests);
    const qint64 testsMs = clock.elapsed();
    m_charts->showComparison(c, m_rangeBar->granularity());
    core::logging::logger("ui")->debug(
        "comparison view: table {} ms, overlap {} ms, tests {} ms, charts {} ms", tableMs,
        overlapMs - tableMs, testsMs - overlapMs, clock.elapsed() - testsMs);
    m_saved->setRequest(c.request);
    setResultsVisible(true);
    if (!c.asOf.isValid())
        m_message->showInfo(
            tr("This workspace has no event data yet: load events with File ▸ Import Events… (Ctrl+I), "
               "then File ▸ Refresh Metrics (Ctrl+Shift+R)."));
    updateState();
    emit comparisonShown();
}

void ComparisonView::arrange(int segments)
{
    const bool sideBySide = segments <= kSideBySideUpTo;
    if (m_arrangedFor != 0 && (m_arrangedFor <= kSideBySideUpTo) == sideBySide)
        return;
    m_arrangedFor = segments;
    for (QWidget* w : {static_cast<QWidget*>(m_table), m_side, static_cast<QWidget*>(m_charts)})
        m_grid->removeWidget(w);
    // The charts come first, so they are in view without scrolling past the table's rows.
    if (sideBySide) { // the charts and the table under them; the overlap and the tests beside them
        m_grid->addWidget(m_charts, 0, 0);
        m_grid->addWidget(m_table, 1, 0, Qt::AlignTop);
        m_grid->addWidget(m_side, 0, 1, 2, 1, Qt::AlignTop);
        m_grid->setColumnStretch(0, 3);
        m_grid->setColumnStretch(1, 2);
        m_grid->setRowStretch(1, 1);
    } else {
        m_grid->addWidget(m_charts, 0, 0, 1, 2);
        m_grid->addWidget(m_table, 1, 0, 1, 2, Qt::AlignTop);
        m_grid->addWidget(m_side, 2, 0, 1, 2, Qt::AlignTop);
        m_grid->setColumnStretch(1, 0);
        m_grid->setRowStretch(1, 0);
    }
}

void ComparisonView::exportCsv()
{
    if (!m_comparison)
        return;
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(
                QStringLiteral("comparison-%1.csv").arg(m_comparison->range.last.toString(Qt::ISODate)));
    QString path = m_chooseSaveFile(tr("Export comparison as CSV"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    ++m_exports;
    emit busyChanged();
    QtConcurrent::run([c = *m_comparison, path] {
        return core::ComparisonCsv::write(c, path);
    }).then(this, [this, path](const core::Status& written) {
        --m_exports;
        if (written)
            emit succeeded(tr("Exported the comparison to %1").arg(QDir::toNativeSeparators(path)));
        else
            emit failed(written.error(), tr("Could not export the comparison"));
        emit busyChanged();
    });
}

void ComparisonView::setResultsVisible(bool visible)
{
    m_results->setVisible(visible);
}

void ComparisonView::updateState()
{
    const bool available = isAvailable();
    m_export->setEnabled(available && m_comparison.has_value());
    m_saved->setEnabled(available);
    if (!available) {
        m_message->showInfo(unavailableText());
        setResultsVisible(false);
        m_unavailableShown = true;
        return;
    }
    if (std::exchange(m_unavailableShown, false))
        m_message->clearMessage();
    if (!m_comparison && !m_building && m_message->isHidden()) {
        m_message->showInfo(
            tr("Check the segments to compare, then press Compare. Or select several segments "
               "in the list and choose View ▸ Compare selected."));
    }
}

} // namespace ui
