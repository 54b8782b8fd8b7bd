// Fuzz target: the Databricks configuration file (~/.databrickscfg): IniFile::parse, then the
// profiles and the resolution of the default profile as DatabricksConfigResolver does them for the
// connection dialog and `segctl --profile`. Errors are one line and never quote a token or client
// secret of the file.

#include "databricks/config/databricks_config_resolver.h"
#include "databricks/config/ini_file.h"
#include "fuzz_checks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>

using namespace fuzzsupport;

namespace {

void checkNoSecret(const QString& message, const QStringList& secrets)
{
    for (const QString& secret : secrets)
        check(!message.contains(secret), "a message never quotes a secret of the file", message);
}

bool isSecretKey(const QString& key)
{
    return key == QLatin1String("token") || key == QLatin1String("client_secret");
}

// The marked file reads as the original did: the same sections and keys, and the same values for
// every key that is not a secret.
bool sameApartFromSecrets(const core::IniFile& original, const core::IniFile& marked)
{
    const auto& a = original.sections();
    const auto& b = marked.sections();
    if (a.size() != b.size())
        return false;
    for (qsizetype s = 0; s < a.size(); ++s) {
        if (a.at(s).name != b.at(s).name || a.at(s).entries.size() != b.at(s).entries.size())
            return false;
        for (qsizetype e = 0; e < a.at(s).entries.size(); ++e) {
            const core::IniEntry& x = a.at(s).entries.at(e);
            const core::IniEntry& y = b.at(s).entries.at(e);
            if (x.key != y.key || (!isSecretKey(x.key) && x.value != y.value))
                return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // Each run writes the file twice: in memory (tmpfs) where there is one, so the disk is not what
    // the fuzzer waits on.
    static QTemporaryDir home(QFileInfo(QStringLiteral("/dev/shm")).isWritable()
                                  ? QStringLiteral("/dev/shm/sb-databricks-config-fuzz-XXXXXX")
                                  : QDir::tempPath() + QStringLiteral("/sb-databricks-config-fuzz-XXXXXX"));
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
        elsewhere.append(QLatin1Char('[') + section.name + QLatin1Char(']'));
        for (const core::IniEntry& entry : section.entries)
            if (entry.key != QLatin1String("token") && entry.key != QLatin1String("client_secret"))
                elsewhere.append(entry.key + QLatin1Char(' ') + entry.value);
    }
    secrets.removeIf([&](const QString& secret) {
        return std::any_of(elsewhere.begin(), elsewhere.end(), [&](const QString& text) { return text.contains(secret); });
    });

    // The file as it is: listed and resolved without a crash, errors clear and one line.
    const core::DatabricksConfigResolver resolver(QProcessEnvironment(), home.path());
    const auto resolveFile = [&](const QByteArray& text, QStringList* messages) {
        QFile file(path);
        check(file.open(QIODevice::WriteOnly | QIODevice::Truncate), "the config file is written");
        file.write(text);
        file.close();
        auto profiles = resolver.listProfiles();
        check(bool(profiles), "a file IniFile accepts lists its profiles",
              profiles ? QString() : profiles.error().toString());
        for (const core::DatabricksProfileInfo& profile : profiles.value())
            messages->append(profile.problem);
        auto config = resolver.resolve();
        if (!config) {
            checkClearError(config.error());
            messages->append(config.error().toString());
        }
    };
    QStringList messages;
    resolveFile(input, &messages);

    // No secret's text reaches a message: the same file with each secret replaced by a marker of
    // its own gives messages without the markers. (Comparing the secrets' text with the messages
    // directly took a client_secret "[DEFAULT])" or a token ".databricks.co" for a leak: the app's
    // own words hold them.)
    if (secrets.isEmpty())
        return 0;
    QByteArray marked = input;
    QStringList markers;
    for (qsizetype i = 0; i < secrets.size(); ++i) {
        markers.append(QStringLiteral("SbSecretMarker%1x").arg(i));
        marked.replace(secrets.at(i).toUtf8(), markers.last().toUtf8());
    }
    auto again = core::IniFile::parse(marked, path);
    if (!again || !sameApartFromSecrets(ini.value(), again.value()))
        return 0; // a marker changed how the file reads (a secret spanning a key, or text that was
                  // an inline comment elsewhere and is now a value): nothing to compare
    QStringList markedMessages;
    resolveFile(marked, &markedMessages);
    for (const QString& message : markedMessages)
        checkNoSecret(message, markers);
    return 0;
}
