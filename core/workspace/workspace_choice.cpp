#include "workspace_choice.h"

#include "backends/postgres/pg_session.h"

#include <QDir>
#include <QSettings>

namespace core {

namespace {

const QString kKind = QStringLiteral("workspace/kind");
const QString kPath = QStringLiteral("workspace/path");
const QString kProfile = QStringLiteral("workspace/databricksProfile");
const QString kWarehouse = QStringLiteral("workspace/databricksWarehouse");
const QString kCatalog = QStringLiteral("workspace/databricksCatalog");
const QString kSchema = QStringLiteral("workspace/databricksSchema");
const QString kConnInfo = QStringLiteral("workspace/postgresConnInfo");
const QString kInstance = QStringLiteral("workspace/lakebaseInstance");
const QString kDatabase = QStringLiteral("workspace/lakebaseDatabase");

QString kindKey(WorkspaceChoice::Kind kind)
{
    switch (kind) {
    case WorkspaceChoice::Kind::Local: return QStringLiteral("local");
    case WorkspaceChoice::Kind::Databricks: return QStringLiteral("databricks");
    case WorkspaceChoice::Kind::Postgres: return QStringLiteral("postgres");
    case WorkspaceChoice::Kind::Lakebase: return QStringLiteral("lakebase");
    }
    return QStringLiteral("local");
}

} // namespace

WorkspaceChoice WorkspaceChoice::local(const QString& path)
{
    WorkspaceChoice c;
    c.kind = Kind::Local;
    c.localPath = path;
    return c;
}

WorkspaceChoice WorkspaceChoice::databricks(const QString& profile)
{
    WorkspaceChoice c;
    c.kind = Kind::Databricks;
    c.profile = profile;
    return c;
}

WorkspaceChoice WorkspaceChoice::postgres(const QString& conninfo)
{
    WorkspaceChoice c;
    c.kind = Kind::Postgres;
    c.conninfo = PgSession::printableConnInfo(conninfo.trimmed());
    return c;
}

WorkspaceChoice WorkspaceChoice::lakebase(const QString& profile, const QString& instance, const QString& database)
{
    WorkspaceChoice c;
    c.kind = Kind::Lakebase;
    c.profile = profile;
    c.lakebaseInstance = instance.trimmed();
    c.lakebaseDatabase = database.trimmed();
    return c;
}

QString WorkspaceChoice::lakebaseDatabaseName() const
{
    return lakebaseDatabase.isEmpty() ? QStringLiteral("databricks_postgres") : lakebaseDatabase;
}

QString WorkspaceChoice::describe() const
{
    if (kind == Kind::Postgres)
        return QStringLiteral("PostgreSQL %1").arg(PgSession::printableConnInfo(conninfo)); // even if filled in by hand
    if (kind == Kind::Lakebase)
        return profile.isEmpty() ? QStringLiteral("Lakebase instance “%1”").arg(lakebaseInstance)
                                 : QStringLiteral("Lakebase instance “%1” (profile “%2”)").arg(lakebaseInstance, profile);
    if (isLocal())
        return QStringLiteral("Local workspace %1").arg(QDir::toNativeSeparators(localPath));
    if (profile.isEmpty())
        return QStringLiteral("Databricks (default profile or environment)");
    return QStringLiteral("Databricks profile “%1”").arg(profile);
}

QString WorkspaceChoice::outboxKey() const
{
    QString key;
    if (kind == Kind::Postgres)
        return QStringLiteral("postgres:") + PgSession::printableConnInfo(conninfo);
    if (kind == Kind::Lakebase)
        key = QStringLiteral("lakebase:%1/%2/%3").arg(profile, lakebaseInstance, lakebaseDatabase);
    else if (isLocal())
        return QStringLiteral("local:") + localPath;
    else
        key = QStringLiteral("databricks:") + profile;
    if (!catalog.isEmpty() || !schema.isEmpty())
        key += QStringLiteral(":%1.%2").arg(catalog, schema);
    return key;
}

void WorkspaceChoice::save(QSettings& settings) const
{
    settings.setValue(kKind, kindKey(kind));
    settings.setValue(kPath, localPath);
    settings.setValue(kProfile, profile);
    settings.setValue(kWarehouse, warehouseId);
    settings.setValue(kCatalog, catalog);
    settings.setValue(kSchema, schema);
    settings.setValue(kConnInfo, PgSession::printableConnInfo(conninfo)); // never a password
    settings.setValue(kInstance, lakebaseInstance);
    settings.setValue(kDatabase, lakebaseDatabase);
}

WorkspaceChoice WorkspaceChoice::load(const QSettings& settings)
{
    WorkspaceChoice c;
    const QString kind = settings.value(kKind).toString();
    c.kind = Kind::Local;
    for (Kind k : {Kind::Databricks, Kind::Postgres, Kind::Lakebase}) {
        if (kind == kindKey(k))
            c.kind = k;
    }
    c.localPath = settings.value(kPath).toString();
    c.profile = settings.value(kProfile).toString();
    c.warehouseId = settings.value(kWarehouse).toString();
    c.catalog = settings.value(kCatalog).toString();
    c.schema = settings.value(kSchema).toString();
    c.conninfo = settings.value(kConnInfo).toString();
    c.lakebaseInstance = settings.value(kInstance).toString();
    c.lakebaseDatabase = settings.value(kDatabase).toString();
    if (c.kind == Kind::Postgres && c.conninfo.isEmpty())
        c.kind = Kind::Local; // nothing to connect to
    if (c.kind == Kind::Lakebase && c.lakebaseInstance.isEmpty())
        c.kind = Kind::Local;
    return c;
}

} // namespace core
