#pragma once

#include <QFuture>
#include <QUndoCommand>

#include "common/result.h"
#include "domain/segment.h"

namespace ui {

class SegmentHistory;

// An undoable segment write whose first redo already happened (the store confirmed it
// before the command was pushed). undo() and redo() hand the inverse / repeated store
// operation to SegmentHistory, which runs it asynchronously.
class SegmentCommand : public QUndoCommand
{
public:
    SegmentCommand(SegmentHistory& history, const core::Segment& segment, const QString& text);

    void undo() final;
    void redo() final;

protected:
    virtual QFuture<core::Result<core::Segment>> forward() = 0;
    virtual QFuture<core::Result<core::Segment>> backward() = 0;
    // The segment with the latest version the history knows, for guarded writes.
    int latestVersion() const;

    SegmentHistory& m_history;
    core::Segment m_segment;

private:
    bool m_firstRedo = true;
};

// Undo: delete the created segment. Redo: restore it.
class CreateSegmentCommand final : public SegmentCommand
{
public:
    CreateSegmentCommand(SegmentHistory& history, const core::Segment& created);

protected:
    QFuture<core::Result<core::Segment>> forward() override;
    QFuture<core::Result<core::Segment>> backward() override;
};

// Undo: write the previous content back (on top of the newest version). Redo: write the edit again.
class UpdateSegmentCommand final : public SegmentCommand
{
public:
    UpdateSegmentCommand(SegmentHistory& history, const core::Segment& before, const core::Segment& after);

protected:
    QFuture<core::Result<core::Segment>> forward() override;
    QFuture<core::Result<core::Segment>> backward() override;

private:
    core::Segment m_before;
};

// Undo: restore. Redo: delete again.
class DeleteSegmentCommand final : public SegmentCommand
{
public:
    DeleteSegmentCommand(SegmentHistory& history, const core::Segment& deleted);

protected:
    QFuture<core::Result<core::Segment>> forward() override;
    QFuture<core::Result<core::Segment>> backward() override;
};

// Undo: delete again. Redo: restore.
class RestoreSegmentCommand final : public SegmentCommand
{
public:
    RestoreSegmentCommand(SegmentHistory& history, const core::Segment& restored);

protected:
    QFuture<core::Result<core::Segment>> forward() override;
    QFuture<core::Result<core::Segment>> backward() override;
};

} // namespace ui
