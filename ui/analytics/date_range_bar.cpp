#include "analytics/date_range_bar.h"
#include "common/flow_layout.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QScopedValueRollback>
#include <QStandardItemModel>

namespace ui {

namespace {

constexpr int kCustom = -1;
constexpr int kAllData = 0;
const QDate kEarliest(2000, 1, 1);
const QDate kLatest(2100, 12, 31);

QDateEdit* makeDateEdit(const QString& name, QWidget* parent)
{
    auto* edit = new QDateEdit(parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setAccessibleName(name);
    edit->setDateRange(kEarliest, kLatest);
    return edit;
}

} // namespace

DateRangeBar::DateRangeBar(QWidget* parent) : QWidget(parent)
{
    m_preset = new QComboBox(this);
    m_preset->setAccessibleName(tr("Date range"));
    m_preset->addItem(tr("Last 7 days"), 7);
    m_preset->addItem(tr("Last 30 days"), 30);
    m_preset->addItem(tr("Last 90 days"), 90);
    m_preset->addItem(tr("All data"), kAllData);
    m_preset->addItem(tr("Custom"), kCustom);
    m_preset->setCurrentIndex(1);
    m_preset->setToolTip(tr("Counted back from the last day with data"));
    m_from = makeDateEdit(tr("From"), this);
    m_to = makeDateEdit(tr("To"), this);
    m_granularity = new QComboBox(this);
    m_granularity->setAccessibleName(tr("Show by"));
    m_granularity->addItem(tr("Day"), core::granularityKey(core::Granularity::Day));
    m_granularity->addItem(tr("Week"), core::granularityKey(core::Granularity::Week));
    m_granularity->addItem(tr("Month"), core::granularityKey(core::Granularity::Month));
    m_granularity->setToolTip(tr("Points of the charts: days, ISO weeks (Monday to Sunday) or months"));

    auto label = [this](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    // Three groups that wrap as wholes when the view is narrow (a 1280×800 laptop), so no field
    // is pushed out of sight: the preset, the dates, the granularity.
    auto group = [this](std::initializer_list<QWidget*> widgets) {
        auto* box = new QWidget(this);
        auto* row = new QHBoxLayout(box);
        row->setContentsMargins(0, 0, 0, 0);
        for (QWidget* w : widgets)
            row->addWidget(w);
        return box;
    };
    auto* layout = new FlowLayout(this, 12);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(group({label(tr("&Range:"), m_preset), m_preset}));
    layout->addWidget(group({label(tr("From"), m_from), m_from, label(tr("to"), m_to), m_to}));
    layout->addWidget(group({label(tr("Show &by:"), m_granularity), m_granularity}));

    m_editDelay.setSingleShot(true);
    m_editDelay.setInterval(kEditDelayMilliseconds);
    connect(&m_editDelay, &QTimer::timeout, this, [this] {
        {
            const QSignalBlocker block(m_preset);
            m_preset->setCurrentIndex(m_preset->findData(kCustom));
        }
        emit rangeChanged(range());
    });
    connect(m_preset, &QComboBox::currentIndexChanged, this, &DateRangeBar::applyPreset);
    connect(m_from, &QDateEdit::dateChanged, this, &DateRangeBar::onDateEdited);
    connect(m_to, &QDateEdit::dateChanged, this, &DateRangeBar::onDateEdited);
    connect(m_granularity, &QComboBox::currentIndexChanged, this,
            [this] { emit granularityChanged(granularity()); });
    showDates({});
}

void DateRangeBar::setDataExtent(QDate first, QDate last)
{
    m_first = first;
    m_last = last;
    if (auto* model = qobject_cast<QStandardItemModel*>(m_preset->model()))
        model->item(m_preset->findData(kAllData))->setEnabled(first.isValid());
    if (presetDays()) {
        showDates(range());
        return;
    }
    core::DateRange custom = range(); // clipped into the days with data
    if (first.isValid() && custom.first < first)
        custom.first = first;
    if (last.isValid() && custom.last > last)
        custom.last = last;
    showDates(custom.isValid() ? custom : presetRange(30));
}

void DateRangeBar::showRange(const core::DateRange& range)
{
    int index = m_preset->findData(kCustom);
    for (int i = 0; i < m_preset->count(); ++i) {
        const int days = m_preset->itemData(i).toInt();
        if (days != kCustom && presetRange(days) == range) {
            index = i;
            break;
        }
    }
    {
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(index);
    }
    showDates(range);
}

core::DateRange DateRangeBar::range() const
{
    if (const auto days = presetDays())
        return presetRange(*days);
    return {m_from->date(), m_to->date()};
}

std::optional<int> DateRangeBar::presetDays() const
{
    const int days = m_preset->currentData().toInt();
    return days == kCustom ? std::nullopt : std::optional<int>(days);
}

core::Granularity DateRangeBar::granularity() const
{
    return core::granularityFromKey(m_granularity->currentData().toString()).value_or(core::Granularity::Day);
}

void DateRangeBar::setGranularity(core::Granularity granularity)
{
    m_granularity->setCurrentIndex(m_granularity->findData(core::granularityKey(granularity)));
}

void DateRangeBar::applyPreset()
{
    m_editDelay.stop();
    if (!presetDays()) // "Custom": the dates as they are, to be edited
        return;
    showDates(range());
    emit rangeChanged(range());
}

void DateRangeBar::showDates(const core::DateRange& range)
{
    const QScopedValueRollback<bool> showing(m_showing, true);
    const QDate low = m_first.isValid() ? m_first : kEarliest;
    const QDate high = m_last.isValid() ? m_last : kLatest;
    m_from->setDateRange(low, high);
    m_to->setDateRange(low, high);
    if (range.isValid()) {
        m_from->setDate(range.first);
        m_to->setDate(range.last);
    }
    m_from->setEnabled(m_last.isValid() || range.isValid());
    m_to->setEnabled(m_from->isEnabled());
}

void DateRangeBar::onDateEdited()
{
    if (m_showing)
        return;
    if (m_from->date() > m_to->date()) { // keep them from crossing: the other one follows
        const QScopedValueRollback<bool> showing(m_showing, true);
        if (sender() == m_from)
            m_to->setDate(m_from->date());
        else
            m_from->setDate(m_to->date());
    }
    m_editDelay.start();
}

core::DateRange DateRangeBar::presetRange(int days) const
{
    if (!m_last.isValid())
        return {};
    if (days == kAllData)
        return m_first.isValid() ? core::DateRange{m_first, m_last} : core::DateRange{};
    core::DateRange r = core::DateRange::endingOn(m_last, days);
    if (m_first.isValid() && r.first < m_first)
        r.first = m_first;
    return r;
}

} // namespace ui
