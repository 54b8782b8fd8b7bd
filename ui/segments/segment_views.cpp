#include "segments/segment_views.h"

#include <QCheckBox>

#include "activation/activation_panel.h"
#include "comparison/comparison_charts.h"
#include "comparison/comparison_view.h"
#include "experiments/experiments_panel.h"
#include "forecast/forecast_controls.h"
#include "segments/segment_detail_view.h"
#include "common/theme.h"

namespace ui {

SegmentViews::SegmentViews(core::SegmentStore& store, std::shared_ptr<const core::Catalogue> catalogue,
                           QWidget* editPage, QWidget* parent)
    : QTabWidget(parent), m_detail(new SegmentDetailView(store, this)),
      m_comparison(new ComparisonView(std::move(catalogue), this)), m_activation(new ActivationPanel(this)),
      m_experiments(new ExperimentsPanel(this))
{
    setDocumentMode(true);
    addTab(editPage, Theme::icon(QStringLiteral("edit")), tr("Edit"));
    addTab(m_detail, Theme::icon(QStringLiteral("chart")), tr("Detail"));
    addTab(m_comparison, Theme::icon(QStringLiteral("compare")), tr("Compare"));
    addTab(m_activation, Theme::icon(QStringLiteral("cloud")), tr("Activate"));
    addTab(m_experiments, Theme::icon(QStringLiteral("experiment")), tr("Experiments"));
    setTabToolTip(0, tr("Edit the segment's definition and see its reach as you go"));
    setTabToolTip(1, tr("The segment's delivery: KPIs, metrics over time and reach"));
    setTabToolTip(2, tr("Compare 2–6 segments: definitions, KPIs, overlap and significance"));
    setTabToolTip(3, tr("Send the segment to Google Ads or Meta: who can be matched, the hashed file, syncs"));
    setTabToolTip(4, tr("A/B experiments on the segment: arms, holdout, how long to run, results and uplift"));

    connect(m_detail, &SegmentDetailView::failed, this, &SegmentViews::failed);
    connect(m_detail, &SegmentDetailView::loaded, this, &SegmentViews::busyChanged);
    connect(m_comparison, &ComparisonView::failed, this, &SegmentViews::failed);
    connect(m_comparison, &ComparisonView::succeeded, this, &SegmentViews::succeeded);
    connect(m_comparison, &ComparisonView::busyChanged, this, &SegmentViews::busyChanged);
    connect(m_activation, &ActivationPanel::failed, this, &SegmentViews::failed);
    connect(m_activation, &ActivationPanel::succeeded, this, &SegmentViews::succeeded);
    connect(m_activation, &ActivationPanel::busyChanged, this, &SegmentViews::busyChanged);
    connect(m_experiments, &ExperimentsPanel::failed, this, &SegmentViews::failed);
    connect(m_experiments, &ExperimentsPanel::succeeded, this, &SegmentViews::succeeded);
    connect(m_experiments, &ExperimentsPanel::busyChanged, this, &SegmentViews::busyChanged);
}

void SegmentViews::setAnalyticsSource(const AnalyticsSource& source)
{
    m_detail->setAnalyticsSource(source);
    m_comparison->setAnalyticsSource(source);
    m_activation->setAnalyticsSource(source);
    m_experiments->setAnalyticsSource(source);
}

void SegmentViews::showView(View view)
{
    setCurrentIndex(static_cast<int>(view));
}

void SegmentViews::followSegment(const core::Segment* segment, bool unsavedNew)
{
    if (segment)
        m_detail->showSegment(*segment);
    else
        m_detail->clear(unsavedNew ? tr("Save the segment to see its delivery and reach here.") : QString());
    m_activation->showSegment(segment);
    m_experiments->showSegment(segment);
}

void SegmentViews::noteWritten(const core::Segment& segment)
{
    if (segment.id == m_detail->segmentId()) {
        m_detail->showSegment(segment);
        m_activation->showSegment(&segment);
        m_experiments->showSegment(&segment);
    }
}

void SegmentViews::setSegments(const QList<core::Segment>& segments)
{
    m_comparison->setSegments(segments);
}

void SegmentViews::compare(const QStringList& ids)
{
    showView(View::Compare);
    m_comparison->compare(ids);
}

void SegmentViews::resetWorkspace()
{
    m_detail->clear();
    m_comparison->reset();
    m_activation->showSegment(nullptr);
    m_experiments->showSegment(nullptr);
}

void SegmentViews::showForecasts()
{
    m_detail->forecast()->toggle()->setChecked(true);
    m_comparison->charts()->forecast(0)->toggle()->setChecked(true);
}

bool SegmentViews::isBusy() const
{
    return m_detail->isBusy() || m_comparison->isBusy() || m_activation->isBusy() || m_experiments->isBusy();
}

} // namespace ui
