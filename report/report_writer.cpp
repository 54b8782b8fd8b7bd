#include "report/report_writer.h"

#include <QDir>

#include "common/future_wait.h"
#include "databricks/files/volume_files.h"
#include "export/atomic_file.h"
#include "report/report_csv.h"
#include "report/report_html.h"
#include "report/report_pdf.h"

namespace report {

ReportWriter::ReportWriter(core::VolumeFiles* volumes) : m_volumes(volumes) {}

core::Result<QStringList> ReportWriter::write(const ReportContent& content) const
{
    const ReportDefinition& d = content.definition;
    const bool volume = d.writesToVolume();
    if (volume && !m_volumes)
        return core::Error::validation(
            QStringLiteral("report_volume_needs_databricks"),
            QStringLiteral("The report “%1” goes to the volume %2: run it on the Databricks workspace (--profile or --host).")
                .arg(d.name, d.outputFolder));
    QString folder = d.outputFolder;
    while (folder.size() > 1 && folder.endsWith(QLatin1Char('/')))
        folder.chop(1);
    if (!volume && !QDir().mkpath(folder))
        return core::Error::io(QStringLiteral("Could not create the report folder %1.").arg(folder));

    QStringList written;
    const auto put = [&](const QString& extension, const QByteArray& bytes) -> core::Status {
        const QString path = QStringLiteral("%1/%2.%3").arg(folder, content.baseName(), extension);
        core::Status s = volume ? core::awaitFuture(m_volumes->upload(path, bytes)) : core::writeFileAtomically(path, bytes);
        if (!s)
            return s;
        written.append(path);
        return core::success();
    };
    if (d.formats.pdf) {
        if (auto s = put(QStringLiteral("pdf"), ReportPdf::render(content)); !s)
            return s.error();
    }
    if (d.formats.html) {
        if (auto s = put(QStringLiteral("html"), ReportHtml::standalone(content)); !s)
            return s.error();
    }
    if (d.formats.csv) {
        if (auto s = put(QStringLiteral("csv"), ReportCsv::render(content)); !s)
            return s.error();
    }
    return written;
}

} // namespace report
