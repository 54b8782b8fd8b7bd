#pragma once

#include <QJsonObject>
#include <QString>

#include "common/result.h"

namespace core {

// One SQL warehouse as GET /api/2.0/sql/warehouses[/{id}] describes it (reference §3).
struct WarehouseInfo
{
    QString id;
    QString name;
    QString state;         // STARTING, RUNNING, STOPPING, STOPPED, DELETING, DELETED
    QString health;        // HEALTHY, DEGRADED, FAILED; empty when not reported (stopped warehouses)
    QString healthSummary; // health.summary / failure_reason, for messages
    QString clusterSize;   // "2X-Small", "Small", ...

    bool isRunning() const { return state == QLatin1String("RUNNING"); }
    bool isDeleted() const { return state == QLatin1String("DELETED") || state == QLatin1String("DELETING"); }

    // A warehouse object; an object without an id is a Parse error.
    static Result<WarehouseInfo> fromJson(const QJsonObject& object, const QString& what);
};

} // namespace core
