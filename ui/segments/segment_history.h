#pragma once

#include <functional>

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QQueue>
#include <QUndoStack>

#include "common/result.h"
#include "domain/segment.h"

namespace core {
class SegmentStore;
}

namespace ui {

// Runs every segment write (create, update, delete, restore) against the store and keeps
// them undoable on a QUndoStack. A write is pushed only after the store confirmed it; undo
// and redo run the inverse store operation asynchronously. Operations run one at a time in
// order. When an undo or redo fails the stack index is put back, so what the stack says is
// done is what the store holds, and the error is reported through failed().
class SegmentHistory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentHistory)

public:
    using Done = std::function<void(const core::Result<core::Segment>&)>;
    using Operation = std::function<QFuture<core::Result<core::Segment>>()>;

    SegmentHistory(core::SegmentStore& store, const QString& user, QObject* parent = nullptr);
    ~SegmentHistory() override;

    QUndoStack* stack() { return &m_stack; }
    core::SegmentStore& store() { return m_store; }
    const QString& user() const { return m_user; }

    void create(const core::Segment& draft, Done done = {});
    // before: the segment as loaded; edited.version: the version the edit started from.
    void update(const core::Segment& before, const core::Segment& edited, Done done = {});
    void remove(const core::Segment& current, Done done = {});
    void restore(const core::Segment& current, Done done = {});

    bool isBusy() const { return m_running; }
    bool canUndo() const { return !m_running && m_stack.canUndo(); }
    bool canRedo() const { return !m_running && m_stack.canRedo(); }
    // Forgets the history (e.g. when another advertiser is shown).
    void clear();

    // The latest stored version of a segment this object has seen (0 when unknown).
    int knownVersion(const QString& id) const { return m_versions.value(id); }
    void noteSegments(const QList<core::Segment>& segments);

    // For the commands: run one undo or redo step.
    void runStep(const Operation& operation, bool undoing, const QString& description);
    bool isReverting() const { return m_reverting; }

public slots:
    void undo();
    void redo();

signals:
    // A write the store confirmed; message is the text for the user.
    void segmentWritten(const core::Segment& segment, const QString& message);
    void failed(const core::Error& error, const QString& context);
    // Busy state, undo/redo availability or texts changed.
    void stateChanged();

private:
    void enqueue(std::function<void()> job);
    void runNext();
    void write(const Operation& operation, const QString& failureContext,
               std::function<QString(const core::Segment&)> successMessage,
               std::function<QUndoCommand*(const core::Segment&)> makeCommand, Done done);
    void note(const core::Segment& segment) { m_versions.insert(segment.id, segment.version); }

    core::SegmentStore& m_store;
    QString m_user;
    QUndoStack m_stack;
    QQueue<std::function<void()>> m_queue;
    QHash<QString, int> m_versions;
    bool m_running = false;
    bool m_reverting = false;
};

} // namespace ui
