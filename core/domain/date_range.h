#pragma once

#include <QDate>

#include "common/result.h"

namespace core {

// An inclusive range of days, first to last.
struct DateRange
{
    QDate first;
    QDate last;

    // A valid range: both days valid and first ≤ last (a Validation error says what is wrong).
    static Result<DateRange> of(QDate first, QDate last);
    // The days days that end on last (days ≥ 1).
    static DateRange endingOn(QDate last, int days);

    bool isValid() const { return first.isValid() && last.isValid() && first <= last; }
    qint64 days() const { return isValid() ? first.daysTo(last) + 1 : 0; }
    bool contains(QDate day) const { return isValid() && day >= first && day <= last; }
    // "2026-10-26 – 2026-11-24"
    QString toString() const;
    bool operator==(const DateRange&) const = default;
};

} // namespace core
