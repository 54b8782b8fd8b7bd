#include "common/toast.h"
#include "common/theme.h"
#include "common/error_catalogue.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace ui {

namespace {

QString iconFor(Toast::Kind kind)
{
    switch (kind) {
    case Toast::Kind::Success:
        return QStringLiteral(":/icons/success.svg");
    case Toast::Kind::Info:
        return QStringLiteral(":/icons/info.svg");
    case Toast::Kind::Error:
        return QStringLiteral(":/icons/error.svg");
    }
    return {};
}

QString accentFor(Toast::Kind kind)
{
    switch (kind) {
    case Toast::Kind::Success:
        return Theme::css(Theme::Role::SuccessText);
    case Toast::Kind::Info:
        return Theme::css(Theme::Role::InfoText);
    case Toast::Kind::Error:
        return Theme::css(Theme::Role::ErrorText);
    }
    return {};
}

} // namespace

Toast::Toast(Kind kind, const QString& message, QWidget* parent) : QFrame(parent), m_kind(kind)
{
    setObjectName(QStringLiteral("toast"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#toast { background: palette(base); border: 1px solid palette(mid);"
                                 " border-left: 4px solid %1; border-radius: 6px; }")
                      .arg(accentFor(kind)));
    setAccessibleName(kind == Kind::Error ? tr("Error notification") : tr("Notification"));
    setFixedWidth(380);

    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(iconFor(kind)).pixmap(20, 20));
    icon->setAlignment(Qt::AlignTop);

    m_message = new QLabel(message, this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_message->font();
    bold.setBold(kind == Kind::Error);
    m_message->setFont(bold);

    m_remediation = new QLabel(this);
    m_remediation->setWordWrap(true);
    m_remediation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_remediation->hide();

    m_detailsButton = new QToolButton(this);
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setArrowType(Qt::RightArrow);
    m_detailsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsButton->setAutoRaise(true);
    m_detailsButton->setToolTip(tr("Show the technical detail (also written to the log)"));
    m_detailsButton->hide();

    m_detail = new QLabel(this);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_detail->setStyleSheet(QStringLiteral("color: palette(dark); font-family: monospace;"));
    m_detail->hide();
    connect(m_detailsButton, &QToolButton::toggled, this, [this](bool on) {
        m_detail->setVisible(on);
        m_detailsButton->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        adjustSize();
        emit resized();
    });

    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close"));
    close->setAccessibleName(tr("Close notification"));
    connect(close, &QToolButton::clicked, this, &Toast::finish);

    auto* text = new QVBoxLayout;
    text->setSpacing(4);
    text->addWidget(m_message);
    text->addWidget(m_remediation);
    text->addWidget(m_detailsButton, 0, Qt::AlignLeft);
    text->addWidget(m_detail);

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(12, 10, 6, 10);
    row->setSpacing(10);
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addLayout(text, 1);
    row->addWidget(close, 0, Qt::AlignTop);

    m_autoHide.setSingleShot(true);
    connect(&m_autoHide, &QTimer::timeout, this, &Toast::finish);
}

Toast* Toast::forError(const core::Error& shown, const QString& context, QWidget* parent)
{
    // The error table's fix where the error brings none of its own (docs/troubleshooting.md).
    const core::Error error = core::ErrorCatalogue::withRemediation(shown);
    const QString message =
        context.isEmpty() ? error.userMessage : QStringLiteral("%1: %2").arg(context, error.userMessage);
    auto* toast = new Toast(Kind::Error, message, parent);
    toast->setRemediation(error.remediation);
    QString detail = error.detail;
    if (!error.code.isEmpty())
        detail = detail.isEmpty() ? error.code : QStringLiteral("%1 (%2)").arg(detail, error.code);
    toast->setDetail(QStringLiteral("%1 error%2")
                         .arg(core::errorKindName(error.kind),
                              detail.isEmpty() ? QString() : QStringLiteral(": ") + detail));
    return toast;
}

QString Toast::message() const
{
    return m_message->text();
}

QString Toast::remediation() const
{
    return m_remediation ? m_remediation->text() : QString();
}

void Toast::setRemediation(const QString& text)
{
    m_remediation->setText(text);
    m_remediation->setVisible(!text.isEmpty());
}

void Toast::setDetail(const QString& text)
{
    m_detail->setText(text);
    m_detailsButton->setVisible(!text.isEmpty());
}

void Toast::setAutoHide(int milliseconds)
{
    if (milliseconds > 0)
        m_autoHide.start(milliseconds);
    else
        m_autoHide.stop();
}

void Toast::finish()
{
    m_autoHide.stop();
    hide();
    emit closed();
    deleteLater();
}

} // namespace ui
