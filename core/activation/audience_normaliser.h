#pragma once

#include "activation/normalisation_operation.h"
#include "activation/rule_profile.h"
#include "common/result.h"
#include "domain/audience.h"
#include "domain/customer_identifiers.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace core {

// One value of a member left out of their row, and why.
struct DroppedValue
{
    int column = 0; // index into the profile's keys
    DropReason reason = DropReason::NothingLeft;
    bool operator==(const DroppedValue&) const = default;
};

// A member as the platform receives them, and what of their identifiers could not be used.
struct NormalisedMember
{
    AudienceRow row;             // values in the profile's column order, "" where unknown or dropped
    QList<DroppedValue> dropped; // values the person had that could not be normalised
    // The row can match the person (a key that identifies them, in a combination the platform
    // uses: audienceRowCanMatch): it is written and sent.
    bool usable = false;
    bool operator==(const NormalisedMember&) const = default;
};

// The normalisation and hashing engine: turns a person's raw identifiers into the row a platform
// receives, by the platform's RuleProfile. Per key: the raw value (empty or blank = unknown) is
// put in Unicode NFC, the profile's operations are applied in order, and the result is SHA-256
// hashed (lowercase hex) where the key is hashed. A value an operation refuses, or that comes out
// empty, is left out of the row and reported with its reason — never sent as it was.
//
// Immutable after construction, so one instance serves any number of worker threads.
class AudienceNormaliser
{
public:
    // currentYear bounds years of birth (0: this year).
    explicit AudienceNormaliser(RuleProfile profile, int currentYear = 0);
    // With the compiled-in rules of the platform.
    static Result<AudienceNormaliser> forPlatform(AudiencePlatform platform);

    const RuleProfile& profile() const { return m_profile; }
    AudiencePlatform platform() const { return m_profile.platform; }

    NormalisedMember normalise(const CustomerIdentifiers& person) const;

    struct Value
    {
        QString text;                      // empty when unknown or dropped
        std::optional<DropReason> dropped; // set when the person had a value that cannot be used
        bool operator==(const Value&) const = default;
    };
    // One key of one person: the value as sent (hashed where the key is). country is the person's
    // country as stored (any case, may be empty or wrong).
    Value value(int column, QStringView raw, QStringView country) const;
    // The same before hashing: for tests and previews, never for a file or a request.
    Value normalisedText(int column, QStringView raw, QStringView country) const;

private:
    RuleProfile m_profile;
    int m_currentYear;

    Value apply(int column, QString text, QStringView isoCountry, bool hash) const;
};

} // namespace core
