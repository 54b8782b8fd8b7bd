#include "common/busy_indicator.h"

#include <QPainter>
#include <QPen>

namespace ui {

BusyIndicator::BusyIndicator(QWidget* parent) : QWidget(parent)
{
    setFixedSize(sizeHint());
    setAccessibleName(tr("Working"));
    m_delay.setSingleShot(true);
    m_delay.setInterval(100);
    m_spin.setInterval(40);
    connect(&m_delay, &QTimer::timeout, this, [this] {
        if (!m_wanted)
            return;
        m_spin.start();
        setVisible(true);
    });
    connect(&m_spin, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + 30) % 360;
        update();
    });
    // Keep the space reserved in layouts so the surroundings do not jump when it appears.
    QSizePolicy policy = sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    setSizePolicy(policy);
    setVisible(false);
}

void BusyIndicator::start()
{
    if (m_wanted)
        return;
    m_wanted = true;
    m_delay.start();
}

void BusyIndicator::stop()
{
    m_wanted = false;
    m_delay.stop();
    m_spin.stop();
    setVisible(false);
}

void BusyIndicator::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int side = qMin(width(), height()) - 4;
    const QRectF r((width() - side) / 2.0, (height() - side) / 2.0, side, side);
    QPen track(palette().color(QPalette::Mid), 2.5);
    p.setPen(track);
    p.drawEllipse(r);
    QPen arc(palette().color(QPalette::Highlight), 2.5);
    arc.setCapStyle(Qt::RoundCap);
    p.setPen(arc);
    p.drawArc(r, -m_angle * 16, 100 * 16);
}

} // namespace ui
