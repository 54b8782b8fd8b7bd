#include "databricks/auth/pkce.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QRandomGenerator>

namespace core {

namespace {
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

QString Pkce::randomUrlSafe(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; ++i)
        raw[i] = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(raw.toBase64(kBase64Url));
}

QString Pkce::challengeFor(const QString& verifier)
{
    const QByteArray digest = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64(kBase64Url));
}

Pkce Pkce::generate()
{
    Pkce p;
    p.state = randomUrlSafe(32);
    p.verifier = randomUrlSafe(64);
    p.challenge = challengeFor(p.verifier);
    return p;
}

} // namespace core
