#pragma once

#include <QString>
#include <QStringList>

#include "common/result.h"

namespace core {

// Where a configuration value came from, for diagnostics ("host from DATABRICKS_HOST").
enum class ConfigSource
{
    Unset,       // no value
    Explicit,    // passed in code / chosen in the connection dialog / a command-line option
    Environment, // a DATABRICKS_* environment variable
    File,        // a profile of the configuration file
    Default,     // the app's default (catalog, schema, OAuth client id)
};

QString configSourceName(ConfigSource source);

// One configuration value and its origin.
struct ConfigValue
{
    QString value;
    ConfigSource source = ConfigSource::Unset;
    // Precise origin for diagnostics: "DATABRICKS_HOST", "/home/u/.databrickscfg:12 [segments-sp]",
    // "explicit", "default". Never contains the value itself.
    QString origin;

    bool isSet() const { return !value.isEmpty(); }
};

// Auth type names as the Databricks SDKs spell them (`auth_type` / DATABRICKS_AUTH_TYPE).
namespace auth_type {
inline QString pat()
{
    return QStringLiteral("pat");
}
inline QString oauthM2M()
{
    return QStringLiteral("oauth-m2m");
}
inline QString externalBrowser()
{
    return QStringLiteral("external-browser");
}
inline QString databricksCli()
{
    return QStringLiteral("databricks-cli");
}
} // namespace auth_type

// The resolved settings of one Databricks connection: a plain value type built by
// DatabricksConfigResolver (or by hand in tests). The host is normalised; authType is always
// set after resolution (explicit, or inferred: token → pat, client id + secret → oauth-m2m).
// token and clientSecret are secrets: never log them, never write them to settings.
struct DatabricksConfig
{
    ConfigValue host;         // "https://dbc-a1b2.cloud.databricks.com" (normalised)
    ConfigValue token;        // personal access token (secret)
    ConfigValue clientId;     // OAuth client id (service principal application id, or U2M app)
    ConfigValue clientSecret; // OAuth client secret (secret)
    ConfigValue authType;     // pat | oauth-m2m | external-browser | databricks-cli
    ConfigValue warehouseId;  // SQL warehouse id
    ConfigValue catalog;      // default "main"
    ConfigValue schema;       // default "ad_segments"
    ConfigValue profile;      // the profile the file values came from (empty if the file was not used)
    QString configFile;       // the configuration file that was read; empty if none was

    // Non-secret lines for the diagnostics panel and `segctl doctor`:
    // "host = https://... (DATABRICKS_HOST)", "token = set (/home/u/.databrickscfg:3 [DEFAULT])".
    QStringList describe() const;
};

// Databricks host normalisation (as the SDKs do): prepend https:// when no scheme is given,
// strip trailing slashes, drop an explicit :443 on https. Plain http is accepted only for
// loopback hosts (127.0.0.0/8, ::1, localhost) — the emulator; anything else is a Validation
// error, as are other schemes, user info, queries and fragments.
Result<QString> normalizeDatabricksHost(const QString& raw);

// True for localhost, 127.0.0.0/8 and ::1 (also IPv4-mapped).
bool isLoopbackHost(const QString& hostName);

} // namespace core
