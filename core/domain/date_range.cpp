#include "domain/date_range.h"

namespace core {

Result<DateRange> DateRange::of(QDate first, QDate last)
{
    if (!first.isValid() || !last.isValid())
        return Error::validation(QStringLiteral("date_range_invalid"),
                                 QStringLiteral("Choose a first and a last day."));
    if (first > last)
        return Error::validation(QStringLiteral("date_range_reversed"),
                                 QStringLiteral("The first day (%1) is after the last day (%2).")
                                     .arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate)));
    return DateRange{first, last};
}

DateRange DateRange::endingOn(QDate last, int days)
{
    return DateRange{last.addDays(1 - std::max(days, 1)), last};
}

QString DateRange::toString() const
{
    return QStringLiteral("%1 – %2").arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate));
}

} // namespace core
