#include "segments/unsaved_changes_prompt.h"

#include <QMessageBox>
#include <QPushButton>

namespace ui {

UnsavedChangesPrompt::Ask UnsavedChangesPrompt::dialog(QWidget* parent)
{
    return [parent](const QString& segmentName, bool canSave) {
        QMessageBox box(parent);
        box.setIcon(QMessageBox::Warning);
        box.setWindowTitle(QObject::tr("Unsaved changes"));
        box.setText(segmentName.isEmpty() ? QObject::tr("The new segment has not been saved.")
                                          : QObject::tr("“%1” has unsaved changes.").arg(segmentName));
        box.setInformativeText(canSave
                                   ? QObject::tr("Save them before you go on?")
                                   : QObject::tr("They cannot be saved until the problems shown in red are "
                                                 "fixed. Discard them, or cancel and fix them?"));
        box.setStandardButtons(QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
        box.setDefaultButton(canSave ? QMessageBox::Save : QMessageBox::Cancel);
        box.button(QMessageBox::Save)->setEnabled(canSave);
        switch (box.exec()) {
        case QMessageBox::Save:
            return Choice::Save;
        case QMessageBox::Discard:
            return Choice::Discard;
        default:
            return Choice::Cancel;
        }
    };
}

} // namespace ui
