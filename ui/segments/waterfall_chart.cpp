#include "segments/waterfall_chart.h"

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

namespace {
constexpr int kBarHeight = 8;
constexpr int kBarGap = 2;
constexpr int kLabelGap = 4;   // between the label and the bars
constexpr int kRowGap = 14;    // between rows
constexpr int kNumberGap = 12; // between the label and the number
} // namespace

int WaterfallChart::rowHeight(int lines) const
{
    return lines * fontMetrics().height() + kLabelGap + 2 * kBarHeight + kBarGap + kRowGap;
}

QStringList WaterfallChart::labelLines(int row, int width) const
{
    const QFontMetrics fm = fontMetrics();
    const auto& step = m_steps.at(row);
    QFont bold = font();
    bold.setBold(true);
    const int numberWidth = QFontMetrics(bold).horizontalAdvance(QLocale().toString(step.cumulative));
    const int room = qMax(40, width - numberWidth - kNumberGap);
    const QString number = QStringLiteral("%1. ").arg(row + 1);
    const QString label = number + step.label;
    if (fm.horizontalAdvance(label) <= room)
        return {label};
    const int indent = fm.horizontalAdvance(number); // the second line hangs under the text
    // Break at the last space that fits; the rest goes on the second line (elided if need be).
    qsizetype cut = label.size();
    while (cut > 0 && fm.horizontalAdvance(label.left(cut)) > room)
        cut = label.lastIndexOf(QLatin1Char(' '), cut - 1);
    if (cut <= 0)
        return {fm.elidedText(label, Qt::ElideRight, room)};
    return {label.left(cut), fm.elidedText(label.mid(cut + 1), Qt::ElideRight, room - indent)};
}

QSize WaterfallChart::sizeHint() const
{
    return {300, heightForWidth(300)};
}

QSize WaterfallChart::minimumSizeHint() const
{
    return {200, heightForWidth(200)};
}

int WaterfallChart::heightForWidth(int width) const
{
    int height = 4;
    for (int i = 0; i < m_steps.size(); ++i)
        height += rowHeight(static_cast<int>(labelLines(i, width).size()));
    return height;
}

void WaterfallChart::paintEvent(QPaintEvent*)
{
    if (m_steps.isEmpty())
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const qreal base = m_base > 0 ? static_cast<qreal>(m_base) : 1.0;
    const QColor text = palette().color(QPalette::WindowText);
    QFont bold = font();
    bold.setBold(true);

    int top = 2;
    for (int i = 0; i < m_steps.size(); ++i) {
        const auto& step = m_steps.at(i);
        const QStringList lines = labelLines(i, width());
        p.setPen(text);
        p.setFont(font());
        const int indent = fm.horizontalAdvance(QStringLiteral("%1. ").arg(i + 1));
        for (int l = 0; l < lines.size(); ++l)
            p.drawText(QRect(l == 0 ? 0 : indent, top + l * fm.height(), width(), fm.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, lines.at(l));
        p.setFont(bold);
        p.drawText(QRect(0, top, width(), fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   QLocale().toString(step.cumulative));
        p.setFont(font());

        const int barsTop = top + static_cast<int>(lines.size()) * fm.height() + kLabelGap;
        const int full = width() - 2;
        auto bar = [&](int y, qint64 value, const QColor& color) {
            QPainterPath track;
            track.addRoundedRect(QRectF(1, y, full, kBarHeight), 3, 3);
            p.fillPath(track, palette().color(QPalette::AlternateBase));
            const qreal w = qMax<qreal>(value > 0 ? 2.0 : 0.0, full * qBound<qreal>(0.0, value / base, 1.0));
            QPainterPath path;
            path.addRoundedRect(QRectF(1, y, w, kBarHeight), 3, 3);
            p.fillPath(path, color);
        };
        bar(barsTop, step.alone, kAlone);
        bar(barsTop + kBarHeight + kBarGap, step.cumulative, kCumulative);
        top += rowHeight(static_cast<int>(lines.size()));
    }
}

} // namespace ui
