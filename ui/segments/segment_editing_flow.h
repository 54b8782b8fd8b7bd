#pragma once

#include <functional>

#include <QObject>
#include <QString>

#include "domain/segment.h"
#include "segments/unsaved_changes_prompt.h"

namespace ui {

class SegmentForm;
class SegmentHistory;
class SegmentListModel;

// What happens to the segment in the form: open, new, save, duplicate, delete, restore, and
// the guard that never drops unsaved edits silently. It drives the form and the history
// (the store writes); the window reacts to its signals (list selection, reach panel, actions).
class SegmentEditingFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentEditingFlow)

public:
    using ConfirmDelete = std::function<bool(const QString& segmentName)>;

    SegmentEditingFlow(SegmentForm& form, SegmentListModel& model, SegmentHistory& history,
                       QObject* parent = nullptr);

    void setUnsavedChangesPrompt(UnsavedChangesPrompt::Ask ask) { m_askUnsaved = std::move(ask); }
    void setConfirmDelete(ConfirmDelete confirm) { m_confirmDelete = std::move(confirm); }
    // Whether deleted segments are listed (a deleted segment then stays in the form).
    void setShowDeleted(bool show) { m_showDeleted = show; }

    bool isSaving() const { return m_saving; }
    // Whether the form's content may be saved now (Ctrl+S and the Save button).
    bool canSave() const;

    // Runs proceed once unsaved edits are saved or discarded (asking the user); runs
    // cancelled instead when the user keeps them or the save fails.
    void whenReleased(const std::function<void()>& proceed, const std::function<void()>& cancelled = {});

    // Shows the listed segment (the form is cleared when it is not in the list).
    void open(const QString& id);
    void startNew(const QString& advertiserId);
    // then(saved) runs once the save finished (or at once when there is nothing to save).
    void save(const std::function<void(bool saved)>& then = {});
    void revert();
    void duplicate();
    void remove();
    void restore();

    // Names taken and other segments for the form, from the list model.
    void refreshFormContext();
    // A write the store confirmed (SegmentHistory::segmentWritten), after the model has it.
    void noteWritten(const core::Segment& segment);
    // Shows nothing (e.g. the workspace changed); discards what the form held.
    void clearForm();

signals:
    // The form shows this segment (empty id: a new one); select it in the list.
    void segmentShown(const QString& id);
    // The form shows nothing any more.
    void formCleared();
    // Saving started or finished.
    void savingChanged(bool saving);

private:
    QString uniqueCopyName(const QString& name) const;

    SegmentForm& m_form;
    SegmentListModel& m_model;
    SegmentHistory& m_history;
    UnsavedChangesPrompt::Ask m_askUnsaved;
    ConfirmDelete m_confirmDelete;
    bool m_saving = false;
    bool m_showDeleted = false;
};

} // namespace ui
