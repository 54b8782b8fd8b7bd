#pragma once

#include <functional>

#include <QString>

class QWidget;

namespace ui {

// Asks what to do with unsaved edits before they would be lost. A function object so
// tests can answer without a modal dialog.
class UnsavedChangesPrompt
{
public:
    enum class Choice
    {
        Save,
        Discard,
        Cancel
    };
    using Ask = std::function<Choice(const QString& segmentName, bool canSave)>;

    // The standard dialog: Save / Discard / Cancel (Save disabled when the edits are invalid).
    static Ask dialog(QWidget* parent);
};

} // namespace ui
