#include "significance_list.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "form_style.h"

namespace ui {

namespace {

struct OutcomeLook
{
    QString mark;
    QString colour;
    QString tip;
};

OutcomeLook lookOf(core::TestOutcome outcome)
{
    switch (outcome) {
    case core::TestOutcome::Significant:
        return {QStringLiteral("●"), QStringLiteral("#188038"),
                QObject::tr(
                    "A real difference: unlikely to be chance (after correcting for the number of tests)")};
    case core::TestOutcome::NotSignificant:
        return {QStringLiteral("○"), QStringLiteral("#5f6368"),
                QObject::tr("The difference could be chance")};
    case core::TestOutcome::NotEnoughData:
        break;
    }
    return {QStringLiteral("–"), QStringLiteral("#9aa0a6"), QObject::tr("Not enough data to test")};
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
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(8);
}

void SignificanceList::showTests(const QList<core::PairwiseTest>& tests)
{
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_headlines.clear();
    QList<const core::PairwiseTest*> ordered;
    for (const auto& t : tests)
        ordered.append(&t);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto* a, const auto* b) { return rank(a->outcome) < rank(b->outcome); });
    for (const auto* t : ordered) {
        m_layout->addWidget(entry(*t));
        m_headlines.append(t->headline);
    }
    if (ordered.isEmpty())
        m_layout->addWidget(makeHint(tr("No tests: there is nothing to compare yet."), this));
}

QWidget* SignificanceList::entry(const core::PairwiseTest& test)
{
    const OutcomeLook look = lookOf(test.outcome);
    auto* box = new QWidget(this);
    auto* mark = new QLabel(look.mark, box);
    mark->setStyleSheet(QStringLiteral("color: %1; font-size: 14pt;").arg(look.colour));
    mark->setToolTip(look.tip);
    mark->setAlignment(Qt::AlignTop);
    auto* headline = new QLabel(test.headline, box);
    headline->setWordWrap(true);
    QFont f = headline->font();
    f.setBold(test.outcome == core::TestOutcome::Significant);
    headline->setFont(f);
    headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* detail = makeHint(test.detail, box);
    detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* text = new QVBoxLayout;
    text->setSpacing(1);
    text->addWidget(headline);
    text->addWidget(detail);
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(mark, 0, Qt::AlignTop);
    row->addLayout(text, 1);
    box->setToolTip(look.tip);
    return box;
}

} // namespace ui
