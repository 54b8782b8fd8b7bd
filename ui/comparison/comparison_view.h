#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QWidget>

#include "analytics/comparison.h"
#include "analytics/analytics_source.h"
#include "common/error.h"
#include "domain/catalogue.h"
#include "comparison/saved_comparisons_bar.h"

class QGridLayout;
class QLabel;
class QPushButton;

namespace ui {

class BusyIndicator;
class ComparisonCharts;
class ComparisonTable;
class DateRangeBar;
class OverlapMatrixTable;
class SegmentChooser;
class SignificanceList;
class ViewMessage;

// 2–6 segments side by side: the chooser, then the definitions (differences highlighted),
// reach and KPIs with 95 % intervals, overlaid metric charts with linked zoom, the audience
// overlap matrix and the pairwise significance of click and conversion rates in plain words.
// The comparison is built off the GUI thread by core::ComparisonBuilder on whichever workspace is
// open (local or Databricks); a failure is shown in the view and as a toast, with nothing partial.
// It can be saved by name (where the workspace keeps saved comparisons), opened again and
// exported as CSV.
class ComparisonView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonView)

public:
    // Asks for the file to export to; empty when the user cancels.
    using ChooseSaveFile =
        std::function<QString(const QString& title, const QString& suggested, const QString& filter)>;

    explicit ComparisonView(std::shared_ptr<const core::Catalogue> catalogue, QWidget* parent = nullptr);

    void setAnalyticsSource(AnalyticsSource source);
    void setSaveFileChooser(ChooseSaveFile choose) { m_chooseSaveFile = std::move(choose); }
    void setNameAsker(SavedComparisonsBar::AskName ask);

    // The advertiser's segments to choose from (after each listing).
    void setSegments(const QList<core::Segment>& segments);
    // Chooses these segments and compares them over the range chosen.
    void compare(const QStringList& ids);
    // Builds the comparison asked for (its range shown in the range bar).
    void open(const core::ComparisonRequest& request);
    // The workspace changed: forgets the comparison and reads the saved ones again.
    void reset();
    // The metrics changed (a refresh): builds the comparison shown again, if there is one.
    void reload();
    // Writes the comparison shown as CSV (asks for the file).
    void exportCsv();

    bool isBusy() const;
    bool isAvailable() const;
    const std::optional<core::Comparison>& comparison() const { return m_comparison; }
    QString messageText() const;

    SegmentChooser* chooser() const { return m_chooser; }
    SavedComparisonsBar* savedBar() const { return m_saved; }
    DateRangeBar* rangeBar() const { return m_rangeBar; }
    ComparisonTable* table() const { return m_table; }
    ComparisonCharts* charts() const { return m_charts; }
    OverlapMatrixTable* overlap() const { return m_overlap; }
    SignificanceList* significance() const { return m_significance; }
    QPushButton* exportButton() const { return m_export; }

signals:
    // A comparison is shown (all its parts filled).
    void comparisonShown();
    void failed(const core::Error& error, const QString& context);
    void succeeded(const QString& message);
    void busyChanged();

private:
    QWidget* buildResults();
    void build(const core::ComparisonRequest& request);
    void showComparison(const core::Comparison& comparison);
    void arrange(int segments);
    void setResultsVisible(bool visible);
    void updateState();

    std::shared_ptr<const core::Catalogue> m_catalogue;
    AnalyticsSource m_source;
    ChooseSaveFile m_chooseSaveFile;
    std::optional<core::Comparison> m_comparison;
    quint64 m_sequence = 0;
    bool m_building = false;
    int m_exports = 0;
    int m_arrangedFor = 0;
    bool m_unavailableShown = false;

    SegmentChooser* m_chooser = nullptr;
    SavedComparisonsBar* m_saved = nullptr;
    QPushButton* m_export = nullptr;
    BusyIndicator* m_busy = nullptr;
    ViewMessage* m_message = nullptr;
    QLabel* m_asOf = nullptr;
    DateRangeBar* m_rangeBar = nullptr;
    QWidget* m_results = nullptr;
    QGridLayout* m_grid = nullptr;
    ComparisonTable* m_table = nullptr;
    QWidget* m_side = nullptr;
    ComparisonCharts* m_charts = nullptr;
    OverlapMatrixTable* m_overlap = nullptr;
    SignificanceList* m_significance = nullptr;
};

} // namespace ui
