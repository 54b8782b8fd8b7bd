#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

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

// One member as a platform receives it: values in audienceColumns() order, each normalised and,
// where the platform hashes that key, SHA-256 lowercase hex; an empty value is left out (it was
// unknown or could not be normalised). userId stays on the workstation (it is how a sync knows
// whose row it is) and is never sent.
struct AudienceRow
{
    QString userId;
    QStringList values;

    // SHA-256 over the values (length-prefixed, so ("ab","c") ≠ ("a","bc")): the row's identity
    // in a destination's sent set. Two rows with the same values are the same platform row.
    QByteArray digest() const;
    bool hasAnyValue() const;
    bool operator==(const AudienceRow&) const = default;
};

} // namespace core
