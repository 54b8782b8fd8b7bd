#include "segments/segment_history.h"

#include "segments/segment_commands.h"
#include "backends/segment_store.h"

namespace ui {

namespace {

core::Error cancelledError()
{
    core::Error e;
    e.kind = core::ErrorKind::Cancelled;
    e.userMessage = QObject::tr("The operation was cancelled before it finished.");
    e.remediation = QObject::tr("Try again.");
    return e;
}

} // namespace

SegmentHistory::SegmentHistory(core::SegmentStore& store, const QString& user, QObject* parent)
    : QObject(parent), m_store(store), m_user(user)
{
    m_stack.setUndoLimit(100);
    connect(&m_stack, &QUndoStack::indexChanged, this, &SegmentHistory::stateChanged);
    connect(&m_stack, &QUndoStack::cleanChanged, this, &SegmentHistory::stateChanged);
}

SegmentHistory::~SegmentHistory()
{
    // The stack emits while it clears itself; nobody may hear that from a half-destroyed owner.
    disconnect(&m_stack, nullptr, this, nullptr);
}

void SegmentHistory::noteSegments(const QList<core::Segment>& segments)
{
    for (const auto& s : segments)
        note(s);
}

void SegmentHistory::clear()
{
    if (m_running)
        return; // a step in flight refers to the stack; the caller retries later
    m_stack.clear();
    emit stateChanged();
}

void SegmentHistory::create(const core::Segment& draft, Done done)
{
    write([this, draft] { return m_store.createSegment(draft, m_user); },
          tr("Could not save “%1”").arg(draft.name.trimmed()),
          [](const core::Segment& s) { return tr("Saved “%1” (version %2)").arg(s.name).arg(s.version); },
          [this](const core::Segment& s) { return new CreateSegmentCommand(*this, s); }, std::move(done));
}

void SegmentHistory::update(const core::Segment& before, const core::Segment& edited, Done done)
{
    write([this, edited] { return m_store.updateSegment(edited, m_user); },
          tr("Could not save “%1”").arg(edited.name.trimmed()),
          [](const core::Segment& s) { return tr("Saved “%1” (version %2)").arg(s.name).arg(s.version); },
          [this, before](const core::Segment& s) { return new UpdateSegmentCommand(*this, before, s); },
          std::move(done));
}

void SegmentHistory::remove(const core::Segment& current, Done done)
{
    write([this, current] { return m_store.deleteSegment(current.id, current.version, m_user); },
          tr("Could not delete “%1”").arg(current.name),
          [](const core::Segment& s) { return tr("Deleted “%1”. Press Ctrl+Z to undo.").arg(s.name); },
          [this](const core::Segment& s) { return new DeleteSegmentCommand(*this, s); }, std::move(done));
}

void SegmentHistory::restore(const core::Segment& current, Done done)
{
    write([this, current] { return m_store.restoreSegment(current.id, m_user); },
          tr("Could not restore “%1”").arg(current.name),
          [](const core::Segment& s) { return tr("Restored “%1” (version %2)").arg(s.name).arg(s.version); },
          [this](const core::Segment& s) { return new RestoreSegmentCommand(*this, s); }, std::move(done));
}

void SegmentHistory::write(const Operation& operation, const QString& failureContext,
                           std::function<QString(const core::Segment&)> successMessage,
                           std::function<QUndoCommand*(const core::Segment&)> makeCommand, Done done)
{
    enqueue([=, this] {
        auto finish = [=, this](const core::Result<core::Segment>& result) {
            if (result) {
                note(result.value());
                m_stack.push(makeCommand(result.value())); // its first redo is a no-op
                emit segmentWritten(result.value(), successMessage(result.value()));
            } else {
                emit failed(result.error(), failureContext);
            }
            if (done)
                done(result);
            runNext();
        };
        operation().then(this, finish).onCanceled(this, [finish] {
            finish(core::Result<core::Segment>(cancelledError()));
        });
    });
}

void SegmentHistory::runStep(const Operation& operation, bool undoing, const QString& description)
{
    // Called synchronously from QUndoStack::undo()/redo(), which only run when idle.
    m_running = true;
    emit stateChanged();
    auto finish = [=, this](const core::Result<core::Segment>& result) {
        if (result) {
            note(result.value());
            emit segmentWritten(result.value(), undoing ? tr("Undone: %1").arg(description)
                                                        : tr("Redone: %1").arg(description));
        } else {
            emit failed(result.error(), undoing ? tr("Could not undo “%1”").arg(description)
                                                : tr("Could not redo “%1”").arg(description));
            // Put the index back: the change the command stands for is still (or still not) in the store.
            m_reverting = true;
            if (undoing)
                m_stack.redo();
            else
                m_stack.undo();
            m_reverting = false;
        }
        runNext();
    };
    operation().then(this, finish).onCanceled(this, [finish] {
        finish(core::Result<core::Segment>(cancelledError()));
    });
}

void SegmentHistory::undo()
{
    if (canUndo())
        m_stack.undo();
}

void SegmentHistory::redo()
{
    if (canRedo())
        m_stack.redo();
}

void SegmentHistory::enqueue(std::function<void()> job)
{
    m_queue.enqueue(std::move(job));
    if (!m_running)
        runNext();
}

void SegmentHistory::runNext()
{
    if (m_queue.isEmpty()) {
        m_running = false;
        emit stateChanged();
        return;
    }
    m_running = true;
    emit stateChanged();
    m_queue.dequeue()();
}

} // namespace ui
