// Fuzz target: the Databricks configuration file (~/.databrickscfg): IniFile::parse, then the
// profiles and the resolution of the default profile as DatabricksConfigResolver does them for the
// connection dialog and `segctl --profile`. Errors are one line and never quote a token or client
// secret of the file.

#include "databricks/config/databricks_config_resolver.h"
#include "databricks/config/ini_file.h"
#include "fuzz_checks.h"

#include <QFile>
#include <QTemporaryDir>

#include <algorithm>

using namespace fuzzsupport;

namespace {

void checkNoSecret(const QString& message, const QStringList& secrets)
{
    for (const QString& secret : secrets)
        check(!message.contains(secret), "a message never quotes a secret of the file", message);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static QTemporaryDir home;
    static const QString path = home.path() + QStringLiteral("/.databrickscfg");
    const QByteArray input = bytes(data, size);

    auto ini = core::IniFile::parse(input, path);
    if (!ini) {
        checkClearError(ini.error());
        return 0;
    }
    QStringList secrets;
    for (const core::IniSection& section : ini.value().sections()) {
        check(ini.value().section(section.name) == &section, "sections are found by name", section.name);
        for (const core::IniEntry& entry : section.entries) {
            check(entry.key == entry.key.toLower(), "keys are lower-cased", entry.key);
            if ((entry.key == QLatin1String("token") || entry.key == QLatin1String("client_secret")) &&
                entry.value.size() >= 8)
                secrets.append(entry.value);
        }
    }

    // A "secret" that is also written elsewhere (a section name, another value) may be quoted as that.
    QStringList elsewhere;
    for (const core::IniSection& section : ini.value().sections()) {
        // Messages name a section as "… [NAME])" (found by the fuzzer: a client_secret of
        // "[DEFAULT])" is quoted by nothing but that).
        elsewhere.append(QLatin1Char('[') + section.name + QStringLiteral("]))"));
        for (const core::IniEntry& entry : section.entries)
            if (entry.key != QLatin1String("token") && entry.key != QLatin1String("client_secret"))
                elsewhere.append(entry.key + QLatin1Char(' ') + entry.value);
    }
    secrets.removeIf([&](const QString& secret) {
        return std::any_of(elsewhere.begin(), elsewhere.end(), [&](const QString& text) { return text.contains(secret); });
    });

    QFile file(path);
    check(file.open(QIODevice::WriteOnly | QIODevice::Truncate), "the config file is written");
    file.write(input);
    file.close();
    const core::DatabricksConfigResolver resolver(QProcessEnvironment(), home.path());
    auto profiles = resolver.listProfiles();
    check(bool(profiles), "a file IniFile accepts lists its profiles",
          profiles ? QString() : profiles.error().toString());
    for (const core::DatabricksProfileInfo& profile : profiles.value())
        checkNoSecret(profile.problem, secrets);
    auto config = resolver.resolve();
    if (!config) {
        checkClearError(config.error());
        checkNoSecret(config.error().toString(), secrets);
    }
    return 0;
}
