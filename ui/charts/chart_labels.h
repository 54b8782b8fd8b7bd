#pragma once

#include <QString>

namespace ui {

// Text for chart axes and tooltips. x values are milliseconds since the epoch, shown in local
// time: a date alone at midnight, otherwise date and time (with milliseconds when there are any).
QString formatChartX(double msecsSinceEpoch);
// A value in full (shortest exact decimal), "no value" for NaN.
QString formatChartValue(double value);
// The QDateTimeAxis format that suits a visible span of `widthMs`.
QString chartAxisFormatFor(double widthMs);
// How many date labels fit a plot `plotWidthPx` wide without being cut.
int chartAxisTickCountFor(double plotWidthPx);

} // namespace ui
