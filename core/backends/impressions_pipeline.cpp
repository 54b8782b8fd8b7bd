#include "backends/impressions_pipeline.h"

#include "export/events_csv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace core {

Result<QByteArray> readEventsFile(const QString& path)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    QString why;
    if (!info.exists()) {
        why = QStringLiteral("there is no such file");
    } else if (info.isDir()) {
        why = QStringLiteral("it is a folder, not a file");
    } else {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            QByteArray bytes = file.readAll();
            if (file.error() == QFileDevice::NoError)
                return bytes;
        }
        why = file.errorString();
    }
    Error e = Error::io(QStringLiteral("Could not read the events file “%1”: %2.").arg(shown, why));
    e.code = QStringLiteral("read_failed");
    e.remediation = QStringLiteral("Check the file name and that you may read it.");
    return e;
}

bool importCancelRequested(const ImportOptions& options)
{
    return options.cancel && options.cancel->load(std::memory_order_relaxed);
}

Error importCancelled(const QString& fileName)
{
    Error e;
    e.kind = ErrorKind::Cancelled;
    e.code = QStringLiteral("import_cancelled");
    e.userMessage = QStringLiteral("The import of “%1” was cancelled: nothing of it was imported.").arg(fileName);
    e.remediation = QStringLiteral("Import the file again when you are ready.");
    return e;
}

Status readEvents(const QString& path, const ImportOptions& options, ImportReport& report,
                  const std::function<Status(const BronzeRecord&)>& take)
{
    constexpr qint64 kRecordsPerCheck = 4096; // progress and cancel between records, not per record
    report.sourceFile = QFileInfo(path).fileName();
    if (importCancelRequested(options))
        return importCancelled(report.sourceFile);
    auto bytes = readEventsFile(path);
    if (!bytes)
        return bytes.error();
    report.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    EventsCsv csv(std::move(bytes).value(), report.sourceFile);
    if (auto s = csv.readHeader(); !s)
        return s;
    if (options.progress)
        options.progress(0.0);
    BronzeRecord record;
    for (qint64 n = 1;; ++n) {
        auto more = csv.next(record);
        if (!more)
            return more.error();
        if (!more.value())
            break;
        if (auto s = take(record); !s)
            return s;
        if (n % kRecordsPerCheck == 0) {
            if (importCancelRequested(options))
                return importCancelled(report.sourceFile);
            if (options.progress)
                options.progress(csv.fractionRead());
        }
    }
    if (importCancelRequested(options))
        return importCancelled(report.sourceFile);
    if (options.progress)
        options.progress(1.0);
    report.rowsRead = csv.rowsRead();
    report.rejected = csv.rejected();
    return success();
}

Error rejectedLinesError(const ImportReport& report)
{
    QStringList lines;
    for (const auto& r : report.rejected.mid(0, 5))
        lines.append(QStringLiteral("line %1: %2").arg(r.line).arg(r.reason));
    if (report.rejected.size() > 5)
        lines.append(QStringLiteral("and %1 more").arg(report.rejected.size() - 5));
    Error e = Error::validation(
        QStringLiteral("events_rejected"),
        QStringLiteral("%1: %2 of %3 records cannot be placed in bronze (%4); nothing was imported.")
            .arg(report.sourceFile)
            .arg(report.rejected.size())
            .arg(report.rowsRead)
            .arg(lines.join(QStringLiteral("; "))));
    e.remediation = QStringLiteral("Fix those lines, or import without --strict to load the others.");
    return e;
}

} // namespace core
