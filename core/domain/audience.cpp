#include "domain/audience.h"

#include <openssl/evp.h>

#include <QVarLengthArray>

#include <charconv>
#include <cstring>

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

bool audienceRowCanMatch(AudiencePlatform platform, const QStringList& values)
{
    // Both platforms' columns start email, phone, first name, last name (audienceColumns()).
    const auto has = [&values](qsizetype i) { return i < values.size() && !values.at(i).isEmpty(); };
    if (has(0) || has(1))
        return true;
    switch (platform) {
    case AudiencePlatform::Google: return has(2) && has(3) && has(4) && has(5); // First Name, Last Name, Country, Zip
    case AudiencePlatform::Meta: return has(2) && has(3);                       // fn, ln
    }
    return false;
}

namespace {

const EVP_MD* sha256()
{
    static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

// One digest context per thread, reused (creating one per row costs more than the hash).
struct ThreadContext
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~ThreadContext() { EVP_MD_CTX_free(ctx); }
};

// Appends "<UTF-8 length>:<UTF-8 bytes>" of value: ASCII (nearly every hash, country and zip)
// narrowed in place, the rest through Qt's UTF-8.
void appendPrefixed(QVarLengthArray<char, 1024>& buffer, const QString& value)
{
    const qsizetype n = value.size();
    const char16_t* u = reinterpret_cast<const char16_t*>(value.constData());
    bool ascii = true;
    for (qsizetype i = 0; i < n; ++i) {
        if (u[i] >= 0x80) {
            ascii = false;
            break;
        }
    }
    const QByteArray utf8 = ascii ? QByteArray() : value.toUtf8();
    const qsizetype bytes = ascii ? n : utf8.size();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, static_cast<long long>(bytes)).ptr;
    const qsizetype at = buffer.size();
    const qsizetype prefix = end - digits;
    buffer.resize(at + prefix + 1 + bytes);
    char* out = buffer.data() + at;
    std::memcpy(out, digits, static_cast<size_t>(prefix));
    out += prefix;
    *out++ = ':';
    if (ascii) {
        for (qsizetype i = 0; i < n; ++i)
            out[i] = static_cast<char>(u[i]);
    } else {
        std::memcpy(out, utf8.constData(), static_cast<size_t>(bytes));
    }
}

} // namespace

AudienceRow::Digest AudienceRow::digestBytes() const
{
    QVarLengthArray<char, 1024> buffer;
    for (const QString& value : values)
        appendPrefixed(buffer, value);
    thread_local ThreadContext context;
    Digest out{};
    unsigned int length = 0;
    if (!EVP_DigestInit_ex2(context.ctx, sha256(), nullptr)
        || !EVP_DigestUpdate(context.ctx, buffer.constData(), static_cast<size_t>(buffer.size()))
        || !EVP_DigestFinal_ex(context.ctx, out.data(), &length))
        qFatal("OpenSSL SHA-256 failed"); // no provider for SHA-256: rows cannot be told apart safely
    return out;
}

QByteArray AudienceRow::digest() const
{
    const Digest d = digestBytes();
    return QByteArray(reinterpret_cast<const char*>(d.data()), static_cast<qsizetype>(d.size()));
}

bool AudienceRow::hasAnyValue() const
{
    for (const QString& value : values)
        if (!value.isEmpty())
            return true;
    return false;
}

} // namespace core
