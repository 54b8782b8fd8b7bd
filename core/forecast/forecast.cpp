#include "forecast/forecast.h"

#include <cmath>

namespace core::forecast {

QString Forecast::labelAt(int h) const
{
    return firstDay.isValid() ? firstDay.addDays(h).toString(Qt::ISODate) : QString::number(firstPeriod + h);
}

const ForecastInterval* Forecast::interval(double level) const
{
    for (const auto& i : intervals) {
        if (std::abs(i.level - level) < 1e-9)
            return &i;
    }
    return nullptr;
}

} // namespace core::forecast
