#pragma once

#include "domain/segment.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace core {

// One field of a segment or an experiment in a conflict: the base the change started from, theirs
// (the backend's now) and mine (the waiting change), as text for the conflict dialog.
struct SegmentField
{
    QString key;   // "name", "description", "status", "definition" (experiments: ExperimentMerge)
    QString label; // "Name", …
    QString base;  // empty when the base is not known
    QString theirs;
    QString mine;
    bool changedByMe = false;   // mine differs from the base (or from theirs when no base is known)
    bool changedByThem = false; // theirs differs from the base
    bool differs() const { return theirs != mine; }
};

// A field of base, theirs and mine read by `get` (an object's field as text): changed by me where mine
// differs from the base (from theirs when no base is known), by them where theirs does.
template <typename T, typename Get>
SegmentField compareField(QString key, QString label, const std::optional<T>& base, const T& theirs, const T& mine,
                          const Get& get)
{
    SegmentField f;
    f.key = std::move(key);
    f.label = std::move(label);
    f.theirs = get(theirs);
    f.mine = get(mine);
    if (base) {
        f.base = get(*base);
        f.changedByMe = f.mine != f.base;
        f.changedByThem = f.theirs != f.base;
    } else {
        f.changedByMe = f.mine != f.theirs;
        f.changedByThem = f.changedByMe;
    }
    return f;
}

// Field-by-field comparison and merge of two versions of a segment for a conflict.
class SegmentMerge
{
public:
    enum class Pick { Mine, Theirs };
    using Describe = std::function<QString(const Definition&)>;

    // describe: how a definition reads (default: its canonical JSON).
    static QList<SegmentField> fields(const std::optional<Segment>& base, const Segment& theirs, const Segment& mine,
                                      const Describe& describe = {});
    // Mine where I changed a field, theirs elsewhere.
    static QHash<QString, Pick> defaultPicks(const QList<SegmentField>& fields);
    // Theirs with the picked fields of mine; at theirs' version (the version the merge starts from).
    static Segment merge(const Segment& theirs, const Segment& mine, const QHash<QString, Pick>& picks);
};

} // namespace core
