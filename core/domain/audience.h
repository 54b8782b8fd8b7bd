#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace core {

// The ad platforms a segment can be activated on.
enum class AudiencePlatform { Google, Meta };

// "google" / "meta" (command line, settings, file names).
QString audiencePlatformKey(AudiencePlatform platform);
// "Google Ads" / "Meta" (window, reports).
QString audiencePlatformName(AudiencePlatform platform);
std::optional<AudiencePlatform> parseAudiencePlatform(const QString& key);

// The columns of the platform's customer-list file, in order, exactly as the platform names them:
//   Google: Email,Phone,First Name,Last Name,Country,Zip
//   Meta:   email,phone,fn,ln,ct,st,zip,country,doby
QStringList audienceColumns(AudiencePlatform platform);

// Whether a row (values in audienceColumns() order, "" where unknown) can match a person on the
// platform, which is what the platforms take: an e-mail or a phone; or, Google, first name, last
// name, country and zip together (Customer Match uses an address only whole); or, Meta, first and
// last name together. A row that cannot is neither written to an audience file nor sent.
bool audienceRowCanMatch(AudiencePlatform platform, const QStringList& values);

// One member as a platform receives it: values in audienceColumns() order, each normalised and,
// where the platform hashes that key, SHA-256 lowercase hex; an empty value is left out (it was
// unknown or could not be normalised). userId stays on the workstation (it is how a sync knows
// whose row it is) and is never sent.
struct AudienceRow
{
    QString userId;
    QStringList values;

    using Digest = std::array<unsigned char, 32>;

    // SHA-256 over the values, each as its UTF-8 length in decimal, ':' and its UTF-8 bytes (so
    // ("ab","c") ≠ ("a","bc")): the row's identity in a destination's sent set. Two rows with
    // the same values are the same platform row. OpenSSL's SHA-256 over one buffer, ~0.3 µs a
    // row; thread-safe.
    Digest digestBytes() const;
    QByteArray digest() const; // the same 32 bytes
    bool hasAnyValue() const;
    bool operator==(const AudienceRow&) const = default;
};

} // namespace core
