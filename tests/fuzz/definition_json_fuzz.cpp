// Fuzz target: a segment definition as JSON text (Definition::fromJsonText) and segments as a
// document (SegmentJson::fromDocument, what `segctl segments save` and import read).
// Accepted input must survive a round trip unchanged; refused input gets a one-line error.

#include "domain/definition.h"
#include "domain/segment_json.h"
#include "fuzz_checks.h"

#include <QJsonDocument>

using namespace fuzzsupport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = bytes(data, size);

    auto definition = core::Definition::fromJsonText(input);
    if (definition) {
        const QJsonObject json = definition.value().toJson();
        auto again = core::Definition::fromJson(json);
        check(bool(again), "an accepted definition reads back",
              again ? QString() : again.error().toString());
        check(again.value() == definition.value(), "a definition survives a round trip",
              QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
    } else {
        checkClearError(definition.error());
    }

    auto segments = core::SegmentJson::fromDocument(input);
    if (segments) {
        const QByteArray written = core::SegmentJson::toDocument(segments.value());
        auto again = core::SegmentJson::fromDocument(written);
        check(bool(again), "accepted segments read back", again ? QString() : again.error().toString());
        check(again.value().size() == segments.value().size(), "as many segments read back");
        check(core::SegmentJson::toDocument(again.value()) == written, "segments survive a round trip",
              QString::fromUtf8(written));
    } else {
        checkClearError(segments.error());
    }
    return 0;
}
