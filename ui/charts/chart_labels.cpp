#include "chart_labels.h"

#include <cmath>

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace ui {

QString formatChartX(double msecsSinceEpoch)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::llround(msecsSinceEpoch)));
    const QTime time = at.time();
    if (time == QTime(0, 0))
        return at.date().toString(Qt::ISODate);
    if (time.msec() == 0)
        return at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    return at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString formatChartValue(double value)
{
    if (std::isnan(value))
        return QCoreApplication::translate("ui::TimeSeriesChart", "no value");
    return QLocale().toString(value, 'f', QLocale::FloatingPointShortest);
}

QString chartAxisFormatFor(double widthMs)
{
    constexpr double kHour = 60.0 * 60 * 1000;
    if (widthMs >= 3 * 24 * kHour)
        return QStringLiteral("yyyy-MM-dd");
    if (widthMs >= 3 * kHour)
        return QStringLiteral("MM-dd HH:mm");
    if (widthMs >= 3 * 60 * 1000)
        return QStringLiteral("HH:mm:ss");
    return QStringLiteral("HH:mm:ss.zzz");
}

} // namespace ui
