#include "domain/segment.h"

#include <algorithm>

namespace core {

QString segmentStatusKey(SegmentStatus status)
{
    switch (status) {
    case SegmentStatus::Draft: return QStringLiteral("draft");
    case SegmentStatus::Active: return QStringLiteral("active");
    case SegmentStatus::Archived: return QStringLiteral("archived");
    }
    return {};
}

std::optional<SegmentStatus> segmentStatusFromKey(const QString& key)
{
    for (SegmentStatus s : {SegmentStatus::Draft, SegmentStatus::Active, SegmentStatus::Archived}) {
        if (segmentStatusKey(s) == key)
            return s;
    }
    return std::nullopt;
}

QString segmentStatusLabel(SegmentStatus status)
{
    switch (status) {
    case SegmentStatus::Draft: return QStringLiteral("Draft");
    case SegmentStatus::Active: return QStringLiteral("Active");
    case SegmentStatus::Archived: return QStringLiteral("Archived");
    }
    return {};
}

Status Advertiser::validateCurrency(const QString& code)
{
    const QString c = code.trimmed().toUpper();
    const bool letters = c.size() == 3 && std::all_of(c.begin(), c.end(), [](QChar ch) {
                             return ch >= QLatin1Char('A') && ch <= QLatin1Char('Z');
                         });
    if (!letters)
        return Error::validation(QStringLiteral("advertiser_currency_invalid"),
                                 QStringLiteral("“%1” is not a currency code: use three letters of ISO 4217 "
                                                "such as USD, EUR or GBP.")
                                     .arg(code));
    return success();
}

QString Advertiser::normaliseCurrency(const QString& code)
{
    const QString c = code.trimmed().toUpper();
    return c.isEmpty() ? QString::fromLatin1(kDefaultCurrency) : c;
}

} // namespace core
