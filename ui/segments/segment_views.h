#pragma once

#include <memory>

#include <QTabWidget>

#include "analytics/analytics_source.h"
#include "common/error.h"
#include "domain/catalogue.h"
#include "domain/segment.h"

namespace core {
class SegmentStore;
}

namespace ui {

class ActivationPanel;
class ComparisonView;
class ExperimentsPanel;
class SegmentDetailView;

// The right-hand side of the main window as tabs: "Edit" (the form and its live reach, given),
// "Detail" (the delivery of the segment shown: it follows the list's selection), "Compare",
// "Activate" (the segment as an audience on Google Ads or Meta; it follows the selection too) and
// "Experiments" (the segment's A/B experiments and their results; it follows the selection).
class SegmentViews final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentViews)

public:
    enum class View
    {
        Edit,
        Detail,
        Compare,
        Activate,
        Experiments
    };

    SegmentViews(core::SegmentStore& store, std::shared_ptr<const core::Catalogue> catalogue,
                 QWidget* editPage, QWidget* parent = nullptr);

    void setAnalyticsSource(const AnalyticsSource& source);
    void showView(View view);
    View currentView() const { return static_cast<View>(currentIndex()); }

    // The segment the window shows; null when none, or a new one not saved yet.
    void followSegment(const core::Segment* segment, bool unsavedNew = false);
    // A segment was written: the detail reads it again when it is the one shown.
    void noteWritten(const core::Segment& segment);
    // The advertiser's segments, to choose from for a comparison.
    void setSegments(const QList<core::Segment>& segments);
    // Shows the comparison of these segments.
    void compare(const QStringList& ids);
    // The workspace behind the window changed.
    void resetWorkspace();
    // Switches on the forecast of the detail chart and of the comparison's first chart.
    void showForecasts();

    bool isBusy() const;
    SegmentDetailView* detail() const { return m_detail; }
    ComparisonView* comparison() const { return m_comparison; }
    ActivationPanel* activation() const { return m_activation; }
    ExperimentsPanel* experiments() const { return m_experiments; }

signals:
    void failed(const core::Error& error, const QString& context);
    void succeeded(const QString& message);
    void busyChanged();

private:
    SegmentDetailView* m_detail;
    ComparisonView* m_comparison;
    ActivationPanel* m_activation;
    ExperimentsPanel* m_experiments;
};

} // namespace ui
