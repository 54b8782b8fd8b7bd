#include "workspace_choice.h"

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

QString WorkspaceChoice::describe() const
{
    if (isLocal())
        return QStringLiteral("Local workspace %1").arg(QDir::toNativeSeparators(localPath));
    if (profile.isEmpty())
        return QStringLiteral("Databricks (default profile or environment)");
    return QStringLiteral("Databricks profile “%1”").arg(profile);
}

void WorkspaceChoice::save(QSettings& settings) const
{
    settings.setValue(kKind, isLocal() ? QStringLiteral("local") : QStringLiteral("databricks"));
    settings.setValue(kPath, localPath);
    settings.setValue(kProfile, profile);
    settings.setValue(kWarehouse, warehouseId);
    settings.setValue(kCatalog, catalog);
    settings.setValue(kSchema, schema);
}

WorkspaceChoice WorkspaceChoice::load(const QSettings& settings)
{
    WorkspaceChoice c;
    c.kind = settings.value(kKind).toString() == QLatin1String("databricks") ? Kind::Databricks : Kind::Local;
    c.localPath = settings.value(kPath).toString();
    c.profile = settings.value(kProfile).toString();
    c.warehouseId = settings.value(kWarehouse).toString();
    c.catalog = settings.value(kCatalog).toString();
    c.schema = settings.value(kSchema).toString();
    return c;
}

} // namespace core
