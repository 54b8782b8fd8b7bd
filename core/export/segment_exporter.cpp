#include "export/segment_exporter.h"

#include <algorithm>

#include <QHash>

#include "domain/definition_describer.h"
#include "domain/segment_json.h"
#include "export/atomic_file.h"
#include "export/csv_writer.h"

namespace core {

namespace {

constexpr int kVersionColumn = 5;

QString timeText(const QDateTime& t)
{
    return t.isValid() ? SegmentJson::formatTime(t) : QString();
}

bool exportOrder(const Segment& a, const Segment& b)
{
    if (const int c = a.advertiserId.compare(b.advertiserId); c != 0)
        return c < 0;
    if (const int c = a.name.compare(b.name, Qt::CaseInsensitive); c != 0)
        return c < 0;
    if (const int c = a.name.compare(b.name); c != 0)
        return c < 0;
    return a.id < b.id;
}

// The export order without copying the segments (their definition trees are deep copies).
QList<const Segment*> orderOf(const QList<Segment>& segments)
{
    QList<const Segment*> order;
    order.reserve(segments.size());
    for (const auto& s : segments)
        order.append(&s);
    std::stable_sort(order.begin(), order.end(),
                     [](const Segment* a, const Segment* b) { return exportOrder(*a, *b); });
    return order;
}

} // namespace

QStringList SegmentExporter::csvColumns()
{
    return {QStringLiteral("segment_id"),
            QStringLiteral("advertiser_id"),
            QStringLiteral("name"),
            QStringLiteral("description"),
            QStringLiteral("status"),
            QStringLiteral("version"),
            QStringLiteral("created_by"),
            QStringLiteral("created_at"),
            QStringLiteral("updated_by"),
            QStringLiteral("updated_at"),
            QStringLiteral("deleted_at"),
            QStringLiteral("definition_hash"),
            QStringLiteral("definition_json"),
            QStringLiteral("definition_text")};
}

QList<Segment> SegmentExporter::sorted(QList<Segment> segments)
{
    std::stable_sort(segments.begin(), segments.end(), exportOrder);
    return segments;
}

QByteArray SegmentExporter::toCsv(const QList<Segment>& segments, const Catalogue& catalogue)
{
    return toCsv(segments, catalogue, CsvOptions{});
}

QByteArray SegmentExporter::toCsv(const QList<Segment>& segments, const Catalogue& catalogue,
                                  CsvOptions options)
{
    // The describer wants shared ownership; the catalogue outlives this call, so borrow it.
    const std::shared_ptr<const Catalogue> borrowed(std::shared_ptr<const Catalogue>(), &catalogue);
    QHash<QString, QString> names;
    for (const auto& s : segments)
        names.insert(s.id, s.name);
    const DefinitionDescriber describer(borrowed, [&names](const QString& id) { return names.value(id); });

    CsvWriter::Options writerOptions;
    writerOptions.byteOrderMark = options.byteOrderMark;
    CsvWriter csv(writerOptions);
    csv.setColumnNumeric(kVersionColumn);
    csv.writeRow(csvColumns());
    for (const Segment* segment : orderOf(segments)) {
        const Segment& s = *segment;
        csv.addField(s.id)
            .addField(s.advertiserId)
            .addField(s.name)
            .addField(s.description)
            .addField(segmentStatusKey(s.status))
            .addNumber(s.version)
            .addField(s.createdBy)
            .addField(timeText(s.createdAt))
            .addField(s.updatedBy)
            .addField(timeText(s.updatedAt))
            .addField(timeText(s.deletedAt))
            .addField(s.definitionHash)
            .addField(QString::fromUtf8(s.definition.toCanonicalJson()))
            .addField(describer.describe(s.definition));
        csv.endRow();
    }
    return csv.takeData();
}

QByteArray SegmentExporter::toJson(const QList<Segment>& segments)
{
    return SegmentJson::toDocument(sorted(segments));
}

QByteArray SegmentExporter::toJson(const QList<Segment>& segments, const QList<Advertiser>& advertisers)
{
    return SegmentJson::toDocument(sorted(segments), advertisers);
}

Status SegmentExporter::writeCsv(const QList<Segment>& segments, const QString& path,
                                 const Catalogue& catalogue)
{
    return writeCsv(segments, path, catalogue, CsvOptions{});
}

Status SegmentExporter::writeCsv(const QList<Segment>& segments, const QString& path,
                                 const Catalogue& catalogue, CsvOptions options)
{
    return writeFileAtomically(path, toCsv(segments, catalogue, options));
}

Status SegmentExporter::writeJson(const QList<Segment>& segments, const QString& path)
{
    return writeFileAtomically(path, toJson(segments));
}

Status SegmentExporter::writeJson(const QList<Segment>& segments, const QString& path,
                                  const QList<Advertiser>& advertisers)
{
    return writeFileAtomically(path, toJson(segments, advertisers));
}

} // namespace core
