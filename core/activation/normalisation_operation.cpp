#include "activation/normalisation_operation.h"

#include "activation/phone_normaliser.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace core {

namespace {

struct OperationName
{
    NormalisationOperation operation;
    const char* name;
};

constexpr OperationName kOperationNames[] = {
    {NormalisationOperation::Trim, "trim"},
    {NormalisationOperation::StripAllWhitespace, "strip_all_whitespace"},
    {NormalisationOperation::Lowercase, "lowercase"},
    {NormalisationOperation::EmailSyntax, "email_syntax"},
    {NormalisationOperation::GmailCanonical, "gmail_canonical"},
    {NormalisationOperation::PhoneE164Plus, "phone_e164_plus"},
    {NormalisationOperation::PhoneDigitsWithCountryCode, "phone_digits_with_country_code"},
    {NormalisationOperation::LettersOnly, "letters_only"},
    {NormalisationOperation::UsStateCode, "us_state_code"},
    {NormalisationOperation::UsZip5, "us_zip5"},
    {NormalisationOperation::UkPostcodeSector, "uk_postcode_sector"},
    {NormalisationOperation::CountryAlpha2Upper, "country_alpha2_upper"},
    {NormalisationOperation::CountryAlpha2Lower, "country_alpha2_lower"},
    {NormalisationOperation::YearOfBirth, "year_of_birth"},
};

// ISO 3166-1 alpha-2, sorted (the 249 assigned codes, as in resources/catalogue/countries.json).
constexpr char kCountryCodes[] =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCR"
    "CUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHU"
    "IDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQ"
    "MRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSI"
    "SJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

bool isCountryCode(char a, char b)
{
    const qsizetype count = qsizetype(sizeof(kCountryCodes) - 1) / 2;
    qsizetype lo = 0;
    qsizetype hi = count;
    while (lo < hi) {
        const qsizetype mid = (lo + hi) / 2;
        const char ma = kCountryCodes[2 * mid];
        const char mb = kCountryCodes[2 * mid + 1];
        if (ma == a && mb == b)
            return true;
        if (ma < a || (ma == a && mb < b))
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

// US states, DC and the territories with their USPS / ANSI codes; names as upper-case letters.
struct UsState
{
    const char* code;
    const char* letters;
};

constexpr UsState kUsStates[] = {
    {"AL", "ALABAMA"}, {"AK", "ALASKA"}, {"AZ", "ARIZONA"}, {"AR", "ARKANSAS"}, {"CA", "CALIFORNIA"},
    {"CO", "COLORADO"}, {"CT", "CONNECTICUT"}, {"DE", "DELAWARE"}, {"DC", "DISTRICTOFCOLUMBIA"},
    {"FL", "FLORIDA"}, {"GA", "GEORGIA"}, {"HI", "HAWAII"}, {"ID", "IDAHO"}, {"IL", "ILLINOIS"},
    {"IN", "INDIANA"}, {"IA", "IOWA"}, {"KS", "KANSAS"}, {"KY", "KENTUCKY"}, {"LA", "LOUISIANA"},
    {"ME", "MAINE"}, {"MD", "MARYLAND"}, {"MA", "MASSACHUSETTS"}, {"MI", "MICHIGAN"}, {"MN", "MINNESOTA"},
    {"MS", "MISSISSIPPI"}, {"MO", "MISSOURI"}, {"MT", "MONTANA"}, {"NE", "NEBRASKA"}, {"NV", "NEVADA"},
    {"NH", "NEWHAMPSHIRE"}, {"NJ", "NEWJERSEY"}, {"NM", "NEWMEXICO"}, {"NY", "NEWYORK"},
    {"NC", "NORTHCAROLINA"}, {"ND", "NORTHDAKOTA"}, {"OH", "OHIO"}, {"OK", "OKLAHOMA"}, {"OR", "OREGON"},
    {"PA", "PENNSYLVANIA"}, {"RI", "RHODEISLAND"}, {"SC", "SOUTHCAROLINA"}, {"SD", "SOUTHDAKOTA"},
    {"TN", "TENNESSEE"}, {"TX", "TEXAS"}, {"UT", "UTAH"}, {"VT", "VERMONT"}, {"VA", "VIRGINIA"},
    {"WA", "WASHINGTON"}, {"WV", "WESTVIRGINIA"}, {"WI", "WISCONSIN"}, {"WY", "WYOMING"},
    {"AS", "AMERICANSAMOA"}, {"GU", "GUAM"}, {"MP", "NORTHERNMARIANAISLANDS"}, {"PR", "PUERTORICO"},
    {"VI", "VIRGINISLANDS"}, {"UM", "UNITEDSTATESMINOROUTLYINGISLANDS"},
};

inline bool isAsciiLetter(char16_t u)
{
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

inline bool isAsciiDigit(char16_t u)
{
    return u >= u'0' && u <= u'9';
}

inline char16_t asciiUpper(char16_t u)
{
    return (u >= u'a' && u <= u'z') ? char16_t(u - u'a' + u'A') : u;
}

bool isAscii(QStringView text)
{
    for (const QChar c : text)
        if (c.unicode() >= 0x80)
            return false;
    return true;
}

void trim(QString& value)
{
    if (!value.isEmpty() && (value.front().isSpace() || value.back().isSpace()))
        value = value.trimmed();
}

void stripAllWhitespace(QString& value)
{
    if (std::any_of(value.cbegin(), value.cend(), [](QChar c) { return c.isSpace(); }))
        value.removeIf([](QChar c) { return c.isSpace(); });
}

void lowercase(QString& value)
{
    if (isAscii(value)) {
        bool upper = false;
        for (const QChar c : std::as_const(value))
            if (c.unicode() >= u'A' && c.unicode() <= u'Z') {
                upper = true;
                break;
            }
        if (!upper)
            return;
        for (QChar& c : value)
            if (c.unicode() >= u'A' && c.unicode() <= u'Z')
                c = QChar(char16_t(c.unicode() - u'A' + u'a'));
        return;
    }
    value = value.toLower();
}

// A domain label: letters (any script, for internationalised domains), digits and inner hyphens.
bool isDomainLabel(QStringView label)
{
    if (label.isEmpty() || label.size() > 63 || label.front() == u'-' || label.back() == u'-')
        return false;
    for (const QChar c : label)
        if (!(c.isLetterOrNumber() || c == u'-' || c.isMark()))
            return false;
    return true;
}

// local@domain.tld: one @; a local part of up to 64 printable characters without spaces, quotes
// or brackets and without leading, trailing or doubled dots; two or more domain labels, the last
// one not numeric.
bool isEmailAddress(QStringView value)
{
    const qsizetype at = value.indexOf(u'@');
    if (at <= 0 || value.lastIndexOf(u'@') != at)
        return false;
    const QStringView local = value.left(at);
    const QStringView domain = value.mid(at + 1);
    if (local.size() > 64 || domain.size() < 3 || domain.size() > 253)
        return false;
    if (local.front() == u'.' || local.back() == u'.' || local.contains(u".."))
        return false;
    for (const QChar c : local) {
        const char16_t u = c.unicode();
        if (c.isSpace() || u < 0x20 || u == 0x7F || std::strchr("\"(),:;<>[\\]", u < 0x80 ? char(u) : 'a') != nullptr)
            return false;
    }
    qsizetype labels = 0;
    QStringView last;
    for (const QStringView label : domain.tokenize(u'.')) {
        if (!isDomainLabel(label))
            return false;
        ++labels;
        last = label;
    }
    if (labels < 2 || last.size() < 2)
        return false;
    return std::any_of(last.begin(), last.end(), [](QChar c) { return !c.isDigit(); });
}

void gmailCanonical(QString& value)
{
    const qsizetype at = value.indexOf(u'@');
    if (at < 0)
        return;
    const QStringView domain = QStringView(value).mid(at + 1);
    if (domain.compare(u"gmail.com", Qt::CaseInsensitive) != 0
        && domain.compare(u"googlemail.com", Qt::CaseInsensitive) != 0)
        return;
    QStringView local = QStringView(value).left(at);
    const qsizetype plus = local.indexOf(u'+');
    if (plus >= 0)
        local = local.left(plus);
    QString out;
    out.reserve(value.size());
    for (const QChar c : local)
        if (c != u'.')
            out.append(c);
    if (out.isEmpty()) {
        value.clear();
        return;
    }
    out.append(QStringView(value).mid(at));
    value = std::move(out);
}

std::optional<DropReason> phone(QString& value, const OperationContext& context, bool plus)
{
    const PhoneE164 out = PhoneNormaliser::instance().toE164(value, context.country);
    switch (out.outcome) {
    case PhoneE164::Outcome::Normalised:
        value = plus ? out.e164 : out.e164.mid(1);
        return std::nullopt;
    case PhoneE164::Outcome::NoCountryCode: return DropReason::PhoneWithoutCountry;
    case PhoneE164::Outcome::NotAPhoneNumber: return DropReason::NotAPhoneNumber;
    }
    return DropReason::NotAPhoneNumber;
}

std::optional<DropReason> lettersOnly(QString& value)
{
    if (isAscii(value)) {
        value.removeIf([](QChar c) { return !isAsciiLetter(c.unicode()); });
    } else {
        QString out;
        out.reserve(value.size());
        for (qsizetype i = 0; i < value.size(); ++i) {
            const QChar c = value.at(i);
            if (c.isHighSurrogate() && i + 1 < value.size() && value.at(i + 1).isLowSurrogate()) {
                const char32_t code = QChar::surrogateToUcs4(c, value.at(i + 1));
                if (QChar::isLetter(code) || QChar::isMark(code)) {
                    out.append(c);
                    out.append(value.at(i + 1));
                }
                ++i;
            } else if (c.isLetter() || c.isMark()) {
                out.append(c);
            }
        }
        value = std::move(out);
    }
    const bool hasLetter = std::any_of(value.cbegin(), value.cend(), [](QChar c) { return !c.isMark(); });
    if (!hasLetter)
        return DropReason::NoLetters;
    return std::nullopt;
}

std::optional<DropReason> usStateCode(QString& value, const OperationContext& context)
{
    bool us = context.country == u"US";
    // An ISO 3166-2 subdivision code: the country part goes, the subdivision stays.
    if (value.size() >= 4 && value.at(2) == u'-' && isAsciiLetter(value.at(0).unicode())
        && isAsciiLetter(value.at(1).unicode())) {
        const char a = char(asciiUpper(value.at(0).unicode()));
        const char b = char(asciiUpper(value.at(1).unicode()));
        if (isCountryCode(a, b)) {
            us = us || (a == 'U' && b == 'S');
            value = value.mid(3);
        }
    }
    if (!us)
        return std::nullopt;
    QByteArray letters;
    for (const QChar c : std::as_const(value)) {
        if (isAsciiLetter(c.unicode()))
            letters.append(char(asciiUpper(c.unicode())));
        else if (!(c.isSpace() || c.isPunct()))
            return DropReason::NotAUsState;
    }
    for (const UsState& state : kUsStates) {
        if (letters == state.code || letters == state.letters) {
            value = QString::fromLatin1(state.code);
            return std::nullopt;
        }
    }
    return DropReason::NotAUsState;
}

std::optional<DropReason> usZip5(QString& value, const OperationContext& context)
{
    if (context.country != u"US")
        return std::nullopt;
    // 12345, 12345-6789, 12345 6789, 123456789.
    QString digits;
    qsizetype separators = 0;
    for (const QChar c : std::as_const(value)) {
        if (isAsciiDigit(c.unicode()))
            digits.append(c);
        else if ((c == u'-' || c == u' ') && digits.size() == 5)
            ++separators;
        else
            return DropReason::NotAUsZipCode;
    }
    if ((digits.size() != 5 && digits.size() != 9) || separators > 1 || (separators == 1 && digits.size() != 9))
        return DropReason::NotAUsZipCode;
    value = digits.left(5);
    return std::nullopt;
}

std::optional<DropReason> ukPostcodeSector(QString& value, const OperationContext& context)
{
    if (context.country != u"GB")
        return std::nullopt;
    QString compact = value;
    compact.removeIf([](QChar c) { return c.isSpace(); });
    // Outward code A9, A99, AA9, AA99, A9A, AA9A; inward code 9AA.
    const qsizetype n = compact.size();
    auto letter = [&](qsizetype i) { return isAsciiLetter(compact.at(i).unicode()); };
    auto digit = [&](qsizetype i) { return isAsciiDigit(compact.at(i).unicode()); };
    if (n < 5 || n > 7 || !digit(n - 3) || !letter(n - 2) || !letter(n - 1))
        return DropReason::NotAUkPostcode;
    const qsizetype outward = n - 3;
    qsizetype i = 0;
    while (i < 2 && i < outward && letter(i))
        ++i;
    bool outwardOk = i > 0 && i < outward && digit(i);
    ++i;
    if (outwardOk && i < outward) {
        outwardOk = digit(i) || letter(i);
        ++i;
    }
    outwardOk = outwardOk && i == outward;
    if (!outwardOk)
        return DropReason::NotAUkPostcode;
    value = compact.left(outward + 1);
    return std::nullopt;
}

std::optional<DropReason> countryCode(QString& value, bool upper)
{
    QString code = isoCountryCode(value);
    if (code.isEmpty())
        return DropReason::NotACountryCode;
    value = upper ? std::move(code) : code.toLower();
    return std::nullopt;
}

std::optional<DropReason> yearOfBirth(QString& value, const OperationContext& context)
{
    if (value.size() < 4)
        return DropReason::NotABirthYear;
    int year = 0;
    for (int i = 0; i < 4; ++i) {
        if (!isAsciiDigit(value.at(i).unicode()))
            return DropReason::NotABirthYear;
        year = year * 10 + (value.at(i).unicode() - u'0');
    }
    if (value.size() > 4 && isAsciiDigit(value.at(4).unicode()))
        return DropReason::NotABirthYear;
    if (year < 1900 || year > context.currentYear)
        return DropReason::NotABirthYear;
    value.truncate(4);
    return std::nullopt;
}

} // namespace

QString normalisationOperationName(NormalisationOperation operation)
{
    for (const OperationName& entry : kOperationNames)
        if (entry.operation == operation)
            return QString::fromLatin1(entry.name);
    return {};
}

std::optional<NormalisationOperation> parseNormalisationOperation(const QString& name)
{
    for (const OperationName& entry : kOperationNames)
        if (name == QLatin1String(entry.name))
            return entry.operation;
    return std::nullopt;
}

const QList<NormalisationOperation>& allNormalisationOperations()
{
    static const QList<NormalisationOperation> all = [] {
        QList<NormalisationOperation> out;
        for (const OperationName& entry : kOperationNames)
            out.append(entry.operation);
        return out;
    }();
    return all;
}

QString dropReasonText(DropReason reason)
{
    switch (reason) {
    case DropReason::NotAnEmail: return QStringLiteral("not an e-mail address");
    case DropReason::NotAPhoneNumber: return QStringLiteral("not a valid phone number");
    case DropReason::PhoneWithoutCountry:
        return QStringLiteral("phone number without country code, and no country for the person");
    case DropReason::NoLetters: return QStringLiteral("no letters in it");
    case DropReason::NotACountryCode: return QStringLiteral("not a two-letter country code");
    case DropReason::NotAUsState: return QStringLiteral("not a US state");
    case DropReason::NotAUsZipCode: return QStringLiteral("not a 5-digit US ZIP code");
    case DropReason::NotAUkPostcode: return QStringLiteral("not a UK postcode");
    case DropReason::NotABirthYear: return QStringLiteral("not a birth year from 1900 to this year");
    case DropReason::NothingLeft: return QStringLiteral("nothing left once cleaned up");
    }
    return {};
}

QString isoCountryCode(QStringView text)
{
    const QStringView code = text.trimmed();
    if (code.size() != 2 || !isAsciiLetter(code[0].unicode()) || !isAsciiLetter(code[1].unicode()))
        return {};
    const char a = char(asciiUpper(code[0].unicode()));
    const char b = char(asciiUpper(code[1].unicode()));
    if (a == 'U' && b == 'K') // the United Kingdom's exceptionally reserved code
        return QStringLiteral("GB");
    if (!isCountryCode(a, b))
        return {};
    const char pair[] = {a, b};
    return QString::fromLatin1(pair, 2);
}

std::optional<DropReason> applyNormalisationOperation(NormalisationOperation operation, QString& value,
                                                      const OperationContext& context)
{
    switch (operation) {
    case NormalisationOperation::Trim: trim(value); return std::nullopt;
    case NormalisationOperation::StripAllWhitespace: stripAllWhitespace(value); return std::nullopt;
    case NormalisationOperation::Lowercase: lowercase(value); return std::nullopt;
    case NormalisationOperation::EmailSyntax:
        return isEmailAddress(value) ? std::nullopt : std::optional<DropReason>(DropReason::NotAnEmail);
    case NormalisationOperation::GmailCanonical:
        gmailCanonical(value);
        return value.isEmpty() ? std::optional<DropReason>(DropReason::NotAnEmail) : std::nullopt;
    case NormalisationOperation::PhoneE164Plus: return phone(value, context, true);
    case NormalisationOperation::PhoneDigitsWithCountryCode: return phone(value, context, false);
    case NormalisationOperation::LettersOnly: return lettersOnly(value);
    case NormalisationOperation::UsStateCode: return usStateCode(value, context);
    case NormalisationOperation::UsZip5: return usZip5(value, context);
    case NormalisationOperation::UkPostcodeSector: return ukPostcodeSector(value, context);
    case NormalisationOperation::CountryAlpha2Upper: return countryCode(value, true);
    case NormalisationOperation::CountryAlpha2Lower: return countryCode(value, false);
    case NormalisationOperation::YearOfBirth: return yearOfBirth(value, context);
    }
    return std::nullopt;
}

} // namespace core
