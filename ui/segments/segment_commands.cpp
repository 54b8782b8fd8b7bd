#include "segments/segment_commands.h"

#include <QCoreApplication>

#include "segments/segment_history.h"
#include "backends/segment_store.h"

namespace ui {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ui::SegmentCommand", text);
}
} // namespace

SegmentCommand::SegmentCommand(SegmentHistory& history, const core::Segment& segment, const QString& text)
    : QUndoCommand(text), m_history(history), m_segment(segment)
{
}

void SegmentCommand::undo()
{
    if (m_history.isReverting())
        return;
    m_history.runStep([this] { return backward(); }, true, text());
}

void SegmentCommand::redo()
{
    if (m_firstRedo) { // already done by the store before the push
        m_firstRedo = false;
        return;
    }
    if (m_history.isReverting())
        return;
    m_history.runStep([this] { return forward(); }, false, text());
}

int SegmentCommand::latestVersion() const
{
    const int known = m_history.knownVersion(m_segment.id);
    return known > 0 ? known : m_segment.version;
}

CreateSegmentCommand::CreateSegmentCommand(SegmentHistory& history, const core::Segment& created)
    : SegmentCommand(history, created, tr("Create “%1”").arg(created.name))
{
}

QFuture<core::Result<core::Segment>> CreateSegmentCommand::forward()
{
    return m_history.store().restoreSegment(m_segment.id, m_history.user());
}

QFuture<core::Result<core::Segment>> CreateSegmentCommand::backward()
{
    return m_history.store().deleteSegment(m_segment.id, latestVersion(), m_history.user());
}

UpdateSegmentCommand::UpdateSegmentCommand(SegmentHistory& history, const core::Segment& before,
                                           const core::Segment& after)
    : SegmentCommand(history, after, tr("Edit “%1”").arg(after.name)), m_before(before)
{
}

QFuture<core::Result<core::Segment>> UpdateSegmentCommand::forward()
{
    core::Segment again = m_segment;
    again.version = latestVersion();
    return m_history.store().updateSegment(again, m_history.user());
}

QFuture<core::Result<core::Segment>> UpdateSegmentCommand::backward()
{
    core::Segment previous = m_before;
    previous.version = latestVersion();
    return m_history.store().updateSegment(previous, m_history.user());
}

DeleteSegmentCommand::DeleteSegmentCommand(SegmentHistory& history, const core::Segment& deleted)
    : SegmentCommand(history, deleted, tr("Delete “%1”").arg(deleted.name))
{
}

QFuture<core::Result<core::Segment>> DeleteSegmentCommand::forward()
{
    return m_history.store().deleteSegment(m_segment.id, latestVersion(), m_history.user());
}

QFuture<core::Result<core::Segment>> DeleteSegmentCommand::backward()
{
    return m_history.store().restoreSegment(m_segment.id, m_history.user());
}

RestoreSegmentCommand::RestoreSegmentCommand(SegmentHistory& history, const core::Segment& restored)
    : SegmentCommand(history, restored, tr("Restore “%1”").arg(restored.name))
{
}

QFuture<core::Result<core::Segment>> RestoreSegmentCommand::forward()
{
    return m_history.store().restoreSegment(m_segment.id, m_history.user());
}

QFuture<core::Result<core::Segment>> RestoreSegmentCommand::backward()
{
    return m_history.store().deleteSegment(m_segment.id, latestVersion(), m_history.user());
}

} // namespace ui
