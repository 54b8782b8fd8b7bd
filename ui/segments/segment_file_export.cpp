#include "segments/segment_file_export.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

#include "export/segment_exporter.h"

namespace ui {

QFuture<core::Status> SegmentFileExport::start(Format format, const QList<core::Segment>& segments,
                                               const QString& path,
                                               std::shared_ptr<const core::Catalogue> catalogue,
                                               const QList<core::Advertiser>& advertisers)
{
    return QtConcurrent::run([format, segments, path, catalogue, advertisers]() -> core::Status {
        if (format == Format::Csv)
            return core::SegmentExporter::writeCsv(segments, path, *catalogue);
        return core::SegmentExporter::writeJson(segments, path, advertisers);
    });
}

QString SegmentFileExport::fileFilter(Format format)
{
    return format == Format::Csv
               ? QCoreApplication::translate("ui::SegmentFileExport", "CSV files (*.csv);;All files (*)")
               : QCoreApplication::translate("ui::SegmentFileExport", "JSON files (*.json);;All files (*)");
}

QString SegmentFileExport::suffix(Format format)
{
    return format == Format::Csv ? QStringLiteral("csv") : QStringLiteral("json");
}

} // namespace ui
