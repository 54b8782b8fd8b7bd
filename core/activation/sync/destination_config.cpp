#include "activation/sync/destination_config.h"

#include <QRegularExpression>

namespace core {

QString credentialSourceKey(CredentialSource source)
{
    return source == CredentialSource::Environment ? QStringLiteral("environment") : QStringLiteral("keychain");
}

std::optional<CredentialSource> parseCredentialSource(const QString& key)
{
    if (key == QLatin1String("keychain"))
        return CredentialSource::Keychain;
    if (key == QLatin1String("environment"))
        return CredentialSource::Environment;
    return std::nullopt;
}

Status DestinationConfig::validateName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$"));
    if (!pattern.match(name).hasMatch())
        return Error::validation(QStringLiteral("bad_destination_name"),
                                 QStringLiteral("A destination name has 1–64 letters, digits, spaces, '.', '_' or '-' "
                                                "and starts with a letter or digit; “%1” does not.")
                                     .arg(name.left(80)));
    return success();
}

Result<QString> DestinationConfig::normaliseAccountId(AudiencePlatform platform, const QString& id)
{
    QString digits = id.trimmed();
    if (platform == AudiencePlatform::Google) {
        digits.remove(QLatin1Char('-'));
        static const QRegularExpression tenDigits(QStringLiteral("^\\d{10}$"));
        if (!tenDigits.match(digits).hasMatch())
            return Error::validation(QStringLiteral("bad_account_id"),
                                     QStringLiteral("A Google Ads customer id has 10 digits (123-456-7890); “%1” is not one.")
                                         .arg(id.left(40)));
        return digits;
    }
    if (digits.startsWith(QLatin1String("act_")))
        digits = digits.mid(4);
    static const QRegularExpression allDigits(QStringLiteral("^\\d{1,20}$"));
    if (!allDigits.match(digits).hasMatch())
        return Error::validation(QStringLiteral("bad_account_id"),
                                 QStringLiteral("A Meta ad account id is a number (act_1234567890 or 1234567890); “%1” is "
                                                "not one.").arg(id.left(40)));
    return digits;
}

} // namespace core
