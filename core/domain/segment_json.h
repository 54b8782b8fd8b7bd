#pragma once

#include "common/result.h"
#include "domain/segment.h"

#include <QJsonObject>

namespace core {

// The JSON form of segments used by export, import and `segctl segments save`.
//   {"segment_id", "advertiser_id", "name", "description", "status", "definition",
//    "definition_hash", "version", "created_by", "created_at", "updated_by", "updated_at",
//    "deleted_at"}   (times in ISO 8601 UTC with milliseconds, "deleted_at" null when live)
// A file of segments: {"format": "segment-builder/segments", "format_version": 1, "segments": [...],
//   "advertisers": [{"advertiser_id", "name", "currency"}, ...]}
// "advertisers" (optional) describes the advertisers the segments belong to, so an import into a
// workspace that lacks one adds it with its name and currency.

// A file of segments as read: the segments and the advertisers it describes.
struct SegmentDocument
{
    QList<Segment> segments;
    QList<Advertiser> advertisers; // in file order; ids unique; currency normalised
};

class SegmentJson
{
public:
    static constexpr int kFormatVersion = 1;

    static QJsonObject toJson(const Segment& segment);
    // Lenient about what a new segment may omit (id, version, timestamps, hash); strict
    // about types. Errors name the field.
    static Result<Segment> fromJson(const QJsonObject& json);

    static QByteArray toDocument(const QList<Segment>& segments);
    // With "advertisers": those of `advertisers` the segments belong to, ordered by id.
    static QByteArray toDocument(const QList<Segment>& segments, const QList<Advertiser>& advertisers);
    // Accepts the file form above, a bare array of segments, or one segment object.
    static Result<QList<Segment>> fromDocument(const QByteArray& bytes);
    static Result<SegmentDocument> readDocument(const QByteArray& bytes);

    static QJsonObject toJson(const Advertiser& advertiser);
    // advertiser_id (required), name (default: the id), currency (ISO 4217, default USD).
    static Result<Advertiser> advertiserFromJson(const QJsonObject& json);

    static QString formatTime(const QDateTime& time);
    static QDateTime parseTime(const QString& text);
};

} // namespace core
