#include "activation/phone_normaliser.h"

#include <phonenumbers/logger.h>
#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

// libphonenumber's compiled-in metadata: declared in its metadata.h, which Debian does not
// install, and exported by libphonenumber.so (PhoneNumberUtil is built from the same bytes).
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
} // namespace i18n::phonenumbers

namespace core {

namespace {

using i18n::phonenumbers::PhoneMetadata;
using i18n::phonenumbers::PhoneMetadataCollection;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// PhoneNumberUtil's constants (phonenumberutil.h, 8.12).
constexpr qsizetype kMinLengthForNsn = 2;
constexpr qsizetype kMaxLengthForNsn = 17;
constexpr qsizetype kMaxLengthCountryCode = 3;
// Longer digit strings are left to the library (no real number comes close).
constexpr int kMaxFastDigits = 40;

const PhoneNumberUtil& util()
{
    static const PhoneNumberUtil* instance = [] {
        PhoneNumberUtil* u = PhoneNumberUtil::GetInstance();
        // The library's own log lines may quote the number: never let them out.
        u->SetLogger(new i18n::phonenumbers::NullLogger());
        return u;
    }();
    return *instance;
}

// One pattern of the metadata (a national number pattern, an international or national prefix):
// plain digits are compared as text, anything else is a precompiled regular expression (the
// patterns use digits, classes, groups, alternation and counted repeats only, which PCRE and
// ICU read alike).
class MetadataPattern
{
public:
    MetadataPattern() = default;
    explicit MetadataPattern(const std::string& pattern)
        : m_empty(pattern.empty()), m_text(QString::fromStdString(pattern))
    {
        m_literal = std::all_of(pattern.begin(), pattern.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (m_literal)
            return;
        m_all = QRegularExpression(QStringLiteral("\\A(?:%1)\\z").arg(m_text));
        m_start = QRegularExpression(QStringLiteral("\\A(?:%1)").arg(m_text));
        m_all.optimize();
        m_start.optimize();
    }

    bool isValid() const { return m_literal || (m_all.isValid() && m_start.isValid()); }
    bool isEmpty() const { return m_empty; }

    // RegExp::FullMatch.
    bool matchesAll(QStringView digits) const
    {
        if (m_literal)
            return digits == m_text;
        return m_all.match(digits).hasMatch();
    }

    // RegExp::Consume (anchored at the start): the length matched, or -1.
    qsizetype matchAtStart(QStringView digits) const
    {
        if (m_literal)
            return digits.startsWith(m_text) ? m_text.size() : -1;
        const QRegularExpressionMatch m = m_start.match(digits);
        return m.hasMatch() ? m.capturedLength(0) : -1;
    }

private:
    bool m_empty = true;
    bool m_literal = true;
    QString m_text;
    QRegularExpression m_all;
    QRegularExpression m_start;
};

enum class LengthCheck { IsPossible, IsPossibleLocalOnly, TooShort, InvalidLength, TooLong };

// What the fast parse needs of one country's PhoneMetadata.
struct RegionRules
{
    int countryCode = 0;
    QString countryCodeDigits;
    MetadataPattern general;             // general_desc.national_number_pattern
    MetadataPattern internationalPrefix; // international_prefix
    MetadataPattern nationalPrefix;      // national_prefix_for_parsing
    std::vector<int> lengths;            // general_desc.possible_length (sorted)
    std::vector<int> localLengths;       // general_desc.possible_length_local_only
    bool fast = false; // patterns compiled, lengths known, no national_prefix_transform_rule

    // IsMatch(matcher, number, general_desc): an empty pattern matches nothing.
    bool isViable(QStringView number) const { return !general.isEmpty() && general.matchesAll(number); }

    // TestNumberLength(number, metadata) for the UNKNOWN type (the general description).
    LengthCheck testLength(QStringView number) const
    {
        if (lengths.front() == -1)
            return LengthCheck::InvalidLength;
        const int length = static_cast<int>(number.size());
        if (std::find(localLengths.begin(), localLengths.end(), length) != localLengths.end())
            return LengthCheck::IsPossibleLocalOnly;
        if (lengths.front() == length)
            return LengthCheck::IsPossible;
        if (lengths.front() > length)
            return LengthCheck::TooShort;
        if (lengths.back() < length)
            return LengthCheck::TooLong;
        return std::find(lengths.begin() + 1, lengths.end(), length) != lengths.end() ? LengthCheck::IsPossible
                                                                                     : LengthCheck::InvalidLength;
    }

    // MaybeStripNationalPrefixAndCarrierCode without a transform rule: the prefix is removed
    // unless the number was viable before and is not after.
    QStringView stripNationalPrefix(QStringView number) const
    {
        if (number.isEmpty() || nationalPrefix.isEmpty())
            return number;
        const bool viableBefore = isViable(number);
        const qsizetype prefix = nationalPrefix.matchAtStart(number);
        if (prefix < 0)
            return number;
        const QStringView rest = number.mid(prefix);
        if (viableBefore && !isViable(rest))
            return number;
        return rest;
    }
};

int regionSlot(QStringView region)
{
    if (region.size() != 2)
        return -1;
    const char16_t a = region[0].unicode();
    const char16_t b = region[1].unicode();
    if (a < u'A' || a > u'Z' || b < u'A' || b > u'Z')
        return -1;
    return (a - u'A') * 26 + (b - u'A');
}

// The number as digits (ASCII) and at most one leading +, when it has the shape the fast path
// takes: digits separated by spaces, no-break spaces, dashes, dots, brackets or slashes.
struct PlainNumber
{
    std::array<char16_t, kMaxFastDigits> digits{};
    int length = 0;
    bool plus = false;
    bool plainShape = true;

    QStringView view() const { return QStringView(digits.data(), length); }
};

PlainNumber readPlainNumber(QStringView raw)
{
    PlainNumber n;
    for (const QChar ch : raw) {
        const char16_t u = ch.unicode();
        if (u >= u'0' && u <= u'9') {
            if (n.length == kMaxFastDigits) {
                n.plainShape = false;
                break;
            }
            n.digits[n.length++] = u;
        } else if (u == u'+') {
            if (n.plus || n.length > 0) {
                n.plainShape = false;
                break;
            }
            n.plus = true;
        } else if (u == u' ' || u == u'-' || u == u'.' || u == u'(' || u == u')' || u == u'/' || u == 0x00A0) {
            continue;
        } else {
            n.plainShape = false;
            break;
        }
    }
    // Two digits or fewer: libphonenumber's viability rules for those are left to it.
    if (n.length < 3)
        n.plainShape = false;
    return n;
}

// How the number starts once leading punctuation is skipped, as libphonenumber's
// ExtractPossibleNumber skips it: with a +, with 00, or otherwise.
enum class Start { Plus, DoubleZero, Other };

Start startOf(QStringView raw, qsizetype* afterDoubleZero)
{
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar ch = raw[i];
        if (ch == u'+' || ch == QChar(0xFF0B))
            return Start::Plus;
        if (ch.isDigit()) {
            if (ch == u'0' && i + 1 < raw.size() && raw[i + 1] == u'0') {
                *afterDoubleZero = i + 2;
                return Start::DoubleZero;
            }
            return Start::Other;
        }
    }
    return Start::Other;
}

enum class ParseStatus { Parsed, InvalidCountryCode, Refused, Unsupported };

} // namespace

struct PhoneNormaliser::Metadata
{
    std::vector<RegionRules> rules;
    std::array<int, 26 * 26> byRegion; // geographic regions, "GB" → index into rules
    std::vector<int> byCallingCode;    // non-geographic entities ("001"), 800 → index

    Metadata()
    {
        byRegion.fill(-1);
        byCallingCode.assign(1000, -1);
        PhoneMetadataCollection collection;
        if (!collection.ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size()))
            return;
        rules.reserve(static_cast<size_t>(collection.metadata_size()));
        for (const PhoneMetadata& m : collection.metadata()) {
            RegionRules r;
            r.countryCode = m.country_code();
            r.countryCodeDigits = QString::number(m.country_code());
            r.general = MetadataPattern(m.general_desc().national_number_pattern());
            r.internationalPrefix = MetadataPattern(m.international_prefix());
            r.nationalPrefix = MetadataPattern(m.national_prefix_for_parsing());
            r.lengths.assign(m.general_desc().possible_length().begin(), m.general_desc().possible_length().end());
            r.localLengths.assign(m.general_desc().possible_length_local_only().begin(),
                                  m.general_desc().possible_length_local_only().end());
            r.fast = m.national_prefix_transform_rule().empty() && !r.lengths.empty() && r.general.isValid()
                     && r.internationalPrefix.isValid() && r.nationalPrefix.isValid();
            const int index = static_cast<int>(rules.size());
            rules.push_back(std::move(r));
            if (m.id() == "001") {
                if (m.country_code() > 0 && m.country_code() < 1000)
                    byCallingCode[static_cast<size_t>(m.country_code())] = index;
            } else {
                const int slot = regionSlot(QString::fromStdString(m.id()));
                if (slot >= 0)
                    byRegion[static_cast<size_t>(slot)] = index;
            }
        }
    }

    bool empty() const { return rules.empty(); }

    const RegionRules* forRegion(QStringView region) const
    {
        const int slot = regionSlot(region);
        if (slot < 0 || byRegion[static_cast<size_t>(slot)] < 0)
            return nullptr;
        return &rules[static_cast<size_t>(byRegion[static_cast<size_t>(slot)])];
    }

    // GetMetadataForRegionOrCallingCode.
    const RegionRules* forRegionOrCallingCode(int countryCode, const std::string& region) const
    {
        if (region == "001") {
            if (countryCode <= 0 || countryCode >= 1000 || byCallingCode[static_cast<size_t>(countryCode)] < 0)
                return nullptr;
            return &rules[static_cast<size_t>(byCallingCode[static_cast<size_t>(countryCode)])];
        }
        return forRegion(QString::fromLatin1(region.data(), static_cast<qsizetype>(region.size())));
    }

    // ExtractCountryCode: the first 1–3 digits that are a known calling code; 0 when none.
    static int extractCountryCode(QStringView* number)
    {
        if (number->isEmpty() || number->front() == u'0')
            return 0;
        int code = 0;
        for (qsizetype i = 1; i <= kMaxLengthCountryCode && i <= number->size(); ++i) {
            code = code * 10 + (number->at(i - 1).unicode() - u'0');
            std::string region;
            util().GetRegionCodeForCountryCode(code, &region);
            if (region != "ZZ") {
                *number = number->mid(i);
                return code;
            }
        }
        return 0;
    }

    // PhoneNumberUtil::ParseHelper (8.12.57) for a plain number: digits, an optional leading +,
    // defaultRegion "ZZ" when the person's country is unknown. Unsupported where the library's
    // result could differ (then the caller asks the library).
    ParseStatus parse(const PlainNumber& plain, const std::string& defaultRegion, PhoneNumber* out) const
    {
        const RegionRules* home = defaultRegion == "ZZ" ? nullptr : forRegion(QString::fromStdString(defaultRegion));
        // CheckRegionForParsing.
        if (!plain.plus && !home)
            return ParseStatus::InvalidCountryCode;
        if (home && !home->fast)
            return ParseStatus::Unsupported;

        // MaybeExtractCountryCode.
        QStringView national = plain.view();
        int countryCode = 0;
        bool international = plain.plus;
        if (!plain.plus) {
            // ParsePrefixAsIdd: the prefix counts unless a 0 follows it.
            const qsizetype idd = home->internationalPrefix.matchAtStart(national);
            if (idd >= 0) {
                const QStringView rest = national.mid(idd);
                if (rest.isEmpty() || rest.front() != u'0') {
                    national = rest;
                    international = true;
                }
            }
        }
        if (international) {
            if (national.size() <= kMinLengthForNsn)
                return ParseStatus::Refused; // TOO_SHORT_AFTER_IDD
            countryCode = extractCountryCode(&national);
            if (countryCode == 0) {
                // With a +, ParseHelper retries without it against the home region: rare, left
                // to the library.
                if (plain.plus && home)
                    return ParseStatus::Unsupported;
                return ParseStatus::InvalidCountryCode;
            }
        } else if (national.startsWith(home->countryCodeDigits)) {
            const QStringView potential = home->stripNationalPrefix(national.mid(home->countryCodeDigits.size()));
            if ((!home->isViable(national) && home->isViable(potential))
                || home->testLength(national) == LengthCheck::TooLong) {
                national = potential;
                countryCode = home->countryCode;
            }
        }

        const RegionRules* rules = home;
        if (countryCode != 0) {
            std::string numberRegion;
            util().GetRegionCodeForCountryCode(countryCode, &numberRegion);
            if (numberRegion != defaultRegion)
                rules = forRegionOrCallingCode(countryCode, numberRegion);
        } else {
            countryCode = home->countryCode;
        }
        if (rules && !rules->fast)
            return ParseStatus::Unsupported;
        if (national.size() < kMinLengthForNsn)
            return ParseStatus::Refused; // TOO_SHORT_NSN
        if (rules) {
            const QStringView potential = rules->stripNationalPrefix(national);
            const LengthCheck check = rules->testLength(potential);
            if (check != LengthCheck::TooShort && check != LengthCheck::IsPossibleLocalOnly
                && check != LengthCheck::InvalidLength)
                national = potential;
        }
        if (national.size() < kMinLengthForNsn || national.size() > kMaxLengthForNsn)
            return ParseStatus::Refused; // TOO_SHORT_NSN / TOO_LONG_NSN

        out->set_country_code(countryCode);
        // SetItalianLeadingZerosForPhoneNumber.
        if (national.size() > 1 && national.front() == u'0') {
            out->set_italian_leading_zero(true);
            int zeros = 1;
            while (zeros < national.size() - 1 && national[zeros] == u'0')
                ++zeros;
            if (zeros != 1)
                out->set_number_of_leading_zeros(zeros);
        }
        quint64 value = 0;
        for (const QChar d : national)
            value = value * 10 + static_cast<quint64>(d.unicode() - u'0');
        out->set_national_number(value);
        return ParseStatus::Parsed;
    }
};

namespace {

ParseStatus libraryParse(const std::string& text, const std::string& region, PhoneNumber* out)
{
    const PhoneNumberUtil::ErrorType error = util().Parse(text, region, out);
    if (error == PhoneNumberUtil::NO_PARSING_ERROR)
        return ParseStatus::Parsed;
    return error == PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR ? ParseStatus::InvalidCountryCode : ParseStatus::Refused;
}

// A parsed number that is a possible number of its country, as E.164; empty otherwise.
QString possibleE164(const PhoneNumber& number)
{
    if (util().IsPossibleNumberWithReason(number) != PhoneNumberUtil::IS_POSSIBLE)
        return {};
    std::string e164;
    util().Format(number, PhoneNumberUtil::E164, &e164);
    return QString::fromLatin1(e164.data(), static_cast<qsizetype>(e164.size()));
}

// The person's country as libphonenumber's default region, "ZZ" when unknown.
std::string homeRegion(QStringView region)
{
    if (region.size() != 2)
        return "ZZ";
    std::string code(2, ' ');
    for (int i = 0; i < 2; ++i) {
        const char16_t u = region[i].unicode();
        if (u >= u'a' && u <= u'z')
            code[static_cast<size_t>(i)] = static_cast<char>(u - u'a' + 'A');
        else if (u >= u'A' && u <= u'Z')
            code[static_cast<size_t>(i)] = static_cast<char>(u);
        else
            return "ZZ";
    }
    return util().GetCountryCodeForRegion(code) != 0 ? code : std::string("ZZ");
}

} // namespace

PhoneNormaliser::PhoneNormaliser() : m_metadata(std::make_unique<const Metadata>())
{
    util();
}

PhoneNormaliser::~PhoneNormaliser() = default;

const PhoneNormaliser& PhoneNormaliser::instance()
{
    static const PhoneNormaliser normaliser;
    return normaliser;
}

bool PhoneNormaliser::hasFastPath() const
{
    return !m_metadata->empty();
}

bool PhoneNormaliser::takesFastPath(QStringView raw, QStringView region) const
{
    if (!hasFastPath())
        return false;
    const PlainNumber plain = readPlainNumber(raw);
    if (!plain.plainShape)
        return false;
    PhoneNumber number;
    return m_metadata->parse(plain, homeRegion(region), &number) != ParseStatus::Unsupported;
}

PhoneE164 PhoneNormaliser::toE164(QStringView raw, QStringView region) const
{
    return normalise(raw, region, hasFastPath());
}

PhoneE164 PhoneNormaliser::toE164WithLibraryParse(QStringView raw, QStringView region) const
{
    return normalise(raw, region, false);
}

PhoneE164 PhoneNormaliser::normalise(QStringView raw, QStringView region, bool allowFastPath) const
{
    const std::string home = homeRegion(region);

    const PlainNumber plain = allowFastPath ? readPlainNumber(raw) : PlainNumber{};
    const bool fast = allowFastPath && plain.plainShape;
    std::string text; // the library's input, built only when it is used

    auto parseOnce = [&](bool withPlusInsteadOf00, qsizetype afterDoubleZero, PhoneNumber* number) {
        if (fast) {
            ParseStatus status;
            if (withPlusInsteadOf00) {
                PlainNumber international = plain;
                international.plus = true;
                std::copy(plain.digits.begin() + 2, plain.digits.end(), international.digits.begin());
                international.length = plain.length - 2;
                status = m_metadata->parse(international, home, number);
            } else {
                status = m_metadata->parse(plain, home, number);
            }
            if (status != ParseStatus::Unsupported)
                return status;
            number->Clear();
        }
        const QByteArray utf8 = (withPlusInsteadOf00 ? raw.mid(afterDoubleZero) : raw).toUtf8();
        text.assign(withPlusInsteadOf00 ? 1 : 0, '+');
        text.append(utf8.constData(), static_cast<size_t>(utf8.size()));
        return libraryParse(text, home, number);
    };

    PhoneNumber number;
    const ParseStatus status = parseOnce(false, 0, &number);
    if (status == ParseStatus::Parsed) {
        QString e164 = possibleE164(number);
        if (!e164.isEmpty())
            return {PhoneE164::Outcome::Normalised, std::move(e164)};
    }
    qsizetype afterDoubleZero = 0;
    const Start start = startOf(raw, &afterDoubleZero);
    if (start == Start::DoubleZero) {
        PhoneNumber international;
        if (parseOnce(true, afterDoubleZero, &international) == ParseStatus::Parsed) {
            QString e164 = possibleE164(international);
            if (!e164.isEmpty())
                return {PhoneE164::Outcome::Normalised, std::move(e164)};
        }
    }
    if (status == ParseStatus::InvalidCountryCode && start == Start::Other && home == "ZZ")
        return {PhoneE164::Outcome::NoCountryCode, {}};
    return {PhoneE164::Outcome::NotAPhoneNumber, {}};
}

} // namespace core
