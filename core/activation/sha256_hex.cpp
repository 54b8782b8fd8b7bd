#include "activation/sha256_hex.h"

#include <openssl/evp.h>

#include <QVarLengthArray>

namespace core {

namespace {

const EVP_MD* sha256()
{
    static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

// One digest context per thread, reused (creating one per value costs more than the hash).
struct ThreadContext
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~ThreadContext() { EVP_MD_CTX_free(ctx); }
};

constexpr char16_t kHexDigits[] = u"0123456789abcdef";

} // namespace

Sha256Hex::Digest Sha256Hex::digest(QByteArrayView bytes)
{
    thread_local ThreadContext context;
    Digest out{};
    unsigned int length = 0;
    if (!EVP_DigestInit_ex2(context.ctx, sha256(), nullptr)
        || !EVP_DigestUpdate(context.ctx, bytes.data(), static_cast<size_t>(bytes.size()))
        || !EVP_DigestFinal_ex(context.ctx, out.data(), &length))
        qFatal("OpenSSL SHA-256 failed"); // no provider for SHA-256: nothing can be hashed safely
    return out;
}

QString Sha256Hex::hex(const Digest& digest)
{
    QString out(64, Qt::Uninitialized);
    char16_t* p = reinterpret_cast<char16_t*>(out.data());
    for (unsigned char byte : digest) {
        *p++ = kHexDigits[byte >> 4];
        *p++ = kHexDigits[byte & 0xF];
    }
    return out;
}

QString Sha256Hex::of(QStringView text)
{
    // ASCII (nearly every e-mail and name) is narrowed in place; the rest goes through Qt's UTF-8.
    QVarLengthArray<char, 256> ascii;
    ascii.resize(text.size());
    bool isAscii = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u >= 0x80) {
            isAscii = false;
            break;
        }
        ascii[i] = static_cast<char>(u);
    }
    if (isAscii)
        return hex(digest(QByteArrayView(ascii.constData(), ascii.size())));
    return hex(digest(text.toUtf8()));
}

} // namespace core
