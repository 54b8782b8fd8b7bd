#pragma once

#include <QString>
#include <QStringView>

#include <memory>

namespace core {

// What PhoneNormaliser made of a number.
struct PhoneE164
{
    enum class Outcome {
        Normalised,      // e164 holds "+<country code><national number>"
        NoCountryCode,   // no + or 00 in the number and no usable country for the person
        NotAPhoneNumber, // not a number, or not a possible one (wrong length, no such country code)
    };
    Outcome outcome = Outcome::NotAPhoneNumber;
    QString e164;

    bool ok() const { return outcome == Outcome::Normalised; }
    bool operator==(const PhoneE164&) const = default;
};

// Phone numbers to E.164 (+ country calling code + national significant number) by
// libphonenumber's rules and metadata (Debian libphonenumber): the number is parsed with the
// person's country as the default region when it carries no country code (a leading + or the
// country's international prefix, 00 / 011 …), national prefixes are removed ("020 7183 8750", GB
// → +442071838750) and the result must be a possible number of its country (right length,
// PhoneNumberUtil::IsPossibleNumberWithReason == IS_POSSIBLE; numbers dialable only locally are
// refused). A number that starts with 00 and reads as nothing possible otherwise (no country for
// the person, or a country whose prefix is not 00) is read as international: "0044 20 7183 8750"
// → +442071838750.
//
// Speed: PhoneNumberUtil::Parse costs ~8 µs (a dozen ICU regular expressions). For the common
// shape — digits with spaces, dashes, dots, brackets or slashes and at most a leading + — the
// parse is done here instead, step for step as libphonenumber 8.12's ParseHelper does it, over the
// same metadata (libphonenumber's compiled-in PhoneMetadataCollection, cached per country with its
// patterns precompiled); the possible-length check and the E.164 formatting stay libphonenumber's.
// Any other input (letters, extensions, other digits or punctuation, countries whose national
// prefix rule rewrites digits such as AR, BR and the NANP islands) goes to PhoneNumberUtil::Parse.
// The tests compare both paths on every country's numbers.
//
// Thread-safe: one shared instance, immutable after construction.
class PhoneNormaliser
{
public:
    static const PhoneNormaliser& instance();

    ~PhoneNormaliser();
    PhoneNormaliser(const PhoneNormaliser&) = delete;
    PhoneNormaliser& operator=(const PhoneNormaliser&) = delete;

    // raw: the number as written; region: the person's ISO 3166-1 alpha-2 country (any case), or
    // empty when unknown.
    PhoneE164 toE164(QStringView raw, QStringView region) const;

    // The same with every number parsed by PhoneNumberUtil::Parse (no fast path): the reference
    // the fast path is tested against.
    PhoneE164 toE164WithLibraryParse(QStringView raw, QStringView region) const;

    // False when libphonenumber's metadata could not be read (then every number takes the library
    // path; results are the same, only slower).
    bool hasFastPath() const;

    // Whether toE164(raw, region) parses without PhoneNumberUtil::Parse (tests and benchmarks).
    bool takesFastPath(QStringView raw, QStringView region) const;

private:
    PhoneNormaliser();
    struct Metadata;
    std::unique_ptr<const Metadata> m_metadata;

    PhoneE164 normalise(QStringView raw, QStringView region, bool allowFastPath) const;
};

} // namespace core
