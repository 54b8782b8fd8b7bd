#include "domain/event_rows.h"

namespace core {

const QStringList& bronzeEventColumns()
{
    static const QStringList names{
        QStringLiteral("event_id"),    QStringLiteral("event_time"), QStringLiteral("advertiser_id"),
        QStringLiteral("campaign_id"), QStringLiteral("user_id"),    QStringLiteral("age"),
        QStringLiteral("gender"),      QStringLiteral("country"),    QStringLiteral("region"),
        QStringLiteral("device"),      QStringLiteral("interests"),  QStringLiteral("event_type"),
        QStringLiteral("cost_micros")};
    return names;
}

} // namespace core
