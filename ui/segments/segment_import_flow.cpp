#include "segments/segment_import_flow.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

#include "backends/segment_store.h"
#include "common/plural.h"
#include "domain/catalogue.h"
#include "export/segment_import_file.h"

namespace ui {

SegmentImportFlow::SegmentImportFlow(core::SegmentStore& store, std::shared_ptr<const core::Catalogue> catalogue,
                                     QWidget* window)
    : QObject(window), m_store(store), m_catalogue(std::move(catalogue)), m_window(window)
{
    m_chooseOpenFile = [this](const QString& title, const QString& filter) {
        return QFileDialog::getOpenFileName(m_window, title, QDir::homePath(), filter);
    };
}

SegmentImportFlow::~SegmentImportFlow() = default;

void SegmentImportFlow::chooseAndImport()
{
    if (isBusy())
        return;
    const QString path =
        m_chooseOpenFile(tr("Import Segments"), tr("Segments exported as JSON (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void SegmentImportFlow::importFile(const QString& path)
{
    if (isBusy())
        return;
    const QString context = tr("Could not import the segments of “%1”").arg(QFileInfo(path).fileName());
    auto file = core::SegmentImportFile::read(path, m_catalogue);
    if (!file) {
        emit failed(file.error(), context);
        return;
    }
    const int total = static_cast<int>(file.value().segments.size());
    m_run = new core::SegmentImportRun(m_store, std::move(file).value(), this);
    m_progress = new QProgressDialog(tr("Importing %1 from %2…")
                                         .arg(core::countOf(total, tr("segment"), tr("segments")),
                                              QFileInfo(path).fileName()),
                                     tr("Stop"), 0, std::max(total, 1), m_window);
    m_progress->setWindowTitle(tr("Import Segments"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setValue(0);
    connect(m_progress, &QProgressDialog::canceled, m_run, &core::SegmentImportRun::cancel);
    connect(m_run, &core::SegmentImportRun::progress, m_progress, [progress = m_progress, run = m_run](int done, int) {
        if (progress->wasCanceled()) // also Esc and closing the dialog
            run->cancel();
        else
            progress->setValue(done);
    });
    connect(m_run, &core::SegmentImportRun::progress, this, &SegmentImportFlow::progressed);
    emit busyChanged(true);
    m_run->start().then(this, [this, path](const core::Result<core::SegmentImportReport>& report) {
        finished(report, path);
    });
}

void SegmentImportFlow::finished(const core::Result<core::SegmentImportReport>& report, const QString& path)
{
    if (m_progress)
        m_progress->deleteLater();
    if (m_run)
        m_run->deleteLater();
    m_run = nullptr;
    emit busyChanged(false);
    const QString name = QFileInfo(path).fileName();
    if (!report) {
        emit failed(report.error(), tr("Could not import the segments of “%1”").arg(name));
        return;
    }
    const core::SegmentImportReport& r = report.value();
    emit imported(r);
    QString message = r.inserted == r.total
                          ? tr("Imported %1 from %2.").arg(core::countOf(r.total, tr("segment"), tr("segments")), name)
                          : tr("Imported %1 from %2: %3 new, %4 already in the workspace.")
                                .arg(core::countOf(r.total, tr("segment"), tr("segments")), name)
                                .arg(r.inserted)
                                .arg(r.unchanged);
    if (!r.advertisersAdded.isEmpty())
        message += QLatin1Char(' ') + tr("Added %1: %2.")
                                          .arg(core::countOf(r.advertisersAdded.size(), tr("advertiser"),
                                                             tr("advertisers")),
                                               r.advertisersAdded.join(QStringLiteral(", ")));
    emit succeeded(message);
}

} // namespace ui
