#pragma once

#include <QLabel>

#include "common/error.h"

namespace ui {

// The line a view shows in place of figures it does not have: why (no segment chosen, no
// metrics yet, not available here) or, in red, what failed and what to do.
class ViewMessage final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViewMessage)

public:
    explicit ViewMessage(QWidget* parent = nullptr);

    void showInfo(const QString& text);
    // "<context>: <message> <remediation>".
    void showError(const core::Error& error, const QString& context);
    void clearMessage();
    bool isError() const { return m_error; }

private:
    bool m_error = false;
};

} // namespace ui
