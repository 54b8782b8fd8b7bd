#include "activation/sync/destination_endpoints.h"

namespace core {

QUrl DestinationEndpoints::metaTokenEndpoint() const
{
    if (!metaToken.isEmpty())
        return metaToken;
    QUrl url = metaGraph;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/oauth/access_token"));
    return url;
}

Status DestinationEndpoints::check(const QUrl& url, const QString& name)
{
    const QString host = url.host().toLower();
    const bool loopback = host == QLatin1String("127.0.0.1") || host == QLatin1String("::1") ||
                          host == QLatin1String("localhost");
    if (!url.isValid() || host.isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() ||
        (url.scheme() != QLatin1String("https") && !(url.scheme() == QLatin1String("http") && loopback)))
        return Error::validation(QStringLiteral("bad_endpoint"),
                                 QStringLiteral("%1 must be an https:// URL (http:// only for localhost), not “%2”.")
                                     .arg(name, url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
    return success();
}

Result<DestinationEndpoints> DestinationEndpoints::fromEnvironment(const QProcessEnvironment& environment)
{
    DestinationEndpoints out;
    const struct
    {
        const char* variable;
        QUrl DestinationEndpoints::*field;
    } variables[] = {
        {"SEGCTL_GOOGLE_DATAMANAGER_URL", &DestinationEndpoints::googleDataManager},
        {"SEGCTL_GOOGLE_TOKEN_URL", &DestinationEndpoints::googleToken},
        {"SEGCTL_META_GRAPH_URL", &DestinationEndpoints::metaGraph},
        {"SEGCTL_META_TOKEN_URL", &DestinationEndpoints::metaToken},
    };
    for (const auto& v : variables) {
        const QString name = QLatin1String(v.variable);
        const QString value = environment.value(name).trimmed();
        if (value.isEmpty())
            continue;
        const QUrl url(value);
        if (Status ok = check(url, name); !ok)
            return ok.error();
        out.*(v.field) = url;
    }
    return out;
}

} // namespace core
