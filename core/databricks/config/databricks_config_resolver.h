#pragma once

#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include "common/result.h"
#include "databricks/config/databricks_config.h"

namespace core {

class IniFile;
class IniSection;

// Values given explicitly (code, connection dialog, `segctl --profile/--host`). Empty = not given.
struct DatabricksConfigOverrides
{
    QString profile;
    QString configFile;
    QString host;
    QString token;
    QString clientId;
    QString clientSecret;
    QString authType;
    QString warehouseId;
    QString catalog;
    QString schema;
};

// One profile of the configuration file, for the connection dialog. Never holds secrets.
struct DatabricksProfileInfo
{
    QString name;
    QString host;     // normalised when valid, else as written
    QString authType; // auth_type, or inferred (token → pat, client_id + client_secret → oauth-m2m), or empty
    QString warehouseId;
    QString catalog; // as written in the profile (empty: the default applies)
    QString schema;
    bool isDefault = false; // the profile resolve() uses when none is named
    int line = 0;           // line of the [name] header
    QString problem;        // why resolving this profile would fail (invalid host, two auth methods, ...)
};

// Resolves a DatabricksConfig with exactly the unified-authentication precedence of the
// Databricks SDKs (databricks-api.md §2.5):
//   1. explicit values win;
//   2. DATABRICKS_* environment variables fill what is still unset;
//   3. the configuration file is read only if a profile was named (explicitly or by
//      DATABRICKS_CONFIG_PROFILE), or if neither a host nor any auth attribute (token,
//      client_id, client_secret) is set yet — so DATABRICKS_HOST alone disables the [DEFAULT]
//      fallback. Profile = named → [__settings__] default_profile → [DEFAULT]. File values
//      never overwrite values already set. The [DEFAULT] section is not merged into other
//      profiles (the SDKs' behaviour, unlike plain configparser);
//   4. attributes of two auth methods (token and client_id/client_secret) without auth_type
//      fail: "more than one authorization method configured: oauth and pat".
// Extension of this app: profiles may also set `catalog` and `schema` (defaults "main" and
// "ad_segments"); the SDKs ignore unknown keys, so such profiles stay usable by the CLI.
// Deviation (stricter than the Python SDK, clearer for users): a named profile with no
// configuration file is an error rather than silently ignored.
//
// The environment and the home folder are injected, so tests never read the real ones.
class DatabricksConfigResolver
{
public:
    DatabricksConfigResolver(QProcessEnvironment environment, QString homeDir);

    // The real process environment and home folder (for main.cpp).
    static DatabricksConfigResolver forThisProcess();

    // Explicit config file, else DATABRICKS_CONFIG_FILE (a leading ~ is expanded), else
    // <home>/.databrickscfg.
    QString configFilePath(const DatabricksConfigOverrides& explicitValues = {}) const;

    // Errors: malformed file (file and line named), named profile missing, no host, invalid or
    // insecure host, two auth methods, missing credentials for the auth type, unsupported auth type.
    Result<DatabricksConfig> resolve(const DatabricksConfigOverrides& explicitValues = {}) const;

    // Profiles of the configuration file (only explicitValues.configFile and .profile are used).
    // No file: an empty list. A malformed file: the parse error.
    Result<QList<DatabricksProfileInfo>>
    listProfiles(const DatabricksConfigOverrides& explicitValues = {}) const;

private:
    QProcessEnvironment m_environment;
    QString m_homeDir;

    QString env(const char* name) const;
    QString expandHome(const QString& path) const;
    // The profile resolve() would use when none is named: default_profile, else DEFAULT.
    static QString defaultProfileName(const IniFile& file);
};

} // namespace core
