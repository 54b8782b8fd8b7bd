#pragma once

#include <QToolButton>

#include "offline/segment_merge.h"

namespace core {
class WorkspaceSession;
struct ReplayReport;
} // namespace core

namespace ui {

class ToastOverlay;

// The status bar's word on offline work: "Offline — showing the list as of 10:42", how many
// changes wait to sync, and the conflicts to settle. A click settles the first conflict
// (ConflictDialog) or, with none, syncs now. It also says "Saved on this computer — will sync"
// when a change goes to the outbox. Hidden while there is nothing to say.
class OutboxIndicator final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxIndicator)

public:
    OutboxIndicator(core::WorkspaceSession& session, ToastOverlay* toasts, core::SegmentMerge::Describe describe,
                    QWidget* parent = nullptr);

    // Re-reads the outbox and the read cache's age.
    void refresh();
    // Opens the conflict dialog of the first conflict (returns false when there is none).
    bool settleFirstConflict();

signals:
    // A conflict was settled, a replay applied changes, or the workspace answers again while the
    // list shown is the cached one: the segment list should be read again.
    void outboxApplied();

private:
    void onClicked();
    void onSynced(const core::ReplayReport& report);

    core::WorkspaceSession& m_session;
    ToastOverlay* m_toasts;
    core::SegmentMerge::Describe m_describe;
};

} // namespace ui
