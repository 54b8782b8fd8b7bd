#include "experiments/experiments_panel.h"

#include "analytics/metric_format.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QShowEvent>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include "backends/experiment_store.h"
#include "common/form_style.h"
#include "common/plural.h"
#include "common/theme.h"
#include "common/view_message.h"
#include "experiments/experiment_readout_view.h"
#include "experiments/new_experiment_dialog.h"

namespace ui {

namespace {

constexpr int kVisibleRows = 6; // the list grows up to this many rows, then scrolls

QString statusLabel(core::ExperimentStatus status)
{
    switch (status) {
    case core::ExperimentStatus::Draft:
        return QObject::tr("Draft");
    case core::ExperimentStatus::Running:
        return QObject::tr("Running");
    case core::ExperimentStatus::Stopped:
        return QObject::tr("Stopped");
    }
    return {};
}

Theme::Role statusRole(core::ExperimentStatus status)
{
    switch (status) {
    case core::ExperimentStatus::Running:
        return Theme::Role::SuccessText;
    case core::ExperimentStatus::Draft:
        return Theme::Role::InfoText;
    case core::ExperimentStatus::Stopped:
        break;
    }
    return Theme::Role::MutedText;
}

QString armsText(const core::Experiment& e)
{
    QStringList parts;
    for (const auto& a : e.arms)
        parts << QStringLiteral("%1 %2 %").arg(a.name).arg(a.weight);
    QString out = parts.join(QStringLiteral(" · "));
    if (e.holdoutPercent > 0)
        out += QObject::tr(" · holdout %1 %").arg(QLocale().toString(e.holdoutPercent, 'g', 4));
    return out;
}

QString datesText(const core::Experiment& e)
{
    return QObject::tr("%1 to %2")
        .arg(e.startDate.toString(Qt::ISODate),
             e.endDate.isValid() ? e.endDate.toString(Qt::ISODate) : QObject::tr("open"));
}

} // namespace

ExperimentsPanel::ExperimentsPanel(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Experiments"));
    m_confirmStop = [this](const QString& question) {
        return QMessageBox::question(this, tr("Stop experiment"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Yes;
    };

    m_title = new QLabel(this);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    auto* subtitle =
        makeHint(tr("Split the segment's people into arms and a holdout, run a campaign per arm, and "
                    "see which one works, without being fooled by chance or by looking every day."),
                 this);

    m_new = new QPushButton(Theme::icon(QStringLiteral("new")), tr("&New Experiment…"), this);
    m_new->setToolTip(tr("Create an A/B experiment on the segment, with a calculator of how long it needs"));
    connect(m_new, &QPushButton::clicked, this, [this] { newExperiment(); });
    m_refresh = new QPushButton(Theme::icon(QStringLiteral("refresh")), tr("&Refresh"), this);
    m_refresh->setToolTip(tr("Read the experiments and their results again"));
    connect(m_refresh, &QPushButton::clicked, this, &ExperimentsPanel::reload);
    m_stop = new QPushButton(tr("&Stop Experiment…"), this);
    m_stop->setToolTip(tr("End the experiment today: its arms and results stay, it no longer changes"));
    connect(m_stop, &QPushButton::clicked, this, &ExperimentsPanel::stopCurrent);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    buttons->addWidget(m_stop);

    m_message = new ViewMessage(this);
    m_list = new QTableWidget(this);
    m_list->setAccessibleName(tr("Experiments of the segment"));
    m_list->setColumnCount(5);
    m_list->setHorizontalHeaderLabels({tr("Name"), tr("Key"), tr("Status"), tr("Arms"), tr("Dates")});
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->verticalHeader()->hide();
    m_list->setWordWrap(false);
    m_list->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 5; ++c)
        m_list->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    connect(m_list, &QTableWidget::currentCellChanged, this, [this](int row, int, int, int) {
        if (row >= 0 && row < m_experiments.size())
            select(m_experiments.at(row).id);
    });

    m_readoutView = new ExperimentReadoutView(this);

    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(16, 12, 12, 12);
    layout->setSpacing(10);
    layout->addWidget(m_title);
    layout->addWidget(subtitle);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(m_list);
    layout->addWidget(m_readoutView, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    showSegment(nullptr);
}

const core::Experiment* ExperimentsPanel::current() const
{
    for (const auto& e : m_experiments)
        if (e.id == m_currentId)
            return &e;
    return nullptr;
}

bool ExperimentsPanel::isBusy() const
{
    return m_loadingList || m_loadingResults || m_stopping || (m_dialog && m_dialog->isBusy());
}

QString ExperimentsPanel::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void ExperimentsPanel::setBusyFlag(bool& flag, bool value)
{
    if (flag == value)
        return;
    flag = value;
    updateButtons();
    emit busyChanged();
}

void ExperimentsPanel::updateButtons()
{
    const core::Experiment* e = current();
    m_new->setEnabled(m_segment.has_value() && !m_segment->isDeleted());
    m_refresh->setEnabled(m_segment.has_value() && !m_loadingList);
    m_stop->setEnabled(e && e->status != core::ExperimentStatus::Stopped && !m_stopping);
}

void ExperimentsPanel::showSegment(const core::Segment* segment)
{
    const bool same = segment && m_segment && m_segment->id == segment->id;
    if (segment)
        m_segment = *segment;
    else
        m_segment.reset();
    m_title->setText(segment ? tr("Experiments on “%1”").arg(segment->name) : tr("Experiments"));
    if (same) {
        updateButtons();
        return;
    }
    ++m_listGeneration;
    ++m_resultsGeneration;
    m_experiments.clear();
    m_currentId.clear();
    m_readout.reset();
    m_readoutView->clear();
    m_list->setRowCount(0);
    m_list->hide();
    setBusyFlag(m_loadingList, false);
    setBusyFlag(m_loadingResults, false);
    m_stale = true;
    updateButtons();
    if (!segment) {
        m_message->showInfo(tr("Select a saved segment to see its experiments or start one."));
        return;
    }
    m_message->clearMessage();
    if (isVisible())
        loadList();
}

void ExperimentsPanel::reload()
{
    m_stale = true;
    if (m_segment && isVisible())
        loadList();
}

void ExperimentsPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale && m_segment && !m_loadingList)
        loadList();
}

void ExperimentsPanel::report(const core::Error& error, const QString& context)
{
    m_message->showError(error, context);
    if (error.code == QLatin1String("offline")) // the panel says it, and the status bar that the workspace is offline
        return;
    emit failed(error, context);
}

AnalyticsBackend ExperimentsPanel::backendOrExplain(const QString& context)
{
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    if (!backend.experiments) {
        core::Error e = core::Error::notFound(tr("No workspace is open."));
        e.remediation = tr("Wait for it to open, or choose one with Connection ▸ Connect to Workspace.");
        m_message->showError(e, context);
    }
    return backend;
}

void ExperimentsPanel::loadList()
{
    if (!m_segment)
        return;
    const QString context = tr("Could not read the experiments of “%1”").arg(m_segment->name);
    const AnalyticsBackend backend = backendOrExplain(context);
    if (!backend.experiments)
        return;
    m_stale = false;
    const int generation = ++m_listGeneration;
    setBusyFlag(m_loadingList, true);
    core::ExperimentQuery query;
    query.segmentId = m_segment->id;
    backend.experiments->list(query).then(this, [this, generation, context, owner = backend.owner](
                                                    const core::Result<QList<core::Experiment>>& listed) {
        if (generation != m_listGeneration)
            return;
        setBusyFlag(m_loadingList, false);
        if (!listed) {
            report(listed.error(), context);
            return;
        }
        m_experiments = listed.value();
        showList();
    });
}

void ExperimentsPanel::showList()
{
    if (!current())
        m_currentId = m_experiments.isEmpty() ? QString() : m_experiments.first().id;
    {
        const QSignalBlocker block(m_list);
        m_list->setRowCount(static_cast<int>(m_experiments.size()));
        for (int row = 0; row < m_experiments.size(); ++row) {
            const core::Experiment& e = m_experiments.at(row);
            const QStringList texts{e.name, e.key, statusLabel(e.status), armsText(e), datesText(e)};
            for (int c = 0; c < texts.size(); ++c) {
                auto* item = new QTableWidgetItem(texts.at(c));
                if (c == 2)
                    item->setForeground(Theme::color(statusRole(e.status)));
                item->setToolTip(tr("%1 — %2, version %3")
                                     .arg(e.name, core::experimentMetricLabel(e.primaryMetric))
                                     .arg(e.version));
                m_list->setItem(row, c, item);
            }
            if (e.id == m_currentId)
                m_list->selectRow(row);
        }
    }
    m_list->setVisible(!m_experiments.isEmpty());
    if (!m_experiments.isEmpty()) {
        const int rows = std::min(static_cast<int>(m_experiments.size()), kVisibleRows);
        int height = m_list->horizontalHeader()->sizeHint().height() + 2 * m_list->frameWidth();
        for (int r = 0; r < rows; ++r)
            height += m_list->rowHeight(r);
        m_list->setFixedHeight(height);
    }
    if (m_experiments.isEmpty()) {
        m_readout.reset();
        m_readoutView->clear();
        m_message->showInfo(tr("No experiments on “%1” yet. New Experiment… splits its people into arms and "
                               "tells you how long the experiment needs.")
                                .arg(m_segment->name));
    } else {
        m_message->clearMessage();
    }
    updateButtons();
    loadResults();
}

void ExperimentsPanel::select(const QString& experimentId)
{
    if (experimentId == m_currentId && m_readout)
        return;
    m_currentId = experimentId;
    for (int row = 0; row < m_experiments.size(); ++row) {
        if (m_experiments.at(row).id == experimentId && m_list->currentRow() != row) {
            const QSignalBlocker block(m_list);
            m_list->selectRow(row);
        }
    }
    updateButtons();
    loadResults();
}

void ExperimentsPanel::loadResults()
{
    const core::Experiment* e = current();
    const int generation = ++m_resultsGeneration;
    if (!e) {
        setBusyFlag(m_loadingResults, false);
        return;
    }
    const core::Experiment experiment = *e;
    const QString context = tr("Could not read the results of “%1”").arg(experiment.name);
    const AnalyticsBackend backend = backendOrExplain(context);
    if (!backend.experiments)
        return;
    m_readout.reset();
    setBusyFlag(m_loadingResults, true);
    backend.experiments->data(experiment.id)
        .then(this, [this, generation, experiment, context,
                     owner = backend.owner](const core::Result<core::ExperimentData>& data) {
            if (generation != m_resultsGeneration)
                return;
            setBusyFlag(m_loadingResults, false);
            if (!data) {
                m_readoutView->clear();
                report(data.error(), context);
                return;
            }
            m_readout = core::ExperimentResults::read(experiment, data.value(), {},
                                                      MetricFormat::currencyOf(experiment.advertiserId));
            m_readoutView->showReadout(experiment, *m_readout);
        });
}

ExperimentsPanel::~ExperimentsPanel()
{
    if (m_dialog)
        disconnect(m_dialog, nullptr, this, nullptr);
}

NewExperimentDialog* ExperimentsPanel::newExperiment()
{
    if (!m_segment || m_segment->isDeleted())
        return nullptr;
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    auto* dialog = new NewExperimentDialog(*m_segment, m_source, m_user, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &NewExperimentDialog::busyChanged, this, &ExperimentsPanel::busyChanged);
    connect(dialog, &QObject::destroyed, this, &ExperimentsPanel::busyChanged);
    connect(dialog, &NewExperimentDialog::created, this, [this](const core::Experiment& created) {
        emit succeeded(
            tr("Created the experiment “%1” (key %2): %3.")
                .arg(created.name, created.key, core::countOf(created.arms.size(), tr("arm"), tr("arms"))));
        m_currentId = created.id;
        m_readout.reset();
        reload();
    });
    dialog->open();
    return dialog;
}

void ExperimentsPanel::stopCurrent()
{
    const core::Experiment* e = current();
    if (!e || e->status == core::ExperimentStatus::Stopped || m_stopping)
        return;
    const core::Experiment experiment = *e;
    if (!m_confirmStop(
            tr("Stop “%1”?\n\nIts end date becomes today and it no longer changes: who is in which arm "
               "and the results so far stay. A stopped experiment cannot be started again.")
                .arg(experiment.name)))
        return;
    const QString context = tr("Could not stop “%1”").arg(experiment.name);
    const AnalyticsBackend backend = backendOrExplain(context);
    if (!backend.experiments)
        return;
    setBusyFlag(m_stopping, true);
    backend.experiments->stop(experiment.id, experiment.version, m_user)
        .then(this, [this, context, owner = backend.owner](const core::Result<core::Experiment>& stopped) {
            setBusyFlag(m_stopping, false);
            if (!stopped) {
                report(stopped.error(), context);
                reload(); // a newer version, say: show what is stored now
                return;
            }
            emit succeeded(tr("Stopped “%1” on %2.")
                               .arg(stopped.value().name, stopped.value().endDate.toString(Qt::ISODate)));
            m_readout.reset();
            reload();
        });
}

} // namespace ui
