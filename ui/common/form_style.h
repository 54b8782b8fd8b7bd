#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace ui {

// Shared look of the form: red issue labels under fields and section headers.
QLabel* makeIssueLabel(QWidget* parent);
QLabel* makeSectionHeader(const QString& title, QWidget* parent);
QLabel* makeHint(const QString& text, QWidget* parent);

} // namespace ui
