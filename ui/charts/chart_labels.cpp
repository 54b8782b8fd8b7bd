#include "chart_labels.h"

#include <algorithm>
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
    // Short enough that the labels of a narrow chart are never cut ("11-07", not "2026-..."), and
    // digits only, so every label has the same width: the plot area does not move while zooming.
    constexpr double kHour = 60.0 * 60 * 1000;
    constexpr double kDay = 24 * kHour;
    if (widthMs >= 400 * kDay)
        return QStringLiteral("yyyy-MM");
    if (widthMs >= 3 * kDay)
        return QStringLiteral("MM-dd");
    if (widthMs >= 3 * kHour)
        return QStringLiteral("MM-dd HH:mm");
    if (widthMs >= 3 * 60 * 1000)
        return QStringLiteral("HH:mm:ss");
    return QStringLiteral("HH:mm:ss.zzz");
}

int chartAxisTickCountFor(double plotWidthPx)
{
    // About one label per 90 pixels, between 2 and 8.
    return std::clamp(static_cast<int>(plotWidthPx / 90.0) + 1, 2, 8);
}

} // namespace ui
