#pragma once

#include <QFrame>

class QLabel;

namespace ui {

// One figure of a KPI row: a caption ("Click rate (CTR)"), the value in large type and a note
// under it (the interval, "per day on average", ...).
class KpiCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KpiCard)

public:
    explicit KpiCard(const QString& caption, QWidget* parent = nullptr);

    void setFigure(const QString& value, const QString& note = {});
    QString caption() const;
    QString value() const;
    QString note() const;

private:
    QLabel* m_caption;
    QLabel* m_value;
    QLabel* m_note;
};

} // namespace ui
