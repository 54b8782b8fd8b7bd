#include "workspace/connection_status.h"
#include "common/theme.h"

#include <QDir>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPixmap>

namespace ui {

namespace {

QColor colourOf(core::WorkspaceHealth::State state)
{
    switch (state) {
    case core::WorkspaceHealth::State::Connecting:
        return Theme::color(Theme::Role::Unknown);
    case core::WorkspaceHealth::State::Healthy:
        return Theme::color(Theme::Role::SuccessText);
    case core::WorkspaceHealth::State::Degraded:
        return Theme::color(Theme::Role::WarningText);
    case core::WorkspaceHealth::State::Unhealthy:
        return Theme::color(Theme::Role::ErrorText);
    }
    return Qt::gray;
}

QPixmap dot(const QColor& colour, qreal ratio)
{
    const int size = 10;
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(colour.darker(130));
    p.setBrush(colour);
    p.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    return pixmap;
}

QString stateWords(core::WorkspaceHealth::State state)
{
    switch (state) {
    case core::WorkspaceHealth::State::Connecting:
        return QObject::tr("Connecting");
    case core::WorkspaceHealth::State::Healthy:
        return QObject::tr("Working");
    case core::WorkspaceHealth::State::Degraded:
        return QObject::tr("Needs attention");
    case core::WorkspaceHealth::State::Unhealthy:
        return QObject::tr("Not working");
    }
    return {};
}

} // namespace

ConnectionStatus::ConnectionStatus(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("connectionStatus"));
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(tr("Workspace connection"));
    m_kindIcon = new QLabel(this);
    m_dot = new QLabel(this);
    m_name = new QLabel(this);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 6, 0);
    layout->setSpacing(5);
    layout->addWidget(m_kindIcon);
    layout->addWidget(m_dot);
    layout->addWidget(m_name);
    refresh();
}

void ConnectionStatus::setWorkspace(const QString& backendKind, const QString& displayName)
{
    m_kind = backendKind;
    m_displayName = displayName;
    refresh();
}

void ConnectionStatus::setHealth(const core::WorkspaceHealth& health)
{
    m_health = health;
    refresh();
}

QString ConnectionStatus::text() const
{
    return m_name->text();
}

void ConnectionStatus::refresh()
{
    const bool databricks = m_kind == QLatin1String("databricks");
    const bool shared = m_kind != QLatin1String("local"); // Databricks, PostgreSQL, Lakebase
    m_kindIcon->setPixmap(
        QIcon(shared ? QStringLiteral(":/icons/cloud.svg") : QStringLiteral(":/icons/database.svg"))
            .pixmap(16, 16));
    m_dot->setPixmap(dot(colourOf(m_health.state), devicePixelRatioF()));
    QString shown = m_displayName;
    const QString home = QDir::homePath();
    if (home.size() > 1) // "~/…" keeps the part that tells workspaces apart readable
        shown.replace(home + QLatin1Char('/'), QStringLiteral("~/"));
    if (databricks && !shown.startsWith(QLatin1String("Databricks")))
        shown = tr("Databricks · %1").arg(shown);
    // A long name (a PostgreSQL connection string, a deep path) is shortened in the middle so the
    // status bar keeps room for what follows it (the outbox's count); the tooltip has it whole.
    const int room = m_name->fontMetrics().averageCharWidth() * 56;
    m_name->setText(m_name->fontMetrics().elidedText(shown, Qt::ElideMiddle, room));
    QString tip =
        tr("<b>%1</b><br>%2: %3")
            .arg(m_displayName.toHtmlEscaped(), stateWords(m_health.state), m_health.summary.toHtmlEscaped());
    if (m_health.error && !m_health.error->remediation.isEmpty())
        tip += QStringLiteral("<br>") + m_health.error->remediation.toHtmlEscaped();
    tip += tr("<br><i>Click for diagnostics.</i>");
    setToolTip(tip);
    m_dot->setAccessibleName(stateWords(m_health.state));
}

void ConnectionStatus::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit clicked();
    QWidget::mouseReleaseEvent(event);
}

} // namespace ui
