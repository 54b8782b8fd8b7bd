#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/result.h"
#include "domain/catalogue.h"
#include "domain/segment.h"

namespace core {

// Writes segments as CSV (one row per segment, for spreadsheets) or as the JSON file form of
// SegmentJson (for import). Both list the segments in a fixed order (advertiser, name ignoring
// case, name, id), so the same segments always give the same bytes. Files are written atomically.
class SegmentExporter
{
public:
    struct CsvOptions
    {
        bool byteOrderMark = true; // Excel needs it to read UTF-8
    };

    // segment_id, advertiser_id, name, description, status, version, created_by, created_at,
    // updated_by, updated_at, deleted_at, definition_hash, definition_json, definition_text
    static QStringList csvColumns();

    static QByteArray toCsv(const QList<Segment>& segments, const Catalogue& catalogue);
    static QByteArray toCsv(const QList<Segment>& segments, const Catalogue& catalogue, CsvOptions options);
    static QByteArray toJson(const QList<Segment>& segments);
    // With the segments' advertisers described (name, currency), so an import elsewhere adds them whole.
    static QByteArray toJson(const QList<Segment>& segments, const QList<Advertiser>& advertisers);

    static Status writeCsv(const QList<Segment>& segments, const QString& path, const Catalogue& catalogue);
    static Status writeCsv(const QList<Segment>& segments, const QString& path, const Catalogue& catalogue,
                           CsvOptions options);
    static Status writeJson(const QList<Segment>& segments, const QString& path);
    static Status writeJson(const QList<Segment>& segments, const QString& path, const QList<Advertiser>& advertisers);

    // The export order: advertiser, name ignoring case, name, id.
    static QList<Segment> sorted(QList<Segment> segments);
};

} // namespace core
