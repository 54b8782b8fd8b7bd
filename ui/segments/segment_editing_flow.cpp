#include "segments/segment_editing_flow.h"

#include "domain/segment_validator.h"
#include "segments/segment_form.h"
#include "segments/segment_history.h"
#include "segments/segment_list_model.h"

namespace ui {

namespace {

bool sameContent(const core::Segment& a, const core::Segment& b)
{
    return a.name == b.name && a.description == b.description && a.status == b.status &&
           a.definition == b.definition;
}

} // namespace

SegmentEditingFlow::SegmentEditingFlow(SegmentForm& form, SegmentListModel& model, SegmentHistory& history,
                                       QObject* parent)
    : QObject(parent), m_form(form), m_model(model), m_history(history)
{
    // Without a prompt, edits are kept (never dropped silently); without a confirmation, nothing is deleted.
    m_askUnsaved = [](const QString&, bool) { return UnsavedChangesPrompt::Choice::Cancel; };
    m_confirmDelete = [](const QString&) { return false; };
}

bool SegmentEditingFlow::canSave() const
{
    return !m_saving && m_form.hasSegment() && m_form.isValid() && (m_form.isDirty() || m_form.isNew());
}

void SegmentEditingFlow::whenReleased(const std::function<void()>& proceed,
                                      const std::function<void()>& cancelled)
{
    if (!m_form.isDirty()) {
        proceed();
        return;
    }
    const QString name = m_form.isNew() ? QString() : m_form.base().name;
    switch (m_askUnsaved(name, m_form.isValid())) {
    case UnsavedChangesPrompt::Choice::Discard:
        proceed();
        return;
    case UnsavedChangesPrompt::Choice::Cancel:
        if (cancelled)
            cancelled();
        return;
    case UnsavedChangesPrompt::Choice::Save:
        save([proceed, cancelled](bool saved) {
            if (saved)
                proceed();
            else if (cancelled)
                cancelled();
        });
        return;
    }
}

void SegmentEditingFlow::open(const QString& id)
{
    const core::Segment* segment = m_model.find(id);
    if (!segment) {
        clearForm();
        return;
    }
    const core::Segment copy = *segment; // the form may outlive the row
    m_form.load(copy);
    refreshFormContext();
    emit segmentShown(id);
}

void SegmentEditingFlow::startNew(const QString& advertiserId)
{
    if (advertiserId.isEmpty())
        return;
    whenReleased([this, advertiserId] {
        m_form.startNew(advertiserId);
        refreshFormContext();
        emit segmentShown({});
    });
}

void SegmentEditingFlow::save(const std::function<void(bool)>& then)
{
    if (!canSave()) {
        if (then)
            then(!m_saving && !m_form.isDirty());
        return;
    }
    const core::Segment before = m_form.base();
    const core::Segment edited = m_form.edited();
    auto done = [this, before, edited, then](const core::Result<core::Segment>& result) {
        m_saving = false;
        // On failure the form keeps everything the user typed (the history reports the error).
        const bool stillShown =
            m_form.hasSegment() && m_form.base().id == before.id && m_form.base().version == before.version;
        if (result && stillShown) {
            if (sameContent(m_form.edited(), edited)) {
                open(result.value().id);
            } else { // typed on while saving: keep those edits on top of the saved version
                m_form.rebase(result.value());
                emit segmentShown(result.value().id);
            }
        }
        emit savingChanged(false);
        if (then)
            then(result.ok());
    };
    m_saving = true;
    emit savingChanged(true);
    if (before.id.isEmpty())
        m_history.create(edited, done);
    else
        m_history.update(before, edited, done);
}

void SegmentEditingFlow::revert()
{
    if (m_form.hasSegment())
        m_form.load(m_form.base());
}

QString SegmentEditingFlow::uniqueCopyName(const QString& name) const
{
    const QSet<QString> taken = m_model.takenNameKeys();
    QString candidate = tr("%1 (copy)").arg(name);
    for (int n = 2; taken.contains(core::SegmentValidator::nameKey(candidate)); ++n)
        candidate = tr("%1 (copy %2)").arg(name).arg(n);
    return candidate.left(core::SegmentValidator::kMaxNameLength);
}

void SegmentEditingFlow::duplicate()
{
    if (!m_form.hasSegment() || m_form.isNew())
        return;
    whenReleased([this] {
        core::Segment copy = m_form.base();
        copy.id.clear();
        copy.version = 0;
        copy.deletedAt = {};
        copy.status = core::SegmentStatus::Draft;
        copy.name = uniqueCopyName(copy.name);
        m_history.create(copy, [this](const core::Result<core::Segment>& result) {
            if (result)
                open(result.value().id);
        });
    });
}

void SegmentEditingFlow::remove()
{
    if (!m_form.hasSegment() || m_form.isNew() || m_form.base().isDeleted())
        return;
    const core::Segment current = m_form.base();
    if (!m_confirmDelete(current.name))
        return;
    m_history.remove(current, [this, current](const core::Result<core::Segment>& result) {
        if (result && m_form.base().id == current.id && !m_showDeleted)
            clearForm();
    });
}

void SegmentEditingFlow::restore()
{
    if (m_form.hasSegment() && m_form.base().isDeleted())
        m_history.restore(m_form.base());
}

void SegmentEditingFlow::refreshFormContext()
{
    m_form.setTakenNames(m_model.takenNameKeys(m_form.base().id));
    m_form.setOtherSegments(m_model.segments());
}

void SegmentEditingFlow::noteWritten(const core::Segment& segment)
{
    if (m_form.hasSegment() && m_form.base().id == segment.id && !m_form.isDirty()) {
        if (segment.isDeleted() && !m_showDeleted)
            clearForm();
        else
            m_form.load(segment);
    }
    refreshFormContext();
}

void SegmentEditingFlow::clearForm()
{
    m_form.clear();
    emit formCleared();
}

} // namespace ui
