#include "comparison/significance_list.h"
#include "common/theme.h"

#include <algorithm>
#include <cmath>

#include <QPaintEvent>
#include <QPainter>

namespace ui {

namespace {

constexpr int kMinimumWidth = 240;

struct OutcomeLook
{
    QString mark;
    QString colour;
};

OutcomeLook lookOf(core::TestOutcome outcome)
{
    switch (outcome) {
    case core::TestOutcome::Significant:
        return {QStringLiteral("●"), Theme::css(Theme::Role::SuccessText)};
    case core::TestOutcome::NotSignificant:
        return {QStringLiteral("○"), Theme::css(Theme::Role::MutedText)};
    case core::TestOutcome::NotEnoughData:
        break;
    }
    return {QStringLiteral("–"), Theme::css(Theme::Role::Unknown)};
}

int rank(core::TestOutcome outcome)
{
    return outcome == core::TestOutcome::Significant      ? 0
           : outcome == core::TestOutcome::NotSignificant ? 1
                                                          : 2;
}

} // namespace

SignificanceList::SignificanceList(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Differences in click and conversion rates"));
    setToolTip(tr("● a real difference: unlikely to be chance, after correcting for the number of tests\n"
                  "○ the difference could be chance\n– not enough data to test"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    m_document.setDocumentMargin(0);
    m_document.setDefaultFont(font());
    showTests({});
}

void SignificanceList::showTests(const QList<core::PairwiseTest>& tests)
{
    m_headlines.clear();
    QList<const core::PairwiseTest*> ordered;
    for (const auto& t : tests)
        ordered.append(&t);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto* a, const auto* b) { return rank(a->outcome) < rank(b->outcome); });
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='0'>");
    for (const auto* t : ordered) {
        const OutcomeLook look = lookOf(t->outcome);
        const QString headline = t->headline.toHtmlEscaped();
        html +=
            QStringLiteral(
                "<tr><td style='color:%1; padding-right:6px' valign='top'>%2</td>"
                "<td style='padding-bottom:8px'>%3<br><span style='color:%5'>%4</span></td></tr>")
                .arg(look.colour, look.mark,
                     t->outcome == core::TestOutcome::Significant ? QStringLiteral("<b>%1</b>").arg(headline)
                                                                  : headline,
                     t->detail.toHtmlEscaped(), Theme::css(Theme::Role::MutedText));
        m_headlines.append(t->headline);
    }
    html += QStringLiteral("</table>");
    if (ordered.isEmpty())
        m_document.setPlainText(tr("No tests: there is nothing to compare yet."));
    else
        m_document.setHtml(html);
    m_heights.clear();
    m_laidOutWidth = -1;
    updateGeometry();
    update();
}

int SignificanceList::heightForWidth(int width) const
{
    const auto known = m_heights.constFind(width);
    if (known != m_heights.constEnd())
        return *known;
    layOut(width);
    const int height = static_cast<int>(std::ceil(m_document.size().height()));
    m_heights.insert(width, height);
    return height;
}

QSize SignificanceList::sizeHint() const
{
    const int width = std::max(kMinimumWidth, this->width());
    return {width, heightForWidth(width)};
}

QSize SignificanceList::minimumSizeHint() const
{
    return {kMinimumWidth, 0};
}

void SignificanceList::paintEvent(QPaintEvent* event)
{
    layOut(width());
    QPainter painter(this);
    m_document.drawContents(&painter, event->rect());
}

void SignificanceList::layOut(int width) const
{
    if (width == m_laidOutWidth)
        return;
    m_document.setTextWidth(width);
    m_laidOutWidth = width;
}

} // namespace ui
