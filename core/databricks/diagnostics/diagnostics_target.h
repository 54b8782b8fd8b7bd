#pragma once

#include <QString>

namespace core {

// What the Doctor checks: the connection's settings, without secrets. Origins say where a
// setting came from so fixes can point there ("token = ... in /home/u/.databrickscfg [prod]").
struct DiagnosticsTarget
{
    QString host;            // "https://dbc-….cloud.databricks.com"
    QString hostOrigin;      // "DATABRICKS_HOST", "/home/u/.databrickscfg:2 [prod]", ...
    QString warehouseId;     // empty: none configured
    QString warehouseOrigin; // "DATABRICKS_WAREHOUSE_ID", "/home/u/.databrickscfg:4 [prod]", ...
    QString catalog = QStringLiteral("main");
    QString schema = QStringLiteral("ad_segments");
    QString authType;         // "pat", "oauth-m2m", "external-browser"
    QString credentialOrigin; // where the token / client secret came from
    QString profile;          // profile of the configuration file, if one was used
    QString configFile;       // the configuration file read, if any
    QString provisionCommand = QStringLiteral("segctl provision"); // how this user creates the tables
};

} // namespace core
