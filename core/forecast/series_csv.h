#pragma once

#include <QByteArray>
#include <QString>

#include "common/result.h"
#include "forecast/forecast.h"
#include "forecast/time_series.h"

namespace core::forecast {

// The forecasting CSV files.
// Input: a header line, then two columns: a date (YYYY-MM-DD) or a whole period number, and
// the value. Rows may come in any order; a date or period that is absent, or whose value is
// empty, NA or NaN, is a missing value at its own place (never closed up). Errors name the
// line: a first line that is data rather than a header, dates mixed with periods, a malformed
// date or number, the same date or period twice, a span of more than 100,000 steps.
// Output: "date,forecast,lo80,hi80,lo95,hi95" (period instead of date for a numbered series,
// one lo/hi pair per interval level) with one row per forecast step continuing the input.
class SeriesCsv
{
public:
    static Result<TimeSeries> read(const QByteArray& bytes);
    static QByteArray writeForecast(const Forecast& forecast);

    // Up to 10 significant digits, no exponent for everyday magnitudes, "-0" never.
    static QString formatNumber(double value);
    // 80 -> "80", 97.5 -> "97.5".
    static QString formatLevel(double level);
};

} // namespace core::forecast
