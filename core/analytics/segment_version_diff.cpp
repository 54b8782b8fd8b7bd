#include "analytics/segment_version_diff.h"

namespace core {

bool SegmentVersionDiff::identical() const
{
    for (const auto& r : rows) {
        if (r.differs)
            return false;
    }
    return true;
}

QList<VersionDiffRow> SegmentVersionDiff::changes() const
{
    QList<VersionDiffRow> out;
    for (const auto& r : rows) {
        if (r.differs)
            out.append(r);
    }
    return out;
}

SegmentVersionDiffer::SegmentVersionDiffer(std::shared_ptr<const Catalogue> catalogue,
                                           DefinitionDiffer::SegmentNamer namer)
    : m_definitions(std::move(catalogue), std::move(namer))
{
}

SegmentVersionDiff SegmentVersionDiffer::diff(const SegmentVersion& from, const SegmentVersion& to) const
{
    SegmentVersionDiff out;
    out.fromVersion = from.version;
    out.toVersion = to.version;
    const auto field = [&out](const QString& key, const QString& label, const QString& before,
                              const QString& after) {
        out.rows.append(VersionDiffRow{key, label, before, after, before != after});
    };
    field(QStringLiteral("name"), QStringLiteral("Name"), from.name, to.name);
    field(QStringLiteral("description"), QStringLiteral("Description"), from.description, to.description);
    field(QStringLiteral("status"), QStringLiteral("Status"), segmentStatusLabel(from.status),
          segmentStatusLabel(to.status));
    const DefinitionDiff definitions = m_definitions.diff({from.definition, to.definition});
    for (const auto& row : definitions.rows)
        out.rows.append(VersionDiffRow{row.field, row.label, row.cells.value(0).text, row.cells.value(1).text,
                                       row.differs});
    return out;
}

} // namespace core
