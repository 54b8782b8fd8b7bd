// PhoneNormaliser: the reference's phone vectors, and its fast parse against libphonenumber's own
// PhoneNumberUtil::Parse on every country's example numbers and on random digit strings.
#include <gtest/gtest.h>

#include <phonenumbers/phonenumberutil.h>

#include <QList>
#include <QString>

#include <random>
#include <set>
#include <string>

#include "activation/phone_normaliser.h"

using core::PhoneE164;
using core::PhoneNormaliser;

namespace {

QString e164(const QString& raw, const QString& region)
{
    const PhoneE164 out = PhoneNormaliser::instance().toE164(raw, region);
    return out.ok() ? out.e164 : QString();
}

PhoneE164::Outcome outcome(const QString& raw, const QString& region)
{
    return PhoneNormaliser::instance().toE164(raw, region).outcome;
}

} // namespace

TEST(PhoneNormaliser, ReadsTheMetadataForTheFastPath)
{
    EXPECT_TRUE(PhoneNormaliser::instance().hasFastPath());
}

// activation-experiments-sync.md §1.4 / §2.3 and audience-and-stats.md §4.3.
TEST(PhoneNormaliser, ReferenceVectors)
{
    EXPECT_EQ(e164(QStringLiteral("(800)555-0100"), QStringLiteral("US")), QStringLiteral("+18005550100"));
    EXPECT_EQ(e164(QStringLiteral("020 7183 8750"), QStringLiteral("GB")), QStringLiteral("+442071838750"));
    EXPECT_EQ(e164(QStringLiteral("+1 (800) 555-0100"), QString()), QStringLiteral("+18005550100"));
    EXPECT_EQ(e164(QStringLiteral("0044 20 7183 8750"), QString()), QStringLiteral("+442071838750"));
    EXPECT_EQ(e164(QStringLiteral("1 (415) 555-0123"), QStringLiteral("US")), QStringLiteral("+14155550123"));
    EXPECT_EQ(e164(QStringLiteral("+1 415-555-0123"), QString()), QStringLiteral("+14155550123"));
}

TEST(PhoneNormaliser, UsesThePersonsCountryWhenTheNumberHasNoCountryCode)
{
    // US, GB, DE, FR, IN with and without their country code; the country given in any case.
    EXPECT_EQ(e164(QStringLiteral("415.555.0123"), QStringLiteral("us")), QStringLiteral("+14155550123"));
    EXPECT_EQ(e164(QStringLiteral("+14155550123"), QStringLiteral("GB")), QStringLiteral("+14155550123"));
    EXPECT_EQ(e164(QStringLiteral("07911 123456"), QStringLiteral("GB")), QStringLiteral("+447911123456"));
    EXPECT_EQ(e164(QStringLiteral("+44 (0)20 7183 8750"), QStringLiteral("US")), QStringLiteral("+442071838750"));
    EXPECT_EQ(e164(QStringLiteral("030 1234567"), QStringLiteral("DE")), QStringLiteral("+49301234567"));
    EXPECT_EQ(e164(QStringLiteral("0151/23456789"), QStringLiteral("DE")), QStringLiteral("+4915123456789"));
    EXPECT_EQ(e164(QStringLiteral("+49 30 1234567"), QStringLiteral("FR")), QStringLiteral("+49301234567"));
    EXPECT_EQ(e164(QStringLiteral("06 12 34 56 78"), QStringLiteral("FR")), QStringLiteral("+33612345678"));
    EXPECT_EQ(e164(QStringLiteral("01.23.45.67.89"), QStringLiteral("FR")), QStringLiteral("+33123456789"));
    EXPECT_EQ(e164(QStringLiteral("0033 6 12 34 56 78"), QStringLiteral("FR")), QStringLiteral("+33612345678"));
    EXPECT_EQ(e164(QStringLiteral("98765 43210"), QStringLiteral("IN")), QStringLiteral("+919876543210"));
    EXPECT_EQ(e164(QStringLiteral("+91 98765-43210"), QString()), QStringLiteral("+919876543210"));
    EXPECT_EQ(e164(QStringLiteral("098765 43210"), QStringLiteral("IN")), QStringLiteral("+919876543210"));
    // The US international prefix, and 00 read as international from a US person.
    EXPECT_EQ(e164(QStringLiteral("011 44 20 7183 8750"), QStringLiteral("US")), QStringLiteral("+442071838750"));
    EXPECT_EQ(e164(QStringLiteral("0044 20 7183 8750"), QStringLiteral("US")), QStringLiteral("+442071838750"));
    // Italy keeps the leading zero of its numbers.
    EXPECT_EQ(e164(QStringLiteral("06 1234 5678"), QStringLiteral("IT")), QStringLiteral("+390612345678"));
}

TEST(PhoneNormaliser, RefusesWhatIsNoPossibleNumber)
{
    EXPECT_EQ(outcome(QStringLiteral("+0000000000"), QString()), PhoneE164::Outcome::NotAPhoneNumber);
    EXPECT_EQ(outcome(QStringLiteral("12"), QStringLiteral("US")), PhoneE164::Outcome::NotAPhoneNumber);
    EXPECT_EQ(outcome(QStringLiteral("555-0123"), QStringLiteral("US")), PhoneE164::Outcome::NotAPhoneNumber)
        << "a local-only number is not sent";
    EXPECT_EQ(outcome(QStringLiteral("+1 415 555 01234567"), QString()), PhoneE164::Outcome::NotAPhoneNumber);
    EXPECT_EQ(outcome(QStringLiteral("call me"), QStringLiteral("US")), PhoneE164::Outcome::NotAPhoneNumber);
    EXPECT_EQ(outcome(QStringLiteral("+999 1234 5678"), QString()), PhoneE164::Outcome::NotAPhoneNumber);
    EXPECT_EQ(outcome(QString(), QStringLiteral("US")), PhoneE164::Outcome::NotAPhoneNumber);
}

TEST(PhoneNormaliser, SaysWhenTheCountryIsMissing)
{
    EXPECT_EQ(outcome(QStringLiteral("(415) 555-0123"), QString()), PhoneE164::Outcome::NoCountryCode);
    EXPECT_EQ(outcome(QStringLiteral("020 7183 8750"), QStringLiteral("XX")), PhoneE164::Outcome::NoCountryCode);
    EXPECT_EQ(outcome(QStringLiteral("020 7183 8750"), QStringLiteral("Britain")), PhoneE164::Outcome::NoCountryCode);
}

TEST(PhoneNormaliser, TheCommonShapesTakeTheFastPath)
{
    const PhoneNormaliser& n = PhoneNormaliser::instance();
    EXPECT_TRUE(n.takesFastPath(QStringLiteral("(800)555-0100"), QStringLiteral("US")));
    EXPECT_TRUE(n.takesFastPath(QStringLiteral("+44 20 7183 8750"), QString()));
    EXPECT_TRUE(n.takesFastPath(QStringLiteral("030 1234567"), QStringLiteral("DE")));
    EXPECT_FALSE(n.takesFastPath(QStringLiteral("415 555 0123 ext. 12"), QStringLiteral("US")));
    EXPECT_FALSE(n.takesFastPath(QStringLiteral("011 15 1234-5678"), QStringLiteral("AR"))) << "AR rewrites digits";
}

namespace {

struct Case
{
    std::string raw;
    std::string region;
};

// What toE164 and the library-only path make of a case, side by side.
void expectSameAsLibrary(const Case& c, int* fastCount, int* compared)
{
    const QString raw = QString::fromStdString(c.raw);
    const QString region = QString::fromStdString(c.region);
    const PhoneNormaliser& n = PhoneNormaliser::instance();
    const PhoneE164 fast = n.toE164(raw, region);
    const PhoneE164 library = n.toE164WithLibraryParse(raw, region);
    ++*compared;
    if (n.takesFastPath(raw, region))
        ++*fastCount;
    EXPECT_EQ(fast, library) << "raw \"" << c.raw << "\" region " << c.region << ": fast "
                             << fast.e164.toStdString() << " (" << int(fast.outcome) << "), library "
                             << library.e164.toStdString() << " (" << int(library.outcome) << ")";
}

} // namespace

TEST(PhoneNormaliser, FastPathAgreesWithLibphonenumberOnEveryCountrysNumbers)
{
    using i18n::phonenumbers::PhoneNumber;
    using i18n::phonenumbers::PhoneNumberUtil;
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    std::set<std::string> regions;
    util.GetSupportedRegions(&regions);
    ASSERT_GT(regions.size(), 200u);

    const PhoneNumberUtil::PhoneNumberType types[] = {PhoneNumberUtil::FIXED_LINE, PhoneNumberUtil::MOBILE,
                                                      PhoneNumberUtil::TOLL_FREE, PhoneNumberUtil::VOIP};
    int fastCount = 0;
    int compared = 0;
    for (const std::string& region : regions) {
        for (const auto type : types) {
            PhoneNumber example;
            if (!util.GetExampleNumberForType(region, type, &example))
                continue;
            std::string national, international, e164, nsn;
            util.Format(example, PhoneNumberUtil::NATIONAL, &national);
            util.Format(example, PhoneNumberUtil::INTERNATIONAL, &international);
            util.Format(example, PhoneNumberUtil::E164, &e164);
            util.GetNationalSignificantNumber(example, &nsn);
            const std::string cc = std::to_string(example.country_code());
            std::string shorter = nsn.substr(0, nsn.size() - 1);
            std::string longer = nsn + "7";
            const std::string forms[] = {national, international, e164, nsn, cc + nsn, "00" + cc + nsn,
                                         "011 " + cc + " " + nsn, "0" + nsn, "+" + cc + "0" + nsn, shorter,
                                         longer, "+" + cc + shorter, "+" + cc + longer, "(" + nsn.substr(0, 3) + ") " + nsn.substr(3)};
            for (const std::string& form : forms)
                for (const std::string& home : {region, std::string(), std::string("US"), std::string("GB"),
                                                std::string("DE"), std::string("IT")})
                    expectSameAsLibrary({form, home}, &fastCount, &compared);
        }
    }
    EXPECT_GT(compared, 50000);
    // Most of them stay off PhoneNumberUtil::Parse (the rest: letters, digit-rewriting countries).
    EXPECT_GT(fastCount, compared * 8 / 10) << fastCount << " of " << compared;
}

TEST(PhoneNormaliser, FastPathAgreesWithLibphonenumberOnRandomDigits)
{
    std::mt19937 rng(20261206);
    const std::string prefixes[] = {"", "", "+", "+", "0", "00", "1", "011", "+0", "0 0", "(0)"};
    const std::string punctuation[] = {"", "", "", " ", "-", ".", "(", ")", "/", "\xC2\xA0"};
    const std::string homes[] = {"", "US", "GB", "DE", "FR", "IN", "IT", "JP", "AU", "CA", "BR", "AR", "MX", "RU", "CN", "ZZ", "xx", "de"};
    int fastCount = 0;
    int compared = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string raw = prefixes[rng() % std::size(prefixes)];
        const int digits = 1 + static_cast<int>(rng() % 18);
        for (int d = 0; d < digits; ++d) {
            raw += static_cast<char>('0' + rng() % 10);
            raw += punctuation[rng() % std::size(punctuation)];
        }
        expectSameAsLibrary({raw, homes[rng() % std::size(homes)]}, &fastCount, &compared);
    }
    EXPECT_GT(fastCount, compared / 2) << fastCount << " of " << compared;
}
