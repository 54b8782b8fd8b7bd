#include "forecast/forecast_overview_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "forecast/segment_forecast_csv.h"
#include "forecast/forecast_overview_model.h"
#include "common/view_message.h"
#include "common/theme.h"

namespace ui {

using core::forecast::SegmentMetric;
using core::forecast::SegmentSeries;
using State = ForecastOverviewRun::State;

namespace {

QString seconds(qint64 ms)
{
    return QObject::tr("%1 s").arg(QLocale().toString(static_cast<double>(ms) / 1000.0, 'f', 1));
}

} // namespace

ForecastOverviewDialog::ForecastOverviewDialog(core::SegmentStore& segments, AnalyticsSource source,
                                               QWidget* parent)
    : QDialog(parent), m_run(new ForecastOverviewRun(segments, std::move(source), this)),
      m_model(new ForecastOverviewModel(this))
{
    setWindowTitle(tr("Forecast All Segments"));
    setObjectName(QStringLiteral("forecastOverviewDialog"));
    m_chooseSaveFile = [this](const QString& title, const QString& suggested, const QString& filter) {
        return QFileDialog::getSaveFileName(this, title, suggested, filter);
    };
    buildControls();
    m_ticker.setInterval(200);
    connect(&m_ticker, &QTimer::timeout, this, &ForecastOverviewDialog::showElapsed);
    connect(m_run, &ForecastOverviewRun::stateChanged, this, &ForecastOverviewDialog::onStateChanged);
    connect(m_run, &ForecastOverviewRun::progressChanged, this, &ForecastOverviewDialog::onProgress);
    connect(m_run, &ForecastOverviewRun::summariesReady, m_model, &ForecastOverviewModel::append);
    connect(m_run, &ForecastOverviewRun::failed, this, &ForecastOverviewDialog::onFailed);
    setCurrentAdvertiser({}, {});
    updateButtons();
    resize(1180, 680);
}

ForecastOverviewDialog::~ForecastOverviewDialog() = default;

void ForecastOverviewDialog::buildControls()
{
    m_metric = new QComboBox(this);
    for (SegmentMetric m : {SegmentMetric::Impressions, SegmentMetric::Clicks, SegmentMetric::Conversions}) {
        const QString name = SegmentSeries::metricName(m);
        m_metric->addItem(name.at(0).toUpper() + name.mid(1), QVariant::fromValue(static_cast<int>(m)));
    }
    m_metric->setAccessibleName(tr("Metric"));
    m_horizon = new QSpinBox(this);
    m_horizon->setRange(1, 365);
    m_horizon->setValue(14);
    m_horizon->setSuffix(tr(" days"));
    m_horizon->setAccessibleName(tr("Horizon"));
    m_horizon->setToolTip(tr("How many days ahead to forecast"));
    m_backtest = new QCheckBox(tr("&Backtest"), this);
    m_backtest->setToolTip(tr("Also forecast the last few weeks from earlier data and score the forecasts "
                              "against seasonal naive (takes about five times as long)"));
    m_scope = new QComboBox(this);
    m_scope->setAccessibleName(tr("Segments"));
    m_scope->setMinimumContentsLength(28);
    m_start = new QPushButton(Theme::icon(QStringLiteral("chart")), tr("&Start"), this);
    m_start->setDefault(true);
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setToolTip(tr("Stop forecasting; the rows shown so far stay"));

    auto* options = new QHBoxLayout;
    auto label = [this](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    options->addWidget(label(tr("&Metric:"), m_metric));
    options->addWidget(m_metric);
    options->addSpacing(12);
    options->addWidget(label(tr("&Horizon:"), m_horizon));
    options->addWidget(m_horizon);
    options->addSpacing(12);
    options->addWidget(m_backtest);
    options->addSpacing(12);
    options->addWidget(label(tr("S&egments:"), m_scope));
    options->addWidget(m_scope, 1);
    options->addSpacing(12);
    options->addWidget(m_start);
    options->addWidget(m_cancel);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("Not started"));
    m_elapsed = new QLabel(this);
    m_elapsed->setMinimumWidth(70);
    m_elapsed->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_elapsed->setToolTip(tr("Time since Start"));
    auto* progress = new QHBoxLayout;
    progress->addWidget(m_progress, 1);
    progress->addWidget(m_elapsed);

    m_status = new QLabel(tr("Choose what to forecast and press Start."), this);
    m_status->setWordWrap(true);
    m_message = new ViewMessage(this);
    m_message->hide();

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ForecastOverviewModel::SortRole);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ForecastOverviewModel::Segment, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    fitColumns();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setToolTip(tr("Double-click a segment to show it in the main window"));
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (!source.isValid())
            return;
        const auto& row = m_model->at(source.row());
        emit segmentActivated(row.advertiserId, row.segmentId);
    });

    m_export = new QPushButton(Theme::icon(QStringLiteral("export")), tr("E&xport CSV…"), this);
    m_export->setToolTip(tr("Write the table to a CSV file for spreadsheets"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &ForecastOverviewDialog::reject);

    connect(m_start, &QPushButton::clicked, this, &ForecastOverviewDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &ForecastOverviewDialog::cancel);
    connect(m_export, &QPushButton::clicked, this, &ForecastOverviewDialog::exportCsv);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(options);
    layout->addLayout(progress);
    layout->addWidget(m_status);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
}

void ForecastOverviewDialog::fitColumns()
{
    // Fixed widths, wide enough for the headers: sizing columns to their contents would re-read
    // every row on each batch.
    const QFontMetrics metrics = m_table->horizontalHeader()->fontMetrics();
    const int em = metrics.horizontalAdvance(QLatin1Char('M'));
    const int widths[] = {17, 13, 8, 6, 10, 10, 6, 6, 6, 12};
    for (int c = 0; c < ForecastOverviewModel::ColumnCount; ++c) {
        const QString header = m_model->headerData(c, Qt::Horizontal).toString();
        m_table->setColumnWidth(c, std::max(widths[c] * em, metrics.horizontalAdvance(header) + 2 * em));
    }
}

void ForecastOverviewDialog::setCurrentAdvertiser(const QString& id, const QString& name)
{
    const bool wasAll = m_scope->count() > 0 && m_scope->currentData().toString().isEmpty() &&
                        !m_currentAdvertiserId.isEmpty();
    m_currentAdvertiserId = id;
    m_scope->clear();
    if (!id.isEmpty())
        m_scope->addItem(tr("Advertiser %1").arg(name.isEmpty() ? id : name), id);
    m_scope->addItem(tr("All advertisers"), QString());
    if (wasAll)
        m_scope->setCurrentIndex(m_scope->count() - 1);
}

void ForecastOverviewDialog::resetWorkspace()
{
    m_run->cancel();
    m_model->clear();
    m_message->clearMessage();
    m_message->hide();
    m_status->setText(tr("Choose what to forecast and press Start."));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Not started"));
    m_elapsed->clear();
    updateButtons();
}

ForecastOverviewRun::Request ForecastOverviewDialog::request() const
{
    ForecastOverviewRun::Request r;
    r.advertiserId = m_scope->currentData().toString();
    r.metric = static_cast<SegmentMetric>(m_metric->currentData().toInt());
    r.options.forecast.horizon = m_horizon->value();
    r.options.backtest = m_backtest->isChecked();
    return r;
}

void ForecastOverviewDialog::start()
{
    const ForecastOverviewRun::Request r = request();
    m_model->clear();
    m_model->setHorizon(r.options.forecast.horizon);
    fitColumns();
    m_exportMetric = SegmentSeries::metricName(r.metric);
    m_message->clearMessage();
    m_message->hide();
    m_table->setColumnHidden(ForecastOverviewModel::Mase, !r.options.backtest);
    m_table->setColumnHidden(ForecastOverviewModel::Coverage95, !r.options.backtest);
    m_run->start(r);
}

void ForecastOverviewDialog::cancel()
{
    m_run->cancel();
    updateButtons();
}

void ForecastOverviewDialog::reject()
{
    m_run->cancel();
    QDialog::reject();
}

void ForecastOverviewDialog::onStateChanged(State state)
{
    switch (state) {
    case State::Reading:
        m_progress->setRange(0, 0); // busy until the segments are counted
        m_progress->setFormat(tr("Reading the daily metrics…"));
        m_status->setText(m_run->request().advertiserId.isEmpty()
                              ? tr("Reading the daily metrics of every segment…")
                              : tr("Reading the daily metrics of the advertiser's segments…"));
        m_ticker.start();
        break;
    case State::Forecasting:
        m_status->setText(tr("Forecasting %1 from %2 in the background; rows appear as they are done.")
                              .arg(m_metric->currentText().toLower(),
                                   QLocale().toString(m_run->through(), QLocale::ShortFormat)));
        break;
    case State::Finished: {
        int forecast = 0;
        for (const auto& row : m_model->rows())
            forecast += row.forecast ? 1 : 0;
        const int total = static_cast<int>(m_model->rowCount());
        m_status->setText(total == 0
                              ? tr("There are no segments to forecast here.")
                              : tr("Forecast %1 of %2 segments in %3; %4 could not be forecast "
                                   "(the Note column says why).")
                                    .arg(QLocale().toString(forecast), QLocale().toString(total),
                                         seconds(m_run->elapsedMs()), QLocale().toString(total - forecast)));
        m_progress->setRange(0, std::max(1, m_run->total()));
        m_progress->setValue(m_run->total());
        break;
    }
    case State::Cancelled:
        m_status->setText(tr("Cancelled after %1 of %2 segments (%3); the rows shown are the ones done.")
                              .arg(QLocale().toString(m_model->rowCount()),
                                   QLocale().toString(m_run->total()), seconds(m_run->elapsedMs())));
        if (m_run->total() == 0) {
            m_progress->setRange(0, 1);
            m_progress->setValue(0);
        }
        m_progress->setFormat(
            tr("Cancelled: %1 of %2 segments")
                .arg(QLocale().toString(m_model->rowCount()), QLocale().toString(m_run->total())));
        break;
    case State::Failed:
    case State::Idle:
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_progress->setFormat(state == State::Failed ? tr("Failed") : tr("Not started"));
        break;
    }
    if (!m_run->isRunning()) {
        m_ticker.stop();
        showElapsed();
    }
    updateButtons();
}

void ForecastOverviewDialog::onProgress(int done, int total)
{
    if (m_run->state() != State::Forecasting)
        return;
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    m_progress->setFormat(tr("%1 of %2 segments").arg(QLocale().toString(done), QLocale().toString(total)));
}

void ForecastOverviewDialog::onFailed(const core::Error& error)
{
    const QString context = tr("Could not forecast the segments");
    m_message->showError(error, context);
    m_message->show();
    m_status->setText(tr("Nothing was forecast."));
    emit failed(error, context);
}

void ForecastOverviewDialog::showElapsed()
{
    m_elapsed->setText(seconds(m_run->elapsedMs()));
}

void ForecastOverviewDialog::updateButtons()
{
    const bool running = m_run->isRunning();
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_export->setEnabled(!running && m_model->rowCount() > 0 && m_exports == 0);
    for (QWidget* w : {static_cast<QWidget*>(m_metric), static_cast<QWidget*>(m_horizon),
                       static_cast<QWidget*>(m_backtest), static_cast<QWidget*>(m_scope)})
        w->setEnabled(!running);
}

void ForecastOverviewDialog::exportCsv()
{
    if (m_model->rowCount() == 0)
        return;
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("forecasts-%1-%2.csv")
                                                .arg(m_exportMetric, m_run->through().toString(Qt::ISODate)));
    QString path = m_chooseSaveFile(tr("Export forecasts as CSV"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    // In the order the table shows.
    QList<core::forecast::SegmentForecastSummary> rows;
    rows.reserve(m_proxy->rowCount());
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        rows.append(m_model->at(m_proxy->mapToSource(m_proxy->index(r, 0)).row()));
    ++m_exports;
    updateButtons();
    QtConcurrent::run([rows = std::move(rows), metric = m_exportMetric, path] {
        return core::forecast::SegmentForecastCsv::write(rows, metric, path);
    }).then(this, [this, path](const core::Status& written) {
        --m_exports;
        updateButtons();
        if (written) {
            const QString text = tr("Exported the forecasts to %1").arg(QDir::toNativeSeparators(path));
            m_status->setText(text);
            emit succeeded(text);
        } else {
            const QString context = tr("Could not export the forecasts");
            m_message->showError(written.error(), context);
            m_message->show();
            emit failed(written.error(), context);
        }
    });
}

} // namespace ui
