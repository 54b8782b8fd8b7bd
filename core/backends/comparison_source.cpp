#include "backends/comparison_source.h"

namespace core {

QStringList ComparisonSource::unreadReferences(const QList<Segment>& known, const QSet<QString>& asked)
{
    QSet<QString> have = asked;
    for (const auto& s : known)
        have.insert(s.id);
    QStringList out;
    for (const auto& s : known) {
        for (const auto& id : s.definition.referencedSegments()) {
            if (!have.contains(id)) {
                have.insert(id);
                out.append(id);
            }
        }
    }
    return out;
}

} // namespace core
