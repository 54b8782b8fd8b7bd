#pragma once

#include <QDate>
#include <QTimer>
#include <QWidget>

#include "domain/date_range.h"
#include "analytics/metric_rollup.h"

class QComboBox;
class QDateEdit;

namespace ui {

// "Range [Last 30 days ▾] From [date] To [date]  Show by [Day ▾]" above a view's figures. The
// presets count back from the last day with data; editing a date switches to "Custom" (typed
// dates are applied after a short pause, not at every digit). The dates cannot cross, and stay
// within the data's days once they are known.
class DateRangeBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DateRangeBar)

public:
    static constexpr int kEditDelayMilliseconds = 400;

    explicit DateRangeBar(QWidget* parent = nullptr);

    // The days with data (first may be null when unknown: no "All data" then). Re-applies the
    // preset so that it ends on `last`; a custom range is clipped into the days.
    void setDataExtent(QDate first, QDate last);
    // Shows the range (as "Custom" unless a preset gives exactly it) without emitting.
    void showRange(const core::DateRange& range);

    // The range chosen; null when nothing is known yet (no extent, no custom dates).
    core::DateRange range() const;
    // Presets are "last N days" (0 for "All data"); nothing for a custom range.
    std::optional<int> presetDays() const;
    core::Granularity granularity() const;
    void setGranularity(core::Granularity granularity);

    QComboBox* presetBox() const { return m_preset; }
    QDateEdit* fromEdit() const { return m_from; }
    QDateEdit* toEdit() const { return m_to; }
    QComboBox* granularityBox() const { return m_granularity; }

signals:
    // The user chose another range (a preset, or dates).
    void rangeChanged(const core::DateRange& range);
    void granularityChanged(core::Granularity granularity);

private:
    void applyPreset();
    void showDates(const core::DateRange& range);
    void onDateEdited();
    core::DateRange presetRange(int days) const;

    QComboBox* m_preset;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QComboBox* m_granularity;
    QTimer m_editDelay;
    QDate m_first;
    QDate m_last;
    bool m_showing = false;
};

} // namespace ui
