#include "offline/segment_merge.h"

namespace core {

QList<SegmentField> SegmentMerge::fields(const std::optional<Segment>& base, const Segment& theirs, const Segment& mine,
                                         const Describe& describe)
{
    const Describe text = describe ? describe
                                   : [](const Definition& d) { return QString::fromUtf8(d.toCanonicalJson()); };
    auto field = [&](QString key, QString label, auto get) {
        return compareField<Segment>(std::move(key), std::move(label), base, theirs, mine, get);
    };
    return {
        field(QStringLiteral("name"), QStringLiteral("Name"), [](const Segment& s) { return s.name.trimmed(); }),
        field(QStringLiteral("description"), QStringLiteral("Description"), [](const Segment& s) { return s.description; }),
        field(QStringLiteral("status"), QStringLiteral("Status"), [](const Segment& s) { return segmentStatusLabel(s.status); }),
        field(QStringLiteral("deleted"), QStringLiteral("Deleted"),
              [](const Segment& s) { return s.isDeleted() ? QStringLiteral("deleted") : QStringLiteral("live"); }),
        field(QStringLiteral("definition"), QStringLiteral("Definition"), [&](const Segment& s) { return text(s.definition); }),
    };
}

QHash<QString, SegmentMerge::Pick> SegmentMerge::defaultPicks(const QList<SegmentField>& fields)
{
    QHash<QString, Pick> picks;
    for (const SegmentField& f : fields)
        picks.insert(f.key, f.changedByMe ? Pick::Mine : Pick::Theirs);
    return picks;
}

Segment SegmentMerge::merge(const Segment& theirs, const Segment& mine, const QHash<QString, Pick>& picks)
{
    Segment out = theirs;
    auto mineFor = [&](const char* key) { return picks.value(QLatin1String(key), Pick::Theirs) == Pick::Mine; };
    if (mineFor("name"))
        out.name = mine.name;
    if (mineFor("description"))
        out.description = mine.description;
    if (mineFor("status"))
        out.status = mine.status;
    if (mineFor("definition")) {
        out.definition = mine.definition;
        out.definitionHash = mine.definition.hash();
    }
    return out;
}

} // namespace core
