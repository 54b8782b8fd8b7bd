#pragma once

#include <QFrame>
#include <QTimer>

#include "common/error.h"

class QLabel;
class QToolButton;

namespace ui {

// One notification card: an icon, a message, for errors the remediation and a "Details"
// expander with the technical detail. Success toasts close themselves after a timeout;
// error toasts stay until the user closes them.
class Toast final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Toast)

public:
    enum class Kind
    {
        Success,
        Info,
        Error
    };

    explicit Toast(Kind kind, const QString& message, QWidget* parent = nullptr);
    // An error toast: userMessage (with context before it), remediation and detail.
    static Toast* forError(const core::Error& error, const QString& context, QWidget* parent = nullptr);

    Kind kind() const { return m_kind; }
    QString message() const;
    QString remediation() const;
    void setRemediation(const QString& text);
    void setDetail(const QString& text);
    void setAutoHide(int milliseconds);

signals:
    void closed();
    void resized(); // the details were shown or hidden

private:
    void finish();

    Kind m_kind;
    QLabel* m_message = nullptr;
    QLabel* m_remediation = nullptr;
    QLabel* m_detail = nullptr;
    QToolButton* m_detailsButton = nullptr;
    QTimer m_autoHide;
};

} // namespace ui
