#include "domain/audience.h"

#include <QCryptographicHash>

namespace core {

QString audiencePlatformKey(AudiencePlatform platform)
{
    switch (platform) {
    case AudiencePlatform::Google: return QStringLiteral("google");
    case AudiencePlatform::Meta: return QStringLiteral("meta");
    }
    return {};
}

QString audiencePlatformName(AudiencePlatform platform)
{
    switch (platform) {
    case AudiencePlatform::Google: return QStringLiteral("Google Ads");
    case AudiencePlatform::Meta: return QStringLiteral("Meta");
    }
    return {};
}

std::optional<AudiencePlatform> parseAudiencePlatform(const QString& key)
{
    const QString k = key.trimmed().toLower();
    if (k == QLatin1String("google"))
        return AudiencePlatform::Google;
    if (k == QLatin1String("meta"))
        return AudiencePlatform::Meta;
    return std::nullopt;
}

QStringList audienceColumns(AudiencePlatform platform)
{
    switch (platform) {
    case AudiencePlatform::Google:
        return {QStringLiteral("Email"), QStringLiteral("Phone"), QStringLiteral("First Name"),
                QStringLiteral("Last Name"), QStringLiteral("Country"), QStringLiteral("Zip")};
    case AudiencePlatform::Meta:
        return {QStringLiteral("email"), QStringLiteral("phone"), QStringLiteral("fn"), QStringLiteral("ln"),
                QStringLiteral("ct"), QStringLiteral("st"), QStringLiteral("zip"), QStringLiteral("country"),
                QStringLiteral("doby")};
    }
    return {};
}

QByteArray AudienceRow::digest() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& value : values) {
        const QByteArray utf8 = value.toUtf8();
        const QByteArray length = QByteArray::number(utf8.size()) + ':';
        hash.addData(length);
        hash.addData(utf8);
    }
    return hash.result();
}

bool AudienceRow::hasAnyValue() const
{
    for (const QString& value : values)
        if (!value.isEmpty())
            return true;
    return false;
}

} // namespace core
