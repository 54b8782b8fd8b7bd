// Fuzz target: a segments file for File ▸ Import / `segctl segments import`
// (SegmentImportFile::parse, checked as a whole against the compiled-in catalogue).
// Accepted files list their segments in dependency order with no id twice.

#include "domain/catalogue.h"
#include "export/segment_import_file.h"
#include "fuzz_checks.h"

#include <QSet>

using namespace fuzzsupport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const std::shared_ptr<const core::Catalogue> catalogue = [] {
        auto loaded = core::Catalogue::load();
        check(bool(loaded), "the catalogue loads", loaded ? QString() : loaded.error().toString());
        return loaded.value();
    }();

    auto file = core::SegmentImportFile::parse(bytes(data, size), QStringLiteral("/fuzz/segments.json"), catalogue);
    if (!file) {
        checkClearError(file.error());
        return 0;
    }
    QSet<QString> ids;
    for (const core::Segment& segment : file.value().segments)
        ids.insert(segment.id);
    QSet<QString> seen;
    for (const core::Segment& segment : file.value().segments) {
        for (const QString& referenced : segment.definition.referencedSegments())
            if (ids.contains(referenced))
                check(seen.contains(referenced), "a segment of the file comes after the segments it refers to",
                      referenced);
        if (!segment.id.isEmpty()) {
            check(!seen.contains(segment.id), "no segment id twice in an accepted file", segment.id);
            seen.insert(segment.id);
        }
        check(file.value().advertiserIds.contains(segment.advertiserId), "every advertiser is listed",
              segment.advertiserId);
    }
    return 0;
}
