#include "waterfall_chart.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace ui {

namespace {
const QColor kAlone(0xc6, 0xda, 0xfc);
const QColor kCumulative(0x1a, 0x73, 0xe8);
} // namespace

WaterfallChart::WaterfallChart(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Reach by condition"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void WaterfallChart::setEstimate(const core::ReachEstimate& estimate)
{
    m_steps = estimate.waterfall;
    m_base = estimate.activeUsers;
    QStringList description;
    for (const auto& s : m_steps)
        description.append(tr("%1: %2 alone, %3 together with the conditions above")
                               .arg(s.label, QLocale().toString(s.alone), QLocale().toString(s.cumulative)));
    setAccessibleDescription(description.join(QStringLiteral("; ")));
    setToolTip(description.join(QLatin1Char('\n'))); // the full labels, which may be elided on screen
    updateGeometry();
    update();
}

void WaterfallChart::clear()
{
    m_steps.clear();
    m_base = 0;
    setAccessibleDescription(QString());
    setToolTip(QString());
    updateGeometry();
    update();
}

int WaterfallChart::rowHeight() const
{
    return fontMetrics().height() * 2 + 22;
}

QSize WaterfallChart::sizeHint() const
{
    return {300, heightForWidth(300)};
}

QSize WaterfallChart::minimumSizeHint() const
{
    return {200, heightForWidth(200)};
}

int WaterfallChart::heightForWidth(int) const
{
    return static_cast<int>(m_steps.size()) * rowHeight() + 4;
}

void WaterfallChart::paintEvent(QPaintEvent*)
{
    if (m_steps.isEmpty())
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int rh = rowHeight();
    const int barHeight = 8;
    const qreal base = m_base > 0 ? static_cast<qreal>(m_base) : 1.0;
    const QColor text = palette().color(QPalette::WindowText);
    QColor muted = text;
    muted.setAlphaF(0.65);

    for (int i = 0; i < m_steps.size(); ++i) {
        const auto& step = m_steps.at(i);
        const int top = i * rh + 2;
        const QString number = QLocale().toString(step.cumulative);
        const int numberWidth = fm.horizontalAdvance(number);
        p.setPen(text);
        const QString label = fm.elidedText(QStringLiteral("%1. %2").arg(i + 1).arg(step.label),
                                            Qt::ElideRight, width() - numberWidth - 12);
        p.drawText(QRect(0, top, width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter, label);
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(QRect(0, top, width(), fm.height()), Qt::AlignRight | Qt::AlignVCenter, number);
        p.setFont(font());

        const int barsTop = top + fm.height() + 4;
        const int full = width() - 2;
        auto bar = [&](int y, qint64 value, const QColor& color) {
            QPainterPath track;
            track.addRoundedRect(QRectF(1, y, full, barHeight), 3, 3);
            p.fillPath(track, palette().color(QPalette::AlternateBase));
            const qreal w = qMax<qreal>(value > 0 ? 2.0 : 0.0, full * qBound<qreal>(0.0, value / base, 1.0));
            QPainterPath path;
            path.addRoundedRect(QRectF(1, y, w, barHeight), 3, 3);
            p.fillPath(path, color);
        };
        bar(barsTop, step.alone, kAlone);
        bar(barsTop + barHeight + 2, step.cumulative, kCumulative);
        p.setPen(muted);
    }
}

} // namespace ui
