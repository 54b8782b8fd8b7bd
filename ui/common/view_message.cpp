#include "common/view_message.h"
#include "common/theme.h"
#include "common/error_catalogue.h"

namespace ui {

ViewMessage::ViewMessage(QWidget* parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setAccessibleName(tr("Message"));
    hide();
}

void ViewMessage::showInfo(const QString& text)
{
    m_error = false;
    setStyleSheet(QStringLiteral("color: palette(dark); padding: 12px 0;"));
    setText(text);
    show();
}

void ViewMessage::showError(const core::Error& shown, const QString& context)
{
    // The error table's fix where the error brings none of its own (docs/troubleshooting.md).
    const core::Error error = core::ErrorCatalogue::withRemediation(shown);
    m_error = true;
    setStyleSheet(QStringLiteral("color: %1; padding: 12px 0;").arg(Theme::css(Theme::Role::ErrorText)));
    QString text = context.isEmpty() ? error.userMessage : tr("%1: %2").arg(context, error.userMessage);
    if (!error.remediation.isEmpty())
        text += QLatin1Char(' ') + error.remediation;
    setText(text);
    show();
}

void ViewMessage::clearMessage()
{
    m_error = false;
    clear();
    hide();
}

} // namespace ui
