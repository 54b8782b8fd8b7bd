#include "databricks/config/databricks_config.h"

#include "common/single_line.h"

#include <QHostAddress>
#include <QUrl>

namespace core {

QString configSourceName(ConfigSource source)
{
    switch (source) {
    case ConfigSource::Unset:
        return QStringLiteral("unset");
    case ConfigSource::Explicit:
        return QStringLiteral("explicit");
    case ConfigSource::Environment:
        return QStringLiteral("environment");
    case ConfigSource::File:
        return QStringLiteral("config file");
    case ConfigSource::Default:
        return QStringLiteral("default");
    }
    return QStringLiteral("unknown");
}

QStringList DatabricksConfig::describe() const
{
    QStringList lines;
    const auto add = [&lines](const char* name, const ConfigValue& v, bool secret) {
        QString shown;
        if (!v.isSet())
            shown = QStringLiteral("not set");
        else if (secret)
            shown = QStringLiteral("set");
        else
            shown = v.value;
        QString line = QStringLiteral("%1 = %2").arg(QLatin1String(name), shown);
        if (v.isSet())
            line += QStringLiteral(" (%1)").arg(v.origin.isEmpty() ? configSourceName(v.source) : v.origin);
        lines.append(line);
    };
    add("host", host, false);
    add("auth_type", authType, false);
    add("token", token, true);
    add("client_id", clientId, false);
    add("client_secret", clientSecret, true);
    add("warehouse_id", warehouseId, false);
    add("catalog", catalog, false);
    add("schema", schema, false);
    add("profile", profile, false);
    lines.append(QStringLiteral("config_file = %1")
                     .arg(configFile.isEmpty() ? QStringLiteral("not read") : configFile));
    return lines;
}

bool isLoopbackHost(const QString& hostName)
{
    QString h = hostName.trimmed();
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    if (h.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    if (!address.setAddress(h))
        return false;
    if (address.isLoopback())
        return true;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // IPv4-mapped IPv6 too
    return isV4 && (v4 >> 24) == 127;
}

Result<QString> normalizeDatabricksHost(const QString& raw)
{
    const auto invalid = [&raw](const QString& why) {
        Error e = Error::validation(
            QStringLiteral("invalid_host"),
            singleLine(QStringLiteral("The Databricks host \"%1\" is not valid: %2.").arg(raw.trimmed(), why)));
        e.remediation =
            QStringLiteral("Use the workspace URL, e.g. https://dbc-a1b2345c-d6e7.cloud.databricks.com.");
        return e;
    };

    QString text = raw.trimmed();
    if (text.isEmpty())
        return invalid(QStringLiteral("it is empty"));
    if (!text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("https://"));

    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return invalid(QStringLiteral("it is not a URL"));
    const QString scheme = url.scheme().toLower();
    if (scheme != QStringLiteral("https") && scheme != QStringLiteral("http"))
        return invalid(QStringLiteral("only https:// is supported"));
    if (!url.userInfo().isEmpty())
        return invalid(QStringLiteral("it must not contain a user name or password"));
    if (url.hasQuery() || url.hasFragment())
        return invalid(QStringLiteral("it must not contain '?' or '#'"));
    if (scheme == QStringLiteral("http") && !isLoopbackHost(url.host())) {
        Error e = invalid(
            QStringLiteral("plain http:// is only allowed for this computer (localhost, 127.0.0.1, ::1)"));
        e.code = QStringLiteral("insecure_host");
        e.remediation = QStringLiteral("Use https:// — tokens must never travel unencrypted.");
        return e;
    }

    QUrl out;
    out.setScheme(scheme);
    out.setHost(url.host());
    if (url.port() != -1 && !(scheme == QStringLiteral("https") && url.port() == 443))
        out.setPort(url.port());
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    out.setPath(path);
    return out.toString(QUrl::FullyEncoded);
}

} // namespace core
