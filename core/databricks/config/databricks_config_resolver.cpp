#include "databricks/config/databricks_config_resolver.h"

#include "common/single_line.h"

#include <set>

#include <spdlog/spdlog.h>

#include <QDir>

#include "databricks/config/ini_file.h"
#include "logging/logging.h"

namespace core {

namespace {

const QString kDefaultSection = QStringLiteral("DEFAULT");
const QString kSettingsSection = QStringLiteral("__settings__");

QString defaultCatalog()
{
    return QStringLiteral("main");
}
QString defaultSchema()
{
    return QStringLiteral("ad_segments");
}
QString defaultU2MClientId()
{
    return QStringLiteral("databricks-cli");
}

// The attributes this app reads, with their environment variable and file key.
struct Attribute
{
    ConfigValue DatabricksConfig::*member;
    const char* fileKey;
    const char* envVar;     // nullptr: not read from the environment
    const char* authMethod; // SDK auth group for the "more than one method" check, or nullptr
};

const Attribute kAttributes[] = {
    {&DatabricksConfig::host, "host", "DATABRICKS_HOST", nullptr},
    {&DatabricksConfig::token, "token", "DATABRICKS_TOKEN", "pat"},
    {&DatabricksConfig::clientId, "client_id", "DATABRICKS_CLIENT_ID", "oauth"},
    {&DatabricksConfig::clientSecret, "client_secret", "DATABRICKS_CLIENT_SECRET", "oauth"},
    {&DatabricksConfig::authType, "auth_type", "DATABRICKS_AUTH_TYPE", nullptr},
    {&DatabricksConfig::warehouseId, "warehouse_id", "DATABRICKS_WAREHOUSE_ID", nullptr},
    {&DatabricksConfig::catalog, "catalog", nullptr, nullptr}, // extension of this app
    {&DatabricksConfig::schema, "schema", nullptr, nullptr},   // extension of this app
};

const QString& overrideFor(const DatabricksConfigOverrides& o, const ConfigValue DatabricksConfig::*member)
{
    if (member == &DatabricksConfig::host)
        return o.host;
    if (member == &DatabricksConfig::token)
        return o.token;
    if (member == &DatabricksConfig::clientId)
        return o.clientId;
    if (member == &DatabricksConfig::clientSecret)
        return o.clientSecret;
    if (member == &DatabricksConfig::authType)
        return o.authType;
    if (member == &DatabricksConfig::warehouseId)
        return o.warehouseId;
    if (member == &DatabricksConfig::catalog)
        return o.catalog;
    return o.schema;
}

ConfigValue explicitValue(const QString& v)
{
    return ConfigValue{v.trimmed(), ConfigSource::Explicit, QStringLiteral("explicit")};
}

bool anyAuthAttributeSet(const DatabricksConfig& c)
{
    return c.token.isSet() || c.clientId.isSet() || c.clientSecret.isSet();
}

Error configError(QString code, QString message, QString detail, QString remediation)
{
    Error e = Error::validation(std::move(code), singleLine(message), std::move(detail));
    e.remediation = std::move(remediation);
    return e;
}

QString supportedAuthTypes()
{
    return QStringLiteral("pat, oauth-m2m, external-browser, databricks-cli");
}

QString inferAuthType(bool hasToken, bool hasClientId, bool hasClientSecret)
{
    if (hasToken)
        return auth_type::pat();
    if (hasClientId && hasClientSecret)
        return auth_type::oauthM2M();
    return {};
}

// Auth groups set in a profile section (for listProfiles' problem column).
QStringList authGroupsOf(const IniSection& s)
{
    std::set<QString> groups;
    for (const Attribute& a : kAttributes)
        if (a.authMethod && !s.value(QLatin1String(a.fileKey)).isEmpty())
            groups.insert(QLatin1String(a.authMethod));
    return QStringList(groups.begin(), groups.end());
}

QString profileList(const IniFile& file)
{
    QStringList names;
    for (const IniSection& s : file.sections())
        if (s.name != kSettingsSection)
            names.append(s.name);
    return names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "));
}

} // namespace

DatabricksConfigResolver::DatabricksConfigResolver(QProcessEnvironment environment, QString homeDir)
    : m_environment(std::move(environment)), m_homeDir(std::move(homeDir))
{
}

DatabricksConfigResolver DatabricksConfigResolver::forThisProcess()
{
    return DatabricksConfigResolver(QProcessEnvironment::systemEnvironment(), QDir::homePath());
}

QString DatabricksConfigResolver::env(const char* name) const
{
    // The SDKs treat an empty variable as unset.
    return m_environment.value(QLatin1String(name)).trimmed();
}

QString DatabricksConfigResolver::expandHome(const QString& path) const
{
    if (path == QStringLiteral("~"))
        return m_homeDir;
    if (path.startsWith(QStringLiteral("~/")))
        return QDir(m_homeDir).filePath(path.mid(2));
    return path;
}

QString DatabricksConfigResolver::configFilePath(const DatabricksConfigOverrides& explicitValues) const
{
    if (!explicitValues.configFile.trimmed().isEmpty())
        return expandHome(explicitValues.configFile.trimmed());
    const QString fromEnv = env("DATABRICKS_CONFIG_FILE");
    if (!fromEnv.isEmpty())
        return expandHome(fromEnv);
    return QDir(m_homeDir).filePath(QStringLiteral(".databrickscfg"));
}

QString DatabricksConfigResolver::defaultProfileName(const IniFile& file)
{
    if (const IniSection* settings = file.section(kSettingsSection)) {
        const QString named = settings->value(QStringLiteral("default_profile"));
        if (!named.isEmpty())
            return named;
    }
    const IniSection* def = file.section(kDefaultSection);
    return def && !def->entries.isEmpty() ? kDefaultSection : QString();
}

Result<DatabricksConfig>
DatabricksConfigResolver::resolve(const DatabricksConfigOverrides& explicitValues) const
{
    auto log = logging::logger("core.config");
    DatabricksConfig c;

    // 1. explicit values
    for (const Attribute& a : kAttributes) {
        const QString& v = overrideFor(explicitValues, a.member);
        if (!v.trimmed().isEmpty())
            c.*a.member = explicitValue(v);
    }
    if (!explicitValues.profile.trimmed().isEmpty())
        c.profile = explicitValue(explicitValues.profile);

    // 2. environment
    for (const Attribute& a : kAttributes) {
        if (!a.envVar || (c.*a.member).isSet())
            continue;
        const QString v = env(a.envVar);
        if (!v.isEmpty())
            c.*a.member = ConfigValue{v, ConfigSource::Environment, QLatin1String(a.envVar)};
    }
    if (!c.profile.isSet()) {
        const QString v = env("DATABRICKS_CONFIG_PROFILE");
        if (!v.isEmpty())
            c.profile =
                ConfigValue{v, ConfigSource::Environment, QStringLiteral("DATABRICKS_CONFIG_PROFILE")};
    }

    // 3. configuration file
    const bool profileNamed = c.profile.isSet();
    if (profileNamed || (!c.host.isSet() && !anyAuthAttributeSet(c))) {
        const QString path = configFilePath(explicitValues);
        auto file = IniFile::load(path);
        if (!file) {
            if (file.error().kind != ErrorKind::NotFound)
                return file.error();
            if (profileNamed) {
                return configError(
                    QStringLiteral("config_file_missing"),
                    QStringLiteral(
                        "The Databricks profile \"%1\" was requested, but the configuration file %2 does "
                        "not exist.")
                        .arg(c.profile.value, path),
                    QStringLiteral("profile from %1").arg(c.profile.origin),
                    QStringLiteral(
                        "Create the profile with `databricks configure --profile %1` or `databricks auth "
                        "login --profile %1`, or set DATABRICKS_CONFIG_FILE.")
                        .arg(c.profile.value));
            }
            log->debug("{} does not exist; using explicit values and the environment only",
                       path.toStdString());
        } else {
            QString profileName = c.profile.value;
            if (!profileNamed) {
                profileName = defaultProfileName(file.value());
                if (!profileName.isEmpty() && profileName != kDefaultSection) {
                    const IniSection* settings = file.value().section(kSettingsSection);
                    const IniEntry* e =
                        settings ? settings->find(QStringLiteral("default_profile")) : nullptr;
                    c.profile = ConfigValue{profileName, ConfigSource::File,
                                            QStringLiteral("%1:%2 [__settings__] default_profile")
                                                .arg(path)
                                                .arg(e ? e->line : 0)};
                } else if (!profileName.isEmpty()) {
                    c.profile = ConfigValue{profileName, ConfigSource::Default, QStringLiteral("default")};
                }
            }
            if (!profileName.isEmpty()) {
                const IniSection* section =
                    profileName == kSettingsSection ? nullptr : file.value().section(profileName);
                if (!section) {
                    return configError(
                        QStringLiteral("profile_not_found"),
                        QStringLiteral("The configuration file %1 has no profile \"%2\".")
                            .arg(path, profileName),
                        QStringLiteral("profile from %1; profiles in the file: %2")
                            .arg(c.profile.origin, profileList(file.value())),
                        QStringLiteral(
                            "Pick one of: %1, or create it with `databricks auth login --profile %2`.")
                            .arg(profileList(file.value()), profileName));
                }
                c.configFile = path;
                for (const Attribute& a : kAttributes) {
                    ConfigValue& target = c.*a.member;
                    if (target.isSet())
                        continue; // file values never overwrite values already set
                    const IniEntry* e = section->find(QLatin1String(a.fileKey));
                    if (e && !e->value.isEmpty())
                        target =
                            ConfigValue{e->value, ConfigSource::File,
                                        QStringLiteral("%1:%2 [%3]").arg(path).arg(e->line).arg(profileName)};
                }
                log->debug("loaded profile [{}] from {}", profileName.toStdString(), path.toStdString());
            }
        }
    } else {
        log->debug(
            "configuration file not read: a host or credentials are already set and no profile was named");
    }

    // 4. more than one authorization method
    std::set<QString> groups;
    QStringList groupOrigins;
    for (const Attribute& a : kAttributes) {
        const ConfigValue& v = c.*a.member;
        if (a.authMethod && v.isSet()) {
            groups.insert(QLatin1String(a.authMethod));
            groupOrigins.append(QStringLiteral("%1 from %2").arg(QLatin1String(a.fileKey), v.origin));
        }
    }
    if (groups.size() > 1 && !c.authType.isSet()) {
        const QStringList names(groups.begin(), groups.end());
        return configError(
            QStringLiteral("multiple_auth_methods"),
            QStringLiteral("More than one authorization method is configured: %1.")
                .arg(names.join(QStringLiteral(" and "))),
            QStringLiteral("validate: more than one authorization method configured: %1 (%2)")
                .arg(names.join(QStringLiteral(" and ")), groupOrigins.join(QStringLiteral(", "))),
            QStringLiteral(
                "Keep either the token or the client id and secret, or set auth_type (DATABRICKS_AUTH_TYPE) "
                "to the one to use. Environment variables such as DATABRICKS_CLIENT_ID also count."));
    }

    // 5. host
    if (!c.host.isSet()) {
        return configError(
            QStringLiteral("no_host"), QStringLiteral("No Databricks workspace is configured."),
            c.configFile.isEmpty()
                ? QStringLiteral("no host given, in DATABRICKS_HOST or in a configuration file profile")
                : QStringLiteral("profile [%1] in %2 has no host").arg(c.profile.value, c.configFile),
            QStringLiteral(
                "Choose a profile from ~/.databrickscfg (create one with `databricks auth login`), "
                "or set DATABRICKS_HOST."));
    }
    auto host = normalizeDatabricksHost(c.host.value);
    if (!host) {
        Error e = host.error();
        e.detail = QStringLiteral("host from %1").arg(c.host.origin);
        return e;
    }
    c.host.value = host.value();

    // 6. auth type
    if (c.authType.isSet()) {
        c.authType.value = c.authType.value.toLower();
    } else {
        const QString inferred = inferAuthType(c.token.isSet(), c.clientId.isSet(), c.clientSecret.isSet());
        if (!inferred.isEmpty())
            c.authType =
                ConfigValue{inferred, ConfigSource::Default, QStringLiteral("inferred from the credentials")};
    }
    const QString type = c.authType.value;
    if (type.isEmpty()) {
        QString detail = QStringLiteral("host %1 has no token, no client id and secret, and no auth_type")
                             .arg(c.host.value);
        if (c.clientId.isSet() && !c.clientSecret.isSet())
            detail = QStringLiteral("client_id from %1 but no client_secret").arg(c.clientId.origin);
        else if (c.clientSecret.isSet() && !c.clientId.isSet())
            detail = QStringLiteral("client_secret from %1 but no client_id").arg(c.clientSecret.origin);
        return configError(
            QStringLiteral("no_credentials"),
            QStringLiteral("No credentials are configured for %1.").arg(c.host.value), detail,
            QStringLiteral("Add a token (personal access token), a client_id and client_secret "
                           "(service principal), or auth_type = external-browser to sign in "
                           "with the browser."));
    }
    const auto missing = [&c, &type](const char* what) {
        return configError(
            QStringLiteral("incomplete_credentials"),
            QStringLiteral("The %1 sign-in needs %2, which is not configured.")
                .arg(type, QLatin1String(what)),
            QStringLiteral("auth_type %1 from %2").arg(type, c.authType.origin),
            QStringLiteral("Add %1 to the profile or the environment.").arg(QLatin1String(what)));
    };
    if (type == auth_type::pat()) {
        if (!c.token.isSet())
            return missing("a token");
    } else if (type == auth_type::oauthM2M()) {
        if (!c.clientId.isSet())
            return missing("client_id");
        if (!c.clientSecret.isSet())
            return missing("client_secret");
    } else if (type == auth_type::externalBrowser()) {
        if (!c.clientId.isSet())
            c.clientId = ConfigValue{defaultU2MClientId(), ConfigSource::Default, QStringLiteral("default")};
    } else if (type == auth_type::databricksCli()) {
        // the Databricks CLI holds the credentials
    } else {
        return configError(
            QStringLiteral("unsupported_auth_type"),
            QStringLiteral("The sign-in method \"%1\" is not supported by this app.").arg(type),
            QStringLiteral("auth_type from %1").arg(c.authType.origin),
            QStringLiteral("Use one of: %1.").arg(supportedAuthTypes()));
    }

    // 7. defaults of this app
    if (!c.catalog.isSet())
        c.catalog = ConfigValue{defaultCatalog(), ConfigSource::Default, QStringLiteral("default")};
    if (!c.schema.isSet())
        c.schema = ConfigValue{defaultSchema(), ConfigSource::Default, QStringLiteral("default")};

    log->info("Databricks connection resolved: host {} ({}), auth {} ({}), profile {}",
              c.host.value.toStdString(), c.host.origin.toStdString(), type.toStdString(),
              c.authType.origin.toStdString(),
              c.profile.isSet() ? c.profile.value.toStdString() : std::string("none"));
    return c;
}

Result<QList<DatabricksProfileInfo>>
DatabricksConfigResolver::listProfiles(const DatabricksConfigOverrides& explicitValues) const
{
    const QString path = configFilePath(explicitValues);
    auto file = IniFile::load(path);
    if (!file) {
        if (file.error().kind == ErrorKind::NotFound)
            return QList<DatabricksProfileInfo>{};
        return file.error();
    }
    QString defaultName = explicitValues.profile.trimmed();
    if (defaultName.isEmpty())
        defaultName = env("DATABRICKS_CONFIG_PROFILE");
    if (defaultName.isEmpty())
        defaultName = defaultProfileName(file.value());

    QList<DatabricksProfileInfo> out;
    for (const IniSection& s : file.value().sections()) {
        if (s.name == kSettingsSection)
            continue;
        if (s.name == kDefaultSection && s.entries.isEmpty())
            continue;
        DatabricksProfileInfo info;
        info.name = s.name;
        info.line = s.line;
        info.isDefault = s.name == defaultName;
        info.warehouseId = s.value(QStringLiteral("warehouse_id"));
        info.catalog = s.value(QStringLiteral("catalog"));
        info.schema = s.value(QStringLiteral("schema"));
        info.authType = s.value(QStringLiteral("auth_type")).toLower();
        const QStringList groups = authGroupsOf(s);
        if (info.authType.isEmpty()) {
            info.authType = inferAuthType(!s.value(QStringLiteral("token")).isEmpty(),
                                          !s.value(QStringLiteral("client_id")).isEmpty(),
                                          !s.value(QStringLiteral("client_secret")).isEmpty());
            if (groups.size() > 1)
                info.problem = QStringLiteral("more than one authorization method configured: %1")
                                   .arg(groups.join(QStringLiteral(" and ")));
        }
        const QString rawHost = s.value(QStringLiteral("host"));
        if (rawHost.isEmpty()) {
            if (info.problem.isEmpty())
                info.problem = QStringLiteral("no host");
        } else if (auto host = normalizeDatabricksHost(rawHost)) {
            info.host = host.value();
        } else {
            info.host = rawHost;
            if (info.problem.isEmpty())
                info.problem = host.error().userMessage;
        }
        if (info.problem.isEmpty() && info.authType.isEmpty())
            info.problem = QStringLiteral("no credentials");
        out.append(info);
    }
    return out;
}

} // namespace core
