#pragma once

#include <QDialog>
#include <QHash>

#include "offline/experiment_merge.h"
#include "offline/outbox.h"
#include "offline/outbox_replayer.h"
#include "offline/segment_merge.h"

class QButtonGroup;

namespace ui {

// A change made offline whose segment or experiment moved on meanwhile: theirs (the shared
// workspace's now) and yours side by side, field by field, with the fields either side changed
// marked. Keep mine applies yours over theirs; Take theirs drops yours; Merge applies theirs with
// the fields picked as yours (by default the ones you changed). Nothing happens until one of them
// is chosen.
class ConflictDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictDialog)

public:
    // describe: how a definition reads (the criteria in words).
    ConflictDialog(const core::OutboxChange& change, core::SegmentMerge::Describe describe, QWidget* parent = nullptr);

    // After accept(): what the user chose, and for Merge the merged segment (or experiment, for an
    // experiment change).
    core::ConflictChoice choice() const { return m_choice; }
    core::Segment merged() const;
    core::Experiment mergedExperiment() const;
    const QList<core::SegmentField>& fields() const { return m_fields; }
    // For tests: pick a field's side for the merge.
    void pick(const QString& fieldKey, core::SegmentMerge::Pick side);

private:
    void choose(core::ConflictChoice choice);
    QHash<QString, core::SegmentMerge::Pick> picks() const;

    core::OutboxChange m_change;
    core::Segment m_theirs;
    core::Experiment m_theirsExperiment;
    QList<core::SegmentField> m_fields;
    QHash<QString, QButtonGroup*> m_picks;
    core::ConflictChoice m_choice = core::ConflictChoice::KeepMine;
};

} // namespace ui
