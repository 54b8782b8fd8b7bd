#include "databricks/warehouse/warehouse_info.h"

#include "databricks/http/api_errors.h"

namespace core {

Result<WarehouseInfo> WarehouseInfo::fromJson(const QJsonObject& object, const QString& what)
{
    WarehouseInfo w;
    w.id = object.value(QStringLiteral("id")).toString();
    if (w.id.isEmpty())
        return ApiErrors::malformed(what, QStringLiteral("a warehouse without an id"));
    w.name = object.value(QStringLiteral("name")).toString();
    w.state = object.value(QStringLiteral("state")).toString();
    w.clusterSize = object.value(QStringLiteral("cluster_size")).toString();
    const QJsonObject health = object.value(QStringLiteral("health")).toObject();
    w.health = health.value(QStringLiteral("status")).toString();
    w.healthSummary = health.value(QStringLiteral("summary")).toString();
    if (w.healthSummary.isEmpty())
        w.healthSummary = health.value(QStringLiteral("failure_reason"))
                              .toObject()
                              .value(QStringLiteral("code"))
                              .toString();
    return w;
}

} // namespace core
