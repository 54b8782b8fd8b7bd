#include "common/toast_overlay.h"

#include <utility>

#include <QEvent>
#include <QTimer>
#include <QVBoxLayout>

#include "common/toast.h"

namespace ui {

ToastOverlay::ToastOverlay(QWidget* host) : QWidget(host), m_host(host)
{
    setObjectName(QStringLiteral("toastOverlay"));
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(8);
    m_layout->setSizeConstraint(QLayout::SetFixedSize);
    host->installEventFilter(this);
    hide();
}

Toast* ToastOverlay::showSuccess(const QString& message)
{
    if (!m_queuedNote.isEmpty()) {
        m_queuedAlone->stop();
        const QString note = std::exchange(m_queuedNote, QString());
        const bool sentence = message.endsWith(QLatin1Char('.'));
        return showInfo(message + (sentence ? QStringLiteral(" ") : QStringLiteral(". ")) + note);
    }
    auto* toast = add(new Toast(Toast::Kind::Success, message, this));
    toast->setAutoHide(kSuccessMilliseconds);
    return toast;
}

Toast* ToastOverlay::showInfo(const QString& message)
{
    auto* toast = add(new Toast(Toast::Kind::Info, message, this));
    toast->setAutoHide(kSuccessMilliseconds);
    return toast;
}

void ToastOverlay::showQueued(const QString& note)
{
    if (!m_queuedAlone) {
        m_queuedAlone = new QTimer(this);
        m_queuedAlone->setSingleShot(true);
        m_queuedAlone->setInterval(kFoldMilliseconds);
        connect(m_queuedAlone, &QTimer::timeout, this, [this] {
            if (!m_queuedNote.isEmpty())
                showInfo(std::exchange(m_queuedNote, QString()));
        });
    }
    m_queuedNote = note; // several changes at once: one note
    m_queuedAlone->start();
}

Toast* ToastOverlay::showError(const core::Error& error, const QString& context)
{
    return add(Toast::forError(error, context, this));
}

QList<Toast*> ToastOverlay::toasts() const
{
    QList<Toast*> out;
    for (const auto& t : m_toasts) {
        if (t && t->isVisibleTo(const_cast<ToastOverlay*>(this)))
            out.append(t);
    }
    return out;
}

Toast* ToastOverlay::add(Toast* toast)
{
    // Keep the stack short: drop the oldest non-error toast first, then the oldest.
    m_toasts.removeIf([](const QPointer<Toast>& t) { return t.isNull() || t->isHidden(); });
    while (m_toasts.size() >= kMaxToasts) {
        auto it = std::find_if(m_toasts.begin(), m_toasts.end(),
                               [](const QPointer<Toast>& t) { return t->kind() != Toast::Kind::Error; });
        Toast* victim = it != m_toasts.end() ? it->data() : m_toasts.front().data();
        m_toasts.removeOne(victim);
        victim->hide();
        victim->deleteLater();
    }
    m_toasts.append(toast);
    m_layout->addWidget(toast);
    connect(toast, &Toast::closed, this, [this] { QTimer::singleShot(0, this, &ToastOverlay::reposition); });
    connect(toast, &Toast::resized, this, [this] { QTimer::singleShot(0, this, &ToastOverlay::reposition); });
    toast->show();
    reposition();
    return toast;
}

void ToastOverlay::reposition()
{
    const bool any = !toasts().isEmpty();
    setVisible(any);
    if (!any)
        return;
    adjustSize();
    const int margin = 16;
    move(m_host->width() - width() - margin, m_host->height() - height() - margin);
    raise();
}

bool ToastOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_host && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        reposition();
    return QWidget::eventFilter(watched, event);
}

} // namespace ui
