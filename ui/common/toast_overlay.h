#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>

#include "common/error.h"

class QTimer;
class QVBoxLayout;

namespace ui {

class Toast;

// Non-modal notifications stacked in the bottom-right corner of the widget it is placed on.
// Success and info toasts hide after a few seconds; errors stay until closed.
class ToastOverlay final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToastOverlay)

public:
    static constexpr int kSuccessMilliseconds = 4000;
    static constexpr int kMaxToasts = 5;

    // host: the widget whose bottom-right corner the toasts sit in.
    explicit ToastOverlay(QWidget* host);

    Toast* showSuccess(const QString& message);
    Toast* showInfo(const QString& message);
    // A change kept on this computer until the shared workspace answers (the outbox): said once.
    // The success toast that the change's own flow shows next ("Stopped “…”") becomes an info
    // toast that ends with `note`, so it never reads as done on the workspace; when none comes
    // within kFoldMilliseconds, `note` is shown alone.
    void showQueued(const QString& note);
    static constexpr int kFoldMilliseconds = 1500;
    // context: what was being done ("Could not save “Name”"); the error adds the rest.
    Toast* showError(const core::Error& error, const QString& context = {});

    // The toasts on screen, oldest first (for tests and accessibility).
    QList<Toast*> toasts() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    Toast* add(Toast* toast);
    void reposition();

    QWidget* m_host;
    QVBoxLayout* m_layout;
    QList<QPointer<Toast>> m_toasts;
    QString m_queuedNote; // waiting for the success toast it belongs to
    QTimer* m_queuedAlone = nullptr;
};

} // namespace ui
