#include "segments/reach_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include "common/busy_indicator.h"
#include "common/form_style.h"
#include "segments/waterfall_chart.h"
#include "common/theme.h"

namespace ui {

ReachPanel::ReachPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("reachPanel"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(
        QStringLiteral("#reachPanel { background: palette(base); border-left: 1px solid palette(mid); }"));
    setAccessibleName(tr("Estimated reach"));

    auto* title = makeSectionHeader(tr("Estimated reach"), this);
    m_busy = new BusyIndicator(this);
    m_busy->setToolTip(tr("Estimating…"));

    m_number = new QLabel(QStringLiteral("–"), this);
    m_number->setObjectName(QStringLiteral("reachNumber"));
    QFont big = m_number->font();
    big.setPointSizeF(big.pointSizeF() * 2.6);
    big.setBold(true);
    m_number->setFont(big);
    m_number->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::css(Theme::Role::AccentText)));
    m_number->setAccessibleName(tr("Reach"));
    m_number->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_share = makeHint(QString(), this);
    m_base = makeHint(QString(), this);
    m_message = makeHint(tr("Choose criteria to see how many people the segment reaches."), this);

    m_waterfallTitle = makeSectionHeader(tr("By condition"), this);
    m_legend = makeHint(tr("Light: people matching the condition alone. Dark: people left after it and every "
                           "condition above it."),
                        this);
    m_waterfall = new WaterfallChart(this);

    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(m_busy);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 14, 18, 14);
    layout->setSpacing(6);
    layout->addLayout(header);
    layout->addWidget(m_number);
    layout->addWidget(m_share);
    layout->addWidget(m_base);
    layout->addWidget(m_message);
    layout->addSpacing(12);
    layout->addWidget(m_waterfallTitle);
    layout->addWidget(m_legend);
    layout->addWidget(m_waterfall);
    layout->addStretch(1);
    clear();
}

void ReachPanel::showEstimate(const core::ReachEstimate& estimate)
{
    m_estimate = estimate;
    m_hasEstimate = true;
    setStale(false);
    const QLocale locale;
    m_number->setText(locale.toString(estimate.reach));
    m_number->show();
    const double share = estimate.activeUsers > 0 ? 100.0 * estimate.reach / estimate.activeUsers : 0.0;
    if (estimate.activeUsers == 0 && !estimate.asOf.isValid()) {
        // No events at all: a zero here says nothing about the criteria.
        m_number->setText(QStringLiteral("—"));
        m_share->setText(tr("No event data in this workspace yet"));
        m_share->show();
        m_base->setText(
            tr("Reach is counted from the impression events. Load them with File ▸ Import Events… "
               "(Ctrl+I), then File ▸ Refresh Metrics (Ctrl+Shift+R)."));
        m_base->show();
    } else {
        m_share->setText(
            estimate.reach == 0 ? tr("No active user matches all the criteria")
            : share < 0.1       ? tr("under 0.1 % of active users")
                          : tr("%1 % of active users").arg(locale.toString(share, 'f', share < 10 ? 1 : 0)));
        m_share->show();
        m_base->setText(tr("of %1 active users in the %2 days to %3")
                            .arg(locale.toString(estimate.activeUsers))
                            .arg(estimate.windowDays)
                            .arg(locale.toString(estimate.asOf, QLocale::LongFormat)));
    }
    m_base->show();
    setMessage(QString(), false);
    const bool steps = estimate.waterfall.size() > 1;
    m_waterfall->setEstimate(estimate);
    m_waterfall->setVisible(steps);
    m_waterfallTitle->setVisible(steps);
    m_legend->setVisible(steps);
}

void ReachPanel::showInvalid(const QString& reason)
{
    m_hasEstimate = false;
    m_number->setText(QStringLiteral("–"));
    m_number->hide(); // the message says why there is no figure
    m_share->hide();
    m_base->hide();
    m_waterfall->clear();
    m_waterfall->hide();
    m_waterfallTitle->hide();
    m_legend->hide();
    setMessage(reason.isEmpty() ? tr("Fix the criteria marked in red to see the reach.") : reason, false);
}

void ReachPanel::showError(const core::Error& error)
{
    showInvalid();
    setMessage(error.remediation.isEmpty()
                   ? tr("Could not estimate the reach: %1").arg(error.userMessage)
                   : tr("Could not estimate the reach: %1 %2").arg(error.userMessage, error.remediation),
               true);
}

void ReachPanel::clear()
{
    showInvalid(tr("Select a segment, or press Ctrl+N to start one, to see how many people it reaches."));
}

void ReachPanel::setBusy(bool busy)
{
    m_busy->setBusy(busy);
}

void ReachPanel::setStale(bool stale)
{
    m_number->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::css(stale ? Theme::Role::StaleAccentText : Theme::Role::AccentText)));
}

QString ReachPanel::reachText() const
{
    return m_number->text();
}

QString ReachPanel::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void ReachPanel::setMessage(const QString& text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: %1;").arg(Theme::css(Theme::Role::ErrorText))
                                     : QStringLiteral("color: palette(dark);"));
    m_message->setVisible(!text.isEmpty());
}

} // namespace ui
