#pragma once

#include <QTimer>
#include <QWidget>

namespace ui {

// A small spinning arc. start() shows it only after a delay (100 ms by default) so quick
// operations never flicker; stop() hides it again.
class BusyIndicator final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BusyIndicator)

public:
    explicit BusyIndicator(QWidget* parent = nullptr);

    void setShowDelay(int milliseconds) { m_delay.setInterval(milliseconds); }
    bool isSpinning() const { return m_spin.isActive(); }
    QSize sizeHint() const override { return {18, 18}; }

public slots:
    void start();
    void stop();
    void setBusy(bool busy) { busy ? start() : stop(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QTimer m_delay;
    QTimer m_spin;
    int m_angle = 0;
    bool m_wanted = false;
};

} // namespace ui
