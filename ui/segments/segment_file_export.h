#pragma once

#include <memory>

#include <QFuture>

#include "common/result.h"
#include "domain/catalogue.h"
#include "domain/segment.h"

namespace ui {

// Writes segments to a CSV or JSON file on a worker thread (core::SegmentExporter writes
// atomically); the future finishes with the outcome. The JSON file describes the segments'
// advertisers (name, currency) so an import elsewhere adds them whole.
class SegmentFileExport
{
public:
    enum class Format
    {
        Csv,
        Json
    };

    static QFuture<core::Status> start(Format format, const QList<core::Segment>& segments,
                                       const QString& path, std::shared_ptr<const core::Catalogue> catalogue,
                                       const QList<core::Advertiser>& advertisers = {});
    static QString fileFilter(Format format);
    static QString suffix(Format format);
};

} // namespace ui
