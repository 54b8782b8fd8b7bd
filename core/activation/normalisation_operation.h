#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace core {

// The closed vocabulary of operations a rule profile (resources/activation/<platform>.json) lists
// for each key, applied in the listed order. A profile naming anything else is refused when it is
// loaded. The JSON names are normalisationOperationName()'s.
enum class NormalisationOperation {
    Trim,                       // "trim": leading and trailing whitespace removed
    StripAllWhitespace,         // "strip_all_whitespace": every whitespace character removed
    Lowercase,                  // "lowercase": Unicode lower case
    EmailSyntax,                // "email_syntax": must read as local@domain.tld, else dropped
    GmailCanonical,             // "gmail_canonical": gmail.com / googlemail.com only: the dots of the
                                //   local part and a +suffix removed
    PhoneE164Plus,              // "phone_e164_plus": +<country code><number> (libphonenumber, the
                                //   person's country when the number has no country code)
    PhoneDigitsWithCountryCode, // "phone_digits_with_country_code": the same without the +
    LettersOnly,                // "letters_only": letters of any script (accents kept, never
                                //   transliterated) and their combining marks; nothing else
    UsStateCode,                // "us_state_code": an ISO 3166-2 prefix ("US-NY", "DE-BY") removed;
                                //   for a US person the state as its 2-letter code ("New York",
                                //   "N.Y." → "NY"), unknown states dropped; others unchanged
    UsZip5,                     // "us_zip5": US: the 5 digits of a ZIP or ZIP+4, else dropped;
                                //   other countries unchanged
    UkPostcodeSector,           // "uk_postcode_sector": GB: area, district and sector ("SW1A 1AA" →
                                //   "SW1A1"), else dropped; other countries unchanged
    CountryAlpha2Upper,         // "country_alpha2_upper": an ISO 3166-1 alpha-2 code ("UK" read as
                                //   GB), upper case, else dropped
    CountryAlpha2Lower,         // "country_alpha2_lower": the same in lower case
    YearOfBirth,                // "year_of_birth": YYYY of YYYY or YYYY-MM-DD, 1900 to this year
};

QString normalisationOperationName(NormalisationOperation operation);
std::optional<NormalisationOperation> parseNormalisationOperation(const QString& name);
const QList<NormalisationOperation>& allNormalisationOperations();

// Why a value was left out of a member's row (it is counted, never sent as it was).
enum class DropReason {
    NotAnEmail,
    NotAPhoneNumber,
    PhoneWithoutCountry,
    NoLetters,
    NotACountryCode,
    NotAUsState,
    NotAUsZipCode,
    NotAUkPostcode,
    NotABirthYear,
    NothingLeft,
};
inline constexpr int kDropReasonCount = 10;

// For marketers: "not an e-mail address", "not a valid phone number", …
QString dropReasonText(DropReason reason);

// What an operation may know of the person besides the value itself.
struct OperationContext
{
    QStringView country; // the person's country as an upper-case ISO alpha-2 code; empty if unknown
    int currentYear = 0; // the upper bound of a year of birth
};

// Applies one operation to value in place. Returns why the value cannot be used, if it cannot.
std::optional<DropReason> applyNormalisationOperation(NormalisationOperation operation, QString& value,
                                                      const OperationContext& context);

// The person's country as an upper-case ISO 3166-1 alpha-2 code ("gb", " GB ", "UK" → "GB");
// empty when it is not one.
QString isoCountryCode(QStringView text);

} // namespace core
