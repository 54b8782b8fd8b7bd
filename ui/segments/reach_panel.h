#pragma once

#include <QWidget>

#include "common/error.h"
#include "domain/reach_estimate.h"

class QLabel;

namespace ui {

class BusyIndicator;
class WaterfallChart;

// Shows the live reach estimate: the number of people, the base it is drawn from, and the
// waterfall of conditions. Also says why there is no number (criteria invalid, error).
class ReachPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReachPanel)

public:
    explicit ReachPanel(QWidget* parent = nullptr);

    void showEstimate(const core::ReachEstimate& estimate);
    // No number: the criteria are empty or have problems (reason says which).
    void showInvalid(const QString& reason = {});
    void showError(const core::Error& error);
    void clear();
    void setBusy(bool busy);
    // Marks the number as out of date while a new estimate is on its way.
    void setStale(bool stale);

    QString reachText() const;
    QString messageText() const;
    const core::ReachEstimate& estimate() const { return m_estimate; }
    bool hasEstimate() const { return m_hasEstimate; }

private:
    void setMessage(const QString& text, bool isError);

    core::ReachEstimate m_estimate;
    bool m_hasEstimate = false;
    QLabel* m_number = nullptr;
    QLabel* m_base = nullptr;
    QLabel* m_share = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_waterfallTitle = nullptr;
    QLabel* m_legend = nullptr;
    WaterfallChart* m_waterfall = nullptr;
    BusyIndicator* m_busy = nullptr;
};

} // namespace ui
