#include "workspace/events_import_flow.h"

#include "common/plural.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>

namespace ui {

namespace {

constexpr int kRejectedLinesShown = 50;
constexpr int kProgressSteps = 1000; // the progress bar's range: tenths of a percent of the file

QString number(qint64 n)
{
    return QLocale().toString(n);
}

// "1 record", "2 records" (no translations are shipped, so tr()'s %n plurals would stay "(s)").
QString count(qint64 n, const QString& one, const QString& many)
{
    return core::countOf(n, one, many);
}

} // namespace

EventsImportFlow::EventsImportFlow(AnalyticsSource source, QWidget* window)
    : QObject(window), m_source(std::move(source)), m_window(window)
{
    m_chooseOpenFile = [this](const QString& title, const QString& filter) {
        return QFileDialog::getOpenFileName(m_window, title, QDir::homePath(), filter);
    };
}

EventsImportFlow::~EventsImportFlow() = default;

void EventsImportFlow::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

std::optional<AnalyticsBackend> EventsImportFlow::begin(const QString& context)
{
    if (m_busy)
        return std::nullopt;
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    if (!backend.pipeline) {
        core::Error e = core::Error::notFound(tr("No workspace is open."));
        e.remediation = tr("Wait for it to open, or choose one with Connection ▸ Connect to Workspace.");
        emit failed(e, context);
        return std::nullopt;
    }
    setBusy(true);
    return backend;
}

void EventsImportFlow::chooseAndImport()
{
    if (m_busy)
        return;
    const QString path = m_chooseOpenFile(tr("Import Events"), tr("Events CSV (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void EventsImportFlow::importFile(const QString& path)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QString context = tr("Could not import the events of “%1”").arg(shown);
    const auto backend = begin(context);
    if (!backend)
        return;
    core::ImportOptions options;
    options.cancel = std::make_shared<std::atomic<bool>>(false);
    auto* progress = new QProgressDialog(tr("Reading “%1” into the workspace…").arg(QFileInfo(path).fileName()),
                                         tr("Cancel"), 0, kProgressSteps, m_window);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setWindowTitle(tr("Import Events"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setValue(0);
    m_progress = progress;
    // Cancel (the button, Esc, closing the box) stops the reading; the import's one transaction
    // rolls back, so no half of the file stays in the workspace.
    connect(progress, &QProgressDialog::canceled, this, [this, cancel = options.cancel] {
        cancel->store(true);
        if (m_progress) {
            m_progress->show(); // canceled() hides it: keep saying what happens until the import stops
            m_progress->setLabelText(tr("Cancelling: nothing of the file is kept…"));
            m_progress->setCancelButton(nullptr);
        }
    });
    options.progress = [guard = QPointer<EventsImportFlow>(this)](double fraction) { // the reading thread
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, fraction] {
                if (guard && guard->m_progress && !guard->m_progress->wasCanceled())
                    guard->m_progress->setValue(static_cast<int>(fraction * kProgressSteps));
            },
            Qt::QueuedConnection);
    };
    backend->pipeline->importEvents(path, options)
        .then(this, [this, context, owner = backend->owner](const core::Result<core::ImportReport>& report) {
            if (m_progress)
                m_progress->close();
            setBusy(false);
            if (!report) {
                if (report.error().kind == core::ErrorKind::Cancelled) {
                    emit cancelled(report.error().userMessage);
                    return;
                }
                emit failed(report.error(), context);
                return;
            }
            emit imported(report.value());
            showImportReport(report.value());
        });
}

void EventsImportFlow::showImportReport(const core::ImportReport& report)
{
    if (m_reportBox)
        m_reportBox->close();
    auto* box = new QMessageBox(m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setWindowTitle(tr("Events Imported"));
    box->setIcon(report.rejected.isEmpty() ? QMessageBox::Information : QMessageBox::Warning);
    box->setText(tr("%1 of %2 records of “%3” are in the workspace (not in the metrics yet).")
                     .arg(number(report.rowsLoaded), number(report.rowsRead), report.sourceFile));
    QString more = tr("Refreshing the metrics cleans them: duplicates are skipped and records with bad "
                      "values are set aside with the reason.");
    if (!report.rejected.isEmpty()) {
        more.prepend(tr("%1 could not be read and were left out (see the details). ")
                         .arg(count(report.rejected.size(), tr("record"), tr("records"))));
        QStringList lines;
        for (const auto& r : report.rejected.mid(0, kRejectedLinesShown))
            lines.append(tr("line %1: %2").arg(r.line).arg(r.reason));
        if (report.rejected.size() > kRejectedLinesShown)
            lines.append(tr("and %1 more").arg(number(report.rejected.size() - kRejectedLinesShown)));
        box->setDetailedText(lines.join(QLatin1Char('\n')));
    }
    box->setInformativeText(more);
    QPushButton* now = box->addButton(tr("Refresh Metrics Now"), QMessageBox::AcceptRole);
    box->addButton(tr("Later"), QMessageBox::RejectRole);
    box->setDefaultButton(now);
    connect(now, &QPushButton::clicked, this, &EventsImportFlow::refresh, Qt::QueuedConnection);
    m_reportBox = box;
    box->open();
}

void EventsImportFlow::refresh()
{
    const QString context = tr("Could not refresh the metrics");
    const auto backend = begin(context);
    if (!backend)
        return;
    auto* progress = new QProgressDialog(
        tr("Refreshing the metrics: cleaning the new events and updating every segment's daily figures…"),
        QString(), 0, 0, m_window);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setWindowTitle(tr("Refresh Metrics"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setCancelButton(nullptr); // one transaction: it finishes or changes nothing
    progress->setMinimumDuration(300);
    m_progress = progress;
    backend->pipeline->refresh().then(
        this, [this, context, owner = backend->owner](const core::Result<core::PipelineReport>& report) {
            if (m_progress)
                m_progress->close();
            setBusy(false);
            if (!report) {
                emit failed(report.error(), context);
                return;
            }
            emit refreshed(report.value());
            emit succeeded(refreshSummary(report.value()));
        });
}

QString EventsImportFlow::refreshSummary(const core::PipelineReport& r)
{
    if (r.bronzeRowsProcessed == 0)
        return tr("The metrics are up to date: no new events (%1 checked).")
            .arg(count(r.segmentsRefreshed, tr("segment"), tr("segments")));
    QString text = tr("Metrics refreshed: %1 new events, %2 duplicates skipped, %3 set aside with bad "
                      "values; %4 updated.")
                       .arg(number(r.silverRowsAdded), number(r.duplicatesSkipped), number(r.quarantined),
                            count(r.segmentsRefreshed, tr("segment"), tr("segments")));
    if (!r.quarantineReasons.isEmpty())
        text += QLatin1Char(' ') + tr("Most often: %1.").arg(r.quarantineReasons.first().first);
    if (r.segmentsSkipped > 0)
        text += QLatin1Char(' ') + tr("%1 skipped: their criteria could not be evaluated (see the log).")
                                       .arg(count(r.segmentsSkipped, tr("segment"), tr("segments")));
    return text;
}

} // namespace ui
