#pragma once

#include <QJsonObject>
#include <QString>

#include "common/result.h"

namespace core {

// One Lakebase Provisioned database instance as GET /api/2.0/database/instances/{name}
// describes it (reference §8).
struct DatabaseInstance
{
    QString name;
    QString uid;
    QString state;        // STARTING, AVAILABLE, UPDATING, STOPPED, DELETING, FAILING_OVER
    QString readWriteDns; // read_write_dns: the host PostgreSQL clients connect to
    QString readOnlyDns;  // read_only_dns: readable secondaries, empty when not enabled
    QString pgVersion;    // "PG_VERSION_16"
    QString capacity;     // "CU_1", "CU_2", ...
    QString creator;
    bool stopped = false; // effective_stopped (or stopped)

    bool isAvailable() const { return state == QLatin1String("AVAILABLE"); }

    // An instance object; one without a name is a Parse error. A missing read_write_dns is not
    // (a starting instance may not have one yet): LakebaseTarget refuses to connect to it.
    static Result<DatabaseInstance> fromJson(const QJsonObject& object, const QString& what);
};

} // namespace core
