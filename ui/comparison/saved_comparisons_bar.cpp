#include "comparison/saved_comparisons_bar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/form_style.h"
#include "backends/saved_comparison_store.h"
#include "common/theme.h"

namespace ui {

SavedComparisonsBar::SavedComparisonsBar(QWidget* parent) : QWidget(parent)
{
    m_picker = new QComboBox(this);
    m_picker->setAccessibleName(tr("Saved comparisons"));
    m_picker->setPlaceholderText(tr("Open a saved comparison…"));
    m_picker->setMinimumContentsLength(22);
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_save = new QPushButton(Theme::icon(QStringLiteral("save")), tr("&Save comparison…"), this);
    m_save->setToolTip(tr("Keep these segments and this range under a name, to open again"));
    auto* label = new QLabel(tr("Sa&ved:"), this);
    label->setBuddy(m_picker);
    m_where = makeHint(QString(), this);
    auto* row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(m_picker, 1);
    row->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_where);

    m_askName = [this](const QString& suggested, const QString& problem) {
        QString prompt = tr("Name of the comparison:");
        if (!problem.isEmpty())
            prompt = QStringLiteral("<span style='color:%1'>%2</span><br>%3")
                         .arg(Theme::css(Theme::Role::ErrorText), problem.toHtmlEscaped(), prompt.toHtmlEscaped());
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("Save comparison"), prompt, QLineEdit::Normal, suggested, &ok);
        return ok ? name : QString();
    };
    connect(m_picker, &QComboBox::activated, this, [this](int index) {
        const QString id = m_picker->itemData(index).toString();
        for (const auto& s : m_saved) {
            if (s.id == id) {
                m_request = s.request; // what is being opened: it stays the current one
                m_currentId = id;
                emit openRequested(s);
            }
        }
    });
    connect(m_save, &QPushButton::clicked, this, &SavedComparisonsBar::save);
    updateState();
}

void SavedComparisonsBar::setRequest(std::optional<core::ComparisonRequest> request)
{
    // Other segments make another comparison; another range refines the one opened.
    const bool sameSegments = m_request && request && m_request->segmentIds == request->segmentIds;
    if (!sameSegments) {
        m_currentId.clear();
        const QSignalBlocker block(m_picker);
        m_picker->setCurrentIndex(-1);
    }
    m_request = std::move(request);
    updateState();
}

void SavedComparisonsBar::refresh()
{
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    const quint64 sequence = ++m_listSequence;
    if (!backend.savedComparisons) {
        m_currentId.clear();
        showList({});
        return;
    }
    track(backend.savedComparisons->list(),
          [this, sequence, owner = backend.owner](const core::Result<QList<core::SavedComparison>>& list) {
              if (sequence != m_listSequence)
                  return;
              if (list)
                  showList(list.value());
              else
                  emit failed(list.error(), tr("Could not read the saved comparisons"));
          });
}

void SavedComparisonsBar::save()
{
    if (!m_request)
        return;
    QString suggested;
    for (const auto& s : m_saved) {
        if (s.id == m_currentId)
            suggested = s.name;
    }
    const QString name = m_askName(suggested, QString());
    if (!name.isEmpty())
        store(name, !suggested.isEmpty() &&
                        core::SavedComparison::nameKey(name) == core::SavedComparison::nameKey(suggested));
}

void SavedComparisonsBar::store(const QString& name, bool replaceCurrent)
{
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    if (!backend.savedComparisons || !m_request)
        return;
    if (const core::Status valid = core::SavedComparison::validateName(name); !valid) {
        const QString again = m_askName(name, valid.error().userMessage);
        if (!again.isEmpty())
            store(again, replaceCurrent);
        return;
    }
    core::SavedComparisonStore& saved = *backend.savedComparisons;
    QFuture<core::Result<core::SavedComparison>> done;
    if (replaceCurrent) {
        core::SavedComparison current;
        for (const auto& s : m_saved) {
            if (s.id == m_currentId)
                current = s;
        }
        current.name = name;
        current.request = *m_request;
        done = saved.update(current);
    } else {
        done = saved.create(name, *m_request);
    }
    track(std::move(done), [this, name, replaceCurrent,
                            owner = backend.owner](const core::Result<core::SavedComparison>& result) {
        if (result) {
            m_currentId = result.value().id;
            emit comparisonSaved(result.value());
            refresh();
            return;
        }
        const core::Error& error = result.error();
        if (error.code.startsWith(QLatin1String("comparison_name"))) {
            // The name is the problem (taken, say): ask again, saying why.
            const QString again = m_askName(name, error.userMessage);
            if (!again.isEmpty())
                store(again, replaceCurrent && core::SavedComparison::nameKey(again) ==
                                                   core::SavedComparison::nameKey(name));
            return;
        }
        emit failed(error, tr("Could not save the comparison “%1”").arg(name));
    });
}

void SavedComparisonsBar::showList(const QList<core::SavedComparison>& list)
{
    m_saved = list;
    const QSignalBlocker block(m_picker);
    m_picker->clear();
    for (const auto& s : list)
        m_picker->addItem(s.name, s.id);
    m_picker->setCurrentIndex(m_picker->findData(m_currentId));
    updateState();
}

template <typename T, typename F> void SavedComparisonsBar::track(QFuture<core::Result<T>> future, F onDone)
{
    ++m_busy;
    updateState();
    future.then(this, [this, onDone = std::move(onDone)](const core::Result<T>& result) {
        --m_busy;
        updateState();
        onDone(result);
    });
}

void SavedComparisonsBar::updateState()
{
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    const bool available = backend.savedComparisons != nullptr;
    m_picker->setEnabled(available && !m_saved.isEmpty());
    m_picker->setPlaceholderText(m_saved.isEmpty() ? tr("No saved comparisons yet")
                                                   : tr("Open a saved comparison…"));
    m_save->setEnabled(available && m_request.has_value() && m_busy == 0);
    m_where->setText(available ? tr("Kept in %1.").arg(backend.savedComparisons->location())
                               : tr("This workspace keeps no saved comparisons."));
}

} // namespace ui
