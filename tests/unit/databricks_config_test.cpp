// Databricks connection settings: the SDKs' unified-auth precedence (explicit > environment >
// ~/.databrickscfg, with the file read only when a profile is named or nothing is set yet),
// host normalisation with https enforced outside loopback, INI errors with file and line, and
// a profile list for the connection dialog that never carries secrets.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include "databricks/config/databricks_config.h"
#include "databricks/config/databricks_config_resolver.h"
#include "databricks/config/ini_file.h"

using namespace core;

namespace {

const QString kPat = QStringLiteral("dapi0123456789abcdef0123456789abcdef");
const QString kFilePat = QStringLiteral("dapiffffeeeeddddccccbbbbaaaa99998888");
const QString kSpSecret = QStringLiteral("dose0123456789SECRETvalue");

class DatabricksConfigTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_home.isValid()); }

    QString homePath() const { return m_home.path(); }
    QString cfgPath() const { return QDir(m_home.path()).filePath(QStringLiteral(".databrickscfg")); }

    void writeFile(const QString& path, const QByteArray& text)
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }
    void writeCfg(const QByteArray& text) { writeFile(cfgPath(), text); }

    void setEnv(const char* name, const QString& value) { m_env.insert(QLatin1String(name), value); }

    DatabricksConfigResolver resolver() const { return DatabricksConfigResolver(m_env, homePath()); }
    Result<DatabricksConfig> resolve(const DatabricksConfigOverrides& o = {}) const
    {
        return resolver().resolve(o);
    }

    // The standard file of the reference document, plus catalog/schema (our extension).
    void writeStandardCfg()
    {
        writeCfg("[DEFAULT]\n"
                 "host  = https://adb-1234567890123456.7.azuredatabricks.net\n"
                 "token = " +
                 kFilePat.toUtf8() +
                 "\n"
                 "\n"
                 "[segments-sp]\n"
                 "host          = https://dbc-a1b2345c-d6e7.cloud.databricks.com\n"
                 "client_id     = 6f1c0000-sp\n"
                 "client_secret = " +
                 kSpSecret.toUtf8() +
                 "\n"
                 "warehouse_id  = 1234567890abcdef\n"
                 "catalog       = marketing\n"
                 "schema        = segments\n"
                 "\n"
                 "[segments-user]\n"
                 "host      = https://dbc-a1b2345c-d6e7.cloud.databricks.com\n"
                 "auth_type = external-browser\n");
    }

    QTemporaryDir m_home;
    QProcessEnvironment m_env; // empty: the real environment is never read
};

class ConfigPrecedence : public DatabricksConfigTest
{
protected:
    void SetUp() override
    {
        DatabricksConfigTest::SetUp();
        m_env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin")); // unrelated variables are ignored
    }
};

} // namespace

TEST_F(ConfigPrecedence, EnvironmentOnlyWithoutAnyFile)
{
    setEnv("DATABRICKS_HOST", QStringLiteral("dbc-env.cloud.databricks.com/"));
    setEnv("DATABRICKS_TOKEN", kPat);
    setEnv("DATABRICKS_WAREHOUSE_ID", QStringLiteral("wh-env"));
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().host.value, QStringLiteral("https://dbc-env.cloud.databricks.com"));
    EXPECT_EQ(c.value().host.source, ConfigSource::Environment);
    EXPECT_EQ(c.value().host.origin, QStringLiteral("DATABRICKS_HOST"));
    EXPECT_EQ(c.value().token.value, kPat);
    EXPECT_EQ(c.value().authType.value, QStringLiteral("pat"));
    EXPECT_EQ(c.value().warehouseId.value, QStringLiteral("wh-env"));
    EXPECT_EQ(c.value().catalog.value, QStringLiteral("main"));
    EXPECT_EQ(c.value().catalog.source, ConfigSource::Default);
    EXPECT_EQ(c.value().schema.value, QStringLiteral("ad_segments"));
    EXPECT_TRUE(c.value().configFile.isEmpty());
    EXPECT_FALSE(c.value().profile.isSet());
}

TEST_F(ConfigPrecedence, EnvironmentCredentialsSkipTheFileEvenWhenItHasADefaultProfile)
{
    writeStandardCfg();
    setEnv("DATABRICKS_HOST", QStringLiteral("https://dbc-env.cloud.databricks.com"));
    setEnv("DATABRICKS_TOKEN", kPat);
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().token.value, kPat);
    EXPECT_TRUE(c.value().configFile.isEmpty());
    EXPECT_FALSE(c.value().warehouseId.isSet());
}

TEST_F(ConfigPrecedence, DefaultProfileOfTheFileWhenNothingElseIsSet)
{
    writeStandardCfg();
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().host.value, QStringLiteral("https://adb-1234567890123456.7.azuredatabricks.net"));
    EXPECT_EQ(c.value().host.source, ConfigSource::File);
    EXPECT_EQ(c.value().host.origin, cfgPath() + QStringLiteral(":2 [DEFAULT]"));
    EXPECT_EQ(c.value().token.value, kFilePat);
    EXPECT_EQ(c.value().token.origin, cfgPath() + QStringLiteral(":3 [DEFAULT]"));
    EXPECT_EQ(c.value().profile.value, QStringLiteral("DEFAULT"));
    EXPECT_EQ(c.value().configFile, cfgPath());
    EXPECT_EQ(c.value().authType.value, QStringLiteral("pat"));
}

TEST_F(ConfigPrecedence, ProfileNamedByEnvironment)
{
    writeStandardCfg();
    setEnv("DATABRICKS_CONFIG_PROFILE", QStringLiteral("segments-sp"));
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().host.value, QStringLiteral("https://dbc-a1b2345c-d6e7.cloud.databricks.com"));
    EXPECT_EQ(c.value().clientId.value, QStringLiteral("6f1c0000-sp"));
    EXPECT_EQ(c.value().clientSecret.value, kSpSecret);
    EXPECT_EQ(c.value().authType.value, QStringLiteral("oauth-m2m"));
    EXPECT_EQ(c.value().warehouseId.value, QStringLiteral("1234567890abcdef"));
    EXPECT_EQ(c.value().catalog.value, QStringLiteral("marketing"));
    EXPECT_EQ(c.value().catalog.source, ConfigSource::File);
    EXPECT_EQ(c.value().schema.value, QStringLiteral("segments"));
    EXPECT_EQ(c.value().profile.origin, QStringLiteral("DATABRICKS_CONFIG_PROFILE"));
    EXPECT_FALSE(c.value().token.isSet()) << "[DEFAULT] is not merged into named profiles";
}

TEST_F(ConfigPrecedence, ExplicitProfileBeatsTheEnvironmentProfile)
{
    writeStandardCfg();
    setEnv("DATABRICKS_CONFIG_PROFILE", QStringLiteral("segments-sp"));
    DatabricksConfigOverrides o;
    o.profile = QStringLiteral("segments-user");
    auto c = resolve(o);
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().profile.value, QStringLiteral("segments-user"));
    EXPECT_EQ(c.value().profile.source, ConfigSource::Explicit);
    EXPECT_EQ(c.value().authType.value, QStringLiteral("external-browser"));
    EXPECT_EQ(c.value().clientId.value, QStringLiteral("databricks-cli"));
    EXPECT_EQ(c.value().clientId.source, ConfigSource::Default);
}

TEST_F(ConfigPrecedence, SettingsDefaultProfileChosenBeforeDefaultSection)
{
    writeStandardCfg();
    QFile f(cfgPath());
    ASSERT_TRUE(f.open(QIODevice::Append));
    f.write("\n[__settings__]\ndefault_profile = segments-sp\n");
    f.close();
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().profile.value, QStringLiteral("segments-sp"));
    EXPECT_EQ(c.value().profile.source, ConfigSource::File);
    EXPECT_EQ(c.value().authType.value, QStringLiteral("oauth-m2m"));
}

TEST_F(ConfigPrecedence, SettingsDefaultProfileNamingAMissingProfileIsAnError)
{
    writeCfg("[__settings__]\ndefault_profile = nope\n[a]\nhost = h.example.com\ntoken = t\n");
    auto c = resolve();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, QStringLiteral("profile_not_found"));
    EXPECT_TRUE(c.error().userMessage.contains(QStringLiteral("nope")));
}

TEST_F(ConfigPrecedence, HostInEnvironmentAloneDisablesTheDefaultFallback)
{
    writeStandardCfg(); // [DEFAULT] has a token that must NOT be picked up
    setEnv("DATABRICKS_HOST", QStringLiteral("https://dbc-env.cloud.databricks.com"));
    auto c = resolve();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, QStringLiteral("no_credentials"));
    EXPECT_FALSE(c.error().remediation.isEmpty());
    EXPECT_EQ(c.error().toString().indexOf(kFilePat), -1);
}

TEST_F(ConfigPrecedence, AuthTypeInEnvironmentDoesNotDisableTheFile)
{
    writeStandardCfg();
    setEnv("DATABRICKS_AUTH_TYPE", QStringLiteral("pat"));
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().token.value, kFilePat);
    EXPECT_EQ(c.value().authType.source, ConfigSource::Environment);
}

TEST_F(ConfigPrecedence, EnvironmentBeatsProfileValuesAndFileFillsTheRest)
{
    writeStandardCfg();
    setEnv("DATABRICKS_HOST", QStringLiteral("https://dbc-env.cloud.databricks.com"));
    setEnv("DATABRICKS_WAREHOUSE_ID", QStringLiteral("wh-env"));
    setEnv("DATABRICKS_CONFIG_PROFILE", QStringLiteral("segments-sp"));
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().host.value, QStringLiteral("https://dbc-env.cloud.databricks.com"));
    EXPECT_EQ(c.value().warehouseId.value, QStringLiteral("wh-env"));
    EXPECT_EQ(c.value().clientId.value, QStringLiteral("6f1c0000-sp"));
    EXPECT_EQ(c.value().clientId.source, ConfigSource::File);
}

TEST_F(ConfigPrecedence, ExplicitBeatsEnvironmentBeatsFile)
{
    writeStandardCfg();
    setEnv("DATABRICKS_CONFIG_PROFILE", QStringLiteral("segments-sp"));
    setEnv("DATABRICKS_WAREHOUSE_ID", QStringLiteral("wh-env"));
    setEnv("DATABRICKS_CLIENT_ID", QStringLiteral("env-client"));
    DatabricksConfigOverrides o;
    o.warehouseId = QStringLiteral("wh-explicit");
    o.catalog = QStringLiteral("cat-explicit");
    auto c = resolve(o);
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().warehouseId.value, QStringLiteral("wh-explicit"));
    EXPECT_EQ(c.value().warehouseId.source, ConfigSource::Explicit);
    EXPECT_EQ(c.value().clientId.value, QStringLiteral("env-client"));
    EXPECT_EQ(c.value().clientSecret.value, kSpSecret); // from the file
    EXPECT_EQ(c.value().catalog.value, QStringLiteral("cat-explicit"));
    EXPECT_EQ(c.value().schema.value, QStringLiteral("segments"));
}

TEST_F(ConfigPrecedence, EmptyEnvironmentVariablesCountAsUnset)
{
    writeStandardCfg();
    setEnv("DATABRICKS_HOST", QString());
    setEnv("DATABRICKS_TOKEN", QStringLiteral("  "));
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().profile.value, QStringLiteral("DEFAULT"));
    EXPECT_EQ(c.value().token.value, kFilePat);
}

TEST_F(ConfigPrecedence, TokenAndClientCredentialsConflict)
{
    writeStandardCfg();
    setEnv("DATABRICKS_TOKEN", kPat);
    setEnv("DATABRICKS_CONFIG_PROFILE", QStringLiteral("segments-sp"));
    auto c = resolve();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, QStringLiteral("multiple_auth_methods"));
    EXPECT_EQ(c.error().kind, ErrorKind::Validation);
    EXPECT_TRUE(c.error().detail.contains(
        QStringLiteral("more than one authorization method configured: oauth and pat")))
        << c.error().detail.toStdString();
    EXPECT_TRUE(c.error().detail.contains(QStringLiteral("DATABRICKS_TOKEN")));
    EXPECT_EQ(c.error().toString().indexOf(kPat), -1);
    EXPECT_EQ(c.error().toString().indexOf(kSpSecret), -1);
}

TEST_F(ConfigPrecedence, AuthTypeSettlesTwoConfiguredMethods)
{
    writeStandardCfg();
    setEnv("DATABRICKS_TOKEN", kPat);
    setEnv("DATABRICKS_CONFIG_PROFILE", QStringLiteral("segments-sp"));
    setEnv("DATABRICKS_AUTH_TYPE", QStringLiteral("OAuth-M2M"));
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().authType.value, QStringLiteral("oauth-m2m"));
}

TEST_F(ConfigPrecedence, NamedProfileMissingFromTheFile)
{
    writeStandardCfg();
    setEnv("DATABRICKS_CONFIG_PROFILE", QStringLiteral("prod"));
    auto c = resolve();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, QStringLiteral("profile_not_found"));
    EXPECT_TRUE(c.error().remediation.contains(QStringLiteral("segments-sp")))
        << c.error().remediation.toStdString();
}

TEST_F(ConfigPrecedence, NamedProfileWithoutAnyFile)
{
    DatabricksConfigOverrides o;
    o.profile = QStringLiteral("prod");
    auto c = resolve(o);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, QStringLiteral("config_file_missing"));
    EXPECT_TRUE(c.error().userMessage.contains(cfgPath()));
}

TEST_F(ConfigPrecedence, NothingConfiguredAtAll)
{
    auto c = resolve();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, QStringLiteral("no_host"));
    EXPECT_FALSE(c.error().remediation.isEmpty());
}

TEST_F(ConfigPrecedence, ConfigFileFromEnvironmentWithTildeExpansion)
{
    QDir(homePath()).mkpath(QStringLiteral("conf"));
    writeFile(QDir(homePath()).filePath(QStringLiteral("conf/db.ini")),
              "[DEFAULT]\nhost = other.cloud.databricks.com\ntoken = " + kPat.toUtf8() + "\n");
    writeStandardCfg(); // the default path must be ignored
    setEnv("DATABRICKS_CONFIG_FILE", QStringLiteral("~/conf/db.ini"));
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().host.value, QStringLiteral("https://other.cloud.databricks.com"));
    EXPECT_EQ(c.value().configFile, QDir(homePath()).filePath(QStringLiteral("conf/db.ini")));

    DatabricksConfigOverrides o; // explicit file beats the environment's
    o.configFile = cfgPath();
    EXPECT_EQ(resolver().configFilePath(o), cfgPath());
}

TEST_F(ConfigPrecedence, IncompleteAndUnsupportedAuthTypes)
{
    setEnv("DATABRICKS_HOST", QStringLiteral("h.cloud.databricks.com"));
    setEnv("DATABRICKS_CLIENT_ID", QStringLiteral("only-id"));
    auto c = resolve();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, QStringLiteral("no_credentials"));
    EXPECT_TRUE(c.error().detail.contains(QStringLiteral("no client_secret")));

    setEnv("DATABRICKS_AUTH_TYPE", QStringLiteral("oauth-m2m"));
    c = resolve();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, QStringLiteral("incomplete_credentials"));

    setEnv("DATABRICKS_AUTH_TYPE", QStringLiteral("azure-cli"));
    c = resolve();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, QStringLiteral("unsupported_auth_type"));

    setEnv("DATABRICKS_AUTH_TYPE", QStringLiteral("databricks-cli"));
    c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
}

TEST_F(ConfigPrecedence, InsecureHostFromProfileIsRejectedWithItsOrigin)
{
    writeCfg("[DEFAULT]\nhost = http://dbc-x.cloud.databricks.com\ntoken = t\n");
    auto c = resolve();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, QStringLiteral("insecure_host"));
    EXPECT_TRUE(c.error().detail.contains(cfgPath() + QStringLiteral(":2 [DEFAULT]")))
        << c.error().detail.toStdString();
}

TEST_F(ConfigPrecedence, LoopbackHttpIsAcceptedForTheEmulator)
{
    setEnv("DATABRICKS_HOST", QStringLiteral("http://127.0.0.1:8899/"));
    setEnv("DATABRICKS_TOKEN", kPat);
    auto c = resolve();
    ASSERT_TRUE(c.ok()) << c.error().toString().toStdString();
    EXPECT_EQ(c.value().host.value, QStringLiteral("http://127.0.0.1:8899"));
}

TEST_F(ConfigPrecedence, DescribeShowsOriginsButNeverSecrets)
{
    writeStandardCfg();
    setEnv("DATABRICKS_CONFIG_PROFILE", QStringLiteral("segments-sp"));
    auto c = resolve();
    ASSERT_TRUE(c.ok());
    const QString text = c.value().describe().join(QLatin1Char('\n'));
    EXPECT_EQ(text.indexOf(kSpSecret), -1) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("client_secret = set (") + cfgPath())) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("token = not set")));
    EXPECT_TRUE(text.contains(QStringLiteral("host = https://dbc-a1b2345c-d6e7.cloud.databricks.com")));
}

// ---- host normalisation ----

TEST(DatabricksHost, NormalisesLikeTheSdks)
{
    const struct
    {
        const char* in;
        const char* out;
    } cases[] = {
        {"dbc-a1b2.cloud.databricks.com", "https://dbc-a1b2.cloud.databricks.com"},
        {"https://dbc-a1b2.cloud.databricks.com/", "https://dbc-a1b2.cloud.databricks.com"},
        {"  https://dbc-a1b2.cloud.databricks.com//  ", "https://dbc-a1b2.cloud.databricks.com"},
        {"https://dbc-a1b2.cloud.databricks.com:443", "https://dbc-a1b2.cloud.databricks.com"},
        {"https://dbc-a1b2.cloud.databricks.com:443/", "https://dbc-a1b2.cloud.databricks.com"},
        {"HTTPS://DBC-A1B2.Cloud.Databricks.com", "https://dbc-a1b2.cloud.databricks.com"},
        {"https://dbc-a1b2.cloud.databricks.com:8443", "https://dbc-a1b2.cloud.databricks.com:8443"},
        {"adb-123.4.azuredatabricks.net:443", "https://adb-123.4.azuredatabricks.net"},
        {"http://127.0.0.1:8080/", "http://127.0.0.1:8080"},
        {"http://127.10.20.30", "http://127.10.20.30"},
        {"http://localhost:1234", "http://localhost:1234"},
        {"http://LOCALHOST:1234", "http://localhost:1234"},
        {"http://[::1]:9000/", "http://[::1]:9000"},
        {"https://127.0.0.1:8443", "https://127.0.0.1:8443"},
    };
    for (const auto& c : cases) {
        auto r = normalizeDatabricksHost(QLatin1String(c.in));
        ASSERT_TRUE(r.ok()) << c.in << ": " << r.error().toString().toStdString();
        EXPECT_EQ(r.value(), QLatin1String(c.out)) << c.in;
    }
}

TEST(DatabricksHost, RejectsPlainHttpOutsideLoopbackAndOtherNonsense)
{
    const struct
    {
        const char* in;
        const char* code;
    } cases[] = {
        {"http://dbc-a1b2.cloud.databricks.com", "insecure_host"},
        {"http://10.0.0.1:8080", "insecure_host"},
        {"http://128.0.0.1", "insecure_host"},
        {"http://localhost.example.com", "insecure_host"},
        {"http://[::2]", "insecure_host"},
        {"ftp://dbc-a1b2.cloud.databricks.com", "invalid_host"},
        {"https://user:pw@dbc-a1b2.cloud.databricks.com", "invalid_host"},
        {"https://dbc-a1b2.cloud.databricks.com/?o=123", "invalid_host"},
        {"https://dbc-a1b2.cloud.databricks.com/#x", "invalid_host"},
        {"", "invalid_host"},
        {"https://", "invalid_host"},
    };
    for (const auto& c : cases) {
        auto r = normalizeDatabricksHost(QLatin1String(c.in));
        ASSERT_FALSE(r.ok()) << c.in << " → " << r.value().toStdString();
        EXPECT_EQ(r.error().code, QLatin1String(c.code)) << c.in;
        EXPECT_EQ(r.error().kind, ErrorKind::Validation);
        EXPECT_FALSE(r.error().remediation.isEmpty());
    }
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("::ffff:127.0.0.1")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("example.com")));
}

// ---- INI syntax ----

TEST(DatabricksIniFile, AcceptsCommentsBomCrlfColonsAndCaseInsensitiveKeys)
{
    const QByteArray text = "\xEF\xBB\xBF# comment\r\n"
                            "; another\r\n"
                            "[DEFAULT]\r\n"
                            "HOST = https://a.example.com   # prod workspace\r\n"
                            "token: abc:def\r\n"
                            "\r\n"
                            "  [ indented ]  \r\n"
                            "  host = b.example.com\r\n"
                            "  warehouse_id = w1 ; inline\r\n"
                            "empty =\r\n";
    auto f = IniFile::parse(text, QStringLiteral("cfg"));
    ASSERT_TRUE(f.ok()) << f.error().toString().toStdString();
    ASSERT_EQ(f.value().sections().size(), 2);
    const IniSection* def = f.value().section(QStringLiteral("DEFAULT"));
    ASSERT_NE(def, nullptr);
    EXPECT_EQ(def->value(QStringLiteral("host")), QStringLiteral("https://a.example.com"));
    EXPECT_EQ(def->value(QStringLiteral("token")), QStringLiteral("abc:def"));
    EXPECT_EQ(def->find(QStringLiteral("host"))->line, 4);
    const IniSection* ind = f.value().section(QStringLiteral("indented"));
    ASSERT_NE(ind, nullptr);
    EXPECT_EQ(ind->line, 7);
    EXPECT_EQ(ind->value(QStringLiteral("warehouse_id")), QStringLiteral("w1"));
    EXPECT_EQ(ind->value(QStringLiteral("empty")), QString());
    EXPECT_EQ(f.value().section(QStringLiteral("default")), nullptr) << "section names are case-sensitive";

    auto indentedKeys = IniFile::parse("[a]\nhost = x\n    token = y\n", QStringLiteral("cfg"));
    ASSERT_TRUE(indentedKeys.ok()) << indentedKeys.error().toString().toStdString();
    EXPECT_EQ(indentedKeys.value().section(QStringLiteral("a"))->value(QStringLiteral("token")),
              QStringLiteral("y"));
}

TEST_F(ConfigPrecedence, MalformedFilesNameTheFileAndTheLine)
{
    const struct
    {
        QByteArray text;
        int line;
        const char* what;
    } cases[] = {
        {"host = x\n[a]\n", 1, "before any [profile]"},
        {"[a]\nhost = x\njust words\n", 3, "expected 'key = value'"},
        {"[a]\nhost = x\n\n[b\n", 4, "no closing ']'"},
        {"[a]\n[]\n", 2, "section name is empty"},
        {"[a]\nhost = x\n[a]\n", 3, "second time"},
        {"[a]\nhost = x\ntoken = 1\nHost = y\n", 4, "'host' is set a second time"},
        {"[a]\nhost = x\n   continued\n", 3, "spanning several lines"},
        {"[a] trailing\n", 1, "after the section header"},
        {"[a]\n= value\n", 2, "key before"},
    };
    for (const auto& c : cases) {
        writeCfg(c.text);
        auto r = resolve();
        ASSERT_FALSE(r.ok()) << c.text.toStdString();
        const Error& e = r.error();
        EXPECT_EQ(e.kind, ErrorKind::Parse);
        EXPECT_EQ(e.code, QStringLiteral("config_file_syntax"));
        EXPECT_TRUE(e.userMessage.contains(QStringLiteral("Line %1 of").arg(c.line)))
            << e.userMessage.toStdString();
        EXPECT_TRUE(e.userMessage.contains(cfgPath())) << e.userMessage.toStdString();
        EXPECT_TRUE(e.detail.startsWith(QStringLiteral("%1:%2:").arg(cfgPath()).arg(c.line)))
            << e.detail.toStdString();
        EXPECT_TRUE(e.userMessage.contains(QLatin1String(c.what))) << e.userMessage.toStdString();
        EXPECT_FALSE(e.remediation.isEmpty());

        auto listed = resolver().listProfiles();
        ASSERT_FALSE(listed.ok());
        EXPECT_EQ(listed.error().code, QStringLiteral("config_file_syntax"));
    }
}

TEST_F(ConfigPrecedence, UnreadableConfigFileIsAnIoError)
{
    QDir(homePath()).mkpath(QStringLiteral(".databrickscfg")); // a folder where the file should be
    auto r = resolve();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Io);
}

// ---- profile list for the connection dialog ----

TEST_F(ConfigPrecedence, ListProfilesShowsNamesHostsAndAuthTypesButNoSecrets)
{
    writeStandardCfg();
    QFile f(cfgPath());
    ASSERT_TRUE(f.open(QIODevice::Append));
    f.write("\n[both]\nhost = https://c.cloud.databricks.com\ntoken = " + kPat.toUtf8() +
            "\nclient_id = x\nclient_secret = " + kSpSecret.toUtf8() +
            "\n[plain-http]\nhost = http://dbc.example.com\ntoken = t\n"
            "[__settings__]\ndefault_profile = segments-user\n");
    f.close();

    auto profiles = resolver().listProfiles();
    ASSERT_TRUE(profiles.ok()) << profiles.error().toString().toStdString();
    ASSERT_EQ(profiles.value().size(), 5);
    const auto& p = profiles.value();
    EXPECT_EQ(p[0].name, QStringLiteral("DEFAULT"));
    EXPECT_EQ(p[0].authType, QStringLiteral("pat"));
    EXPECT_EQ(p[0].host, QStringLiteral("https://adb-1234567890123456.7.azuredatabricks.net"));
    EXPECT_FALSE(p[0].isDefault);
    EXPECT_EQ(p[1].name, QStringLiteral("segments-sp"));
    EXPECT_EQ(p[1].authType, QStringLiteral("oauth-m2m"));
    EXPECT_EQ(p[1].warehouseId, QStringLiteral("1234567890abcdef"));
    EXPECT_EQ(p[1].catalog, QStringLiteral("marketing"));
    EXPECT_EQ(p[1].line, 5);
    EXPECT_TRUE(p[1].problem.isEmpty());
    EXPECT_EQ(p[2].name, QStringLiteral("segments-user"));
    EXPECT_EQ(p[2].authType, QStringLiteral("external-browser"));
    EXPECT_TRUE(p[2].isDefault);
    EXPECT_EQ(p[3].name, QStringLiteral("both"));
    EXPECT_TRUE(p[3].problem.contains(QStringLiteral("more than one authorization method")))
        << p[3].problem.toStdString();
    EXPECT_EQ(p[4].name, QStringLiteral("plain-http"));
    EXPECT_FALSE(p[4].problem.isEmpty());

    for (const DatabricksProfileInfo& info : p) {
        const QString all = QStringList{info.name,    info.host,   info.authType, info.warehouseId,
                                        info.catalog, info.schema, info.problem}
                                .join(QLatin1Char('|'));
        EXPECT_EQ(all.indexOf(kPat), -1) << all.toStdString();
        EXPECT_EQ(all.indexOf(kFilePat), -1) << all.toStdString();
        EXPECT_EQ(all.indexOf(kSpSecret), -1) << all.toStdString();
    }

    setEnv("DATABRICKS_CONFIG_PROFILE", QStringLiteral("segments-sp"));
    profiles = resolver().listProfiles();
    ASSERT_TRUE(profiles.ok());
    EXPECT_TRUE(profiles.value()[1].isDefault);
    EXPECT_FALSE(profiles.value()[2].isDefault);
}

TEST_F(ConfigPrecedence, ListProfilesWithoutAFileIsEmpty)
{
    auto profiles = resolver().listProfiles();
    ASSERT_TRUE(profiles.ok());
    EXPECT_TRUE(profiles.value().isEmpty());
}
