#pragma once

#include "common/result.h"
#include "domain/segment.h"

#include <QJsonObject>

namespace core {

// The JSON form of segments used by export, import and `segctl segments save`.
//   {"segment_id", "advertiser_id", "name", "description", "status", "definition",
//    "definition_hash", "version", "created_by", "created_at", "updated_by", "updated_at",
//    "deleted_at"}   (times in ISO 8601 UTC with milliseconds, "deleted_at" null when live)
// A file of segments: {"format": "segment-builder/segments", "format_version": 1, "segments": [...]}.
class SegmentJson
{
public:
    static constexpr int kFormatVersion = 1;

    static QJsonObject toJson(const Segment& segment);
    // Lenient about what a new segment may omit (id, version, timestamps, hash); strict
    // about types. Errors name the field.
    static Result<Segment> fromJson(const QJsonObject& json);

    static QByteArray toDocument(const QList<Segment>& segments);
    // Accepts the file form above, a bare array of segments, or one segment object.
    static Result<QList<Segment>> fromDocument(const QByteArray& bytes);

    static QString formatTime(const QDateTime& time);
    static QDateTime parseTime(const QString& text);
};

} // namespace core
