#pragma once

#include "domain/experiment.h"
#include "offline/segment_merge.h"

namespace core {

// Field-by-field comparison and merge of two versions of an experiment for a conflict, as
// SegmentMerge does for segments: name, key, seed, segment, arms, holdout, dates, primary metric
// and status, as text for the conflict dialog. The backend still applies its rules to the result
// (a running experiment's split stays fixed: a merge that changes it is refused, and says why).
class ExperimentMerge
{
public:
    static QList<SegmentField> fields(const std::optional<Experiment>& base, const Experiment& theirs,
                                      const Experiment& mine);
    // Mine where I changed a field, theirs elsewhere (SegmentMerge::defaultPicks).
    static QHash<QString, SegmentMerge::Pick> defaultPicks(const QList<SegmentField>& fields)
    {
        return SegmentMerge::defaultPicks(fields);
    }
    // Theirs with the picked fields of mine; at theirs' version.
    static Experiment merge(const Experiment& theirs, const Experiment& mine, const QHash<QString, SegmentMerge::Pick>& picks);
};

} // namespace core
