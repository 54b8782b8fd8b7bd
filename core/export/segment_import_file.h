#pragma once

#include "common/result.h"
#include "domain/segment.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace core {

class Catalogue;

// A segments export (JSON, as SegmentExporter writes it) read and checked as a whole before
// anything is stored, so a bad segment late in the file changes nothing: every segment passes
// SegmentChangeRules::checkImport, no id repeats. The segments come in dependency order
// (segments others refer to first), so an import never meets an unknown reference.
// Errors name the file ("/path/x.json: segment 3 “Name” (id): …").
struct SegmentImportFile
{
    QString path;
    QList<Segment> segments;   // dependency order
    QStringList advertiserIds; // in the order the file first names them
    QList<Advertiser> advertisers; // those the file describes (name, currency), for adding them

    // The file's description of the advertiser, else one named by its id in the default currency.
    Advertiser advertiser(const QString& id) const;

    static Result<SegmentImportFile> read(const QString& path, std::shared_ptr<const Catalogue> catalogue);
    static Result<SegmentImportFile> parse(const QByteArray& bytes, const QString& path,
                                           std::shared_ptr<const Catalogue> catalogue);
};

// "“Summer Shoppers” (3f2a…)": how messages name a segment of a file.
QString segmentFileLabel(const Segment& segment);

} // namespace core
