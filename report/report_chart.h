#pragma once

#include <QDate>
#include <QImage>
#include <QList>
#include <QString>

#include <optional>

#include "domain/daily_metrics.h"
#include "forecast/forecast.h"

namespace report {

// A report's chart: one segment's daily metric as a line, with its forecast (dashed) and the 80
// and 95 % ranges as bands after the last day, drawn with QPainter on an image (for the PDF, the
// HTML and the preview alike). Round value ticks come from core::charting::looseAxisTicks; a
// long range is decimated to a few points per pixel column (core::charting::decimate, LTTB) so a
// year of days stays a clean line.
class ReportChart
{
public:
    struct Series
    {
        QString title;            // "Impressions by day"
        QDate firstDay;           // of values[0]
        QList<double> values;     // one per day
        const core::forecast::Forecast* forecast = nullptr; // optional, starts the day after the last value
    };

    // width×height device pixels at devicePixelRatio 1; white background, dark text.
    static QImage render(const Series& series, int width = 1000, int height = 360);
    // The series of a metric ("impressions", "clicks") from daily rows.
    static QList<double> valuesOf(const QList<core::DailyMetrics>& days, bool clicks);
};

} // namespace report
