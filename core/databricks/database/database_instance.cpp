#include "databricks/database/database_instance.h"

#include "databricks/http/api_errors.h"

namespace core {

Result<DatabaseInstance> DatabaseInstance::fromJson(const QJsonObject& object, const QString& what)
{
    DatabaseInstance d;
    d.name = object.value(QStringLiteral("name")).toString();
    if (d.name.isEmpty())
        return ApiErrors::malformed(what, QStringLiteral("a database instance without a name"));
    d.uid = object.value(QStringLiteral("uid")).toString();
    d.state = object.value(QStringLiteral("state")).toString();
    d.readWriteDns = object.value(QStringLiteral("read_write_dns")).toString();
    d.readOnlyDns = object.value(QStringLiteral("read_only_dns")).toString();
    d.pgVersion = object.value(QStringLiteral("pg_version")).toString();
    d.capacity = object.value(QStringLiteral("capacity")).toString();
    d.creator = object.value(QStringLiteral("creator")).toString();
    const QJsonValue effective = object.value(QStringLiteral("effective_stopped"));
    d.stopped = effective.isBool() ? effective.toBool() : object.value(QStringLiteral("stopped")).toBool();
    return d;
}

} // namespace core
