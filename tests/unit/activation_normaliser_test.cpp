// The audience normalisation engine with the compiled-in rules: every vector of the references'
// tables (activation-experiments-sync.md §1.4, §2.3; audience-and-stats.md §4.3), raw → normalised
// cases, bad values dropped with their reason, and the rule profiles' validation.
#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include "activation/audience_normaliser.h"
#include "activation/rule_profile.h"
#include "activation/sha256_hex.h"

#include <atomic>
#include <thread>
#include <vector>

using namespace core;

namespace {

constexpr int kYear = 2026;

const AudienceNormaliser& google()
{
    static const AudienceNormaliser n(RuleProfile::load(AudiencePlatform::Google).value(), kYear);
    return n;
}

const AudienceNormaliser& meta()
{
    static const AudienceNormaliser n(RuleProfile::load(AudiencePlatform::Meta).value(), kYear);
    return n;
}

int column(const AudienceNormaliser& n, const char* name)
{
    const int c = static_cast<int>(n.profile().columns().indexOf(QString::fromUtf8(name)));
    EXPECT_GE(c, 0) << name;
    return c;
}

// The normalised text (before hashing) of one key.
QString text(const AudienceNormaliser& n, const char* key, const QString& raw, const QString& country = {})
{
    const AudienceNormaliser::Value v = n.normalisedText(column(n, key), raw, country);
    EXPECT_FALSE(v.dropped) << key << " dropped " << dropReasonText(*v.dropped).toStdString();
    return v.text;
}

// The value as sent.
QString sent(const AudienceNormaliser& n, const char* key, const QString& raw, const QString& country = {})
{
    const AudienceNormaliser::Value v = n.value(column(n, key), raw, country);
    EXPECT_FALSE(v.dropped) << key << " dropped " << dropReasonText(*v.dropped).toStdString();
    return v.text;
}

std::optional<DropReason> dropped(const AudienceNormaliser& n, const char* key, const QString& raw,
                                  const QString& country = {})
{
    const AudienceNormaliser::Value v = n.value(column(n, key), raw, country);
    if (v.dropped) {
        EXPECT_TRUE(v.text.isEmpty()) << "a dropped value is never sent";
    }
    return v.dropped;
}

QString qtSha256(const QString& s)
{
    return QString::fromLatin1(QCryptographicHash::hash(s.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace

TEST(Sha256Hex, MatchesTheReferenceDigestsOfNormalisedStrings)
{
    // audience-and-stats.md §4.3.
    EXPECT_EQ(Sha256Hex::of(u"test@gmail.com"), QStringLiteral("87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"));
    EXPECT_EQ(Sha256Hex::of(u"john.doe@example.com"), QStringLiteral("836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f"));
    EXPECT_EQ(Sha256Hex::of(u"+14155550123"), QStringLiteral("36a2cef4ff9bf7a1abd2a93359136b870393be4106e6c5d19b72ff564f9deca4"));
    EXPECT_EQ(Sha256Hex::of(u"14155550123"), QStringLiteral("413ba75461ab5f99d36820e561ea97e2bd80f9cb586f7ecea6cf4c496518950a"));
    EXPECT_EQ(Sha256Hex::of(u"m"), QStringLiteral("62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a"));
    EXPECT_EQ(Sha256Hex::of(u"f"), QStringLiteral("252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111"));
    // Non-ASCII goes through UTF-8, like Qt's own SHA-256.
    EXPECT_EQ(Sha256Hex::of(u"josé"), qtSha256(QStringLiteral("josé")));
    EXPECT_EQ(Sha256Hex::of(u"東京"), qtSha256(QStringLiteral("東京")));
}

TEST(RuleProfiles, TheCompiledInProfilesLoadWithThePlatformsColumns)
{
    for (const AudiencePlatform platform : {AudiencePlatform::Google, AudiencePlatform::Meta}) {
        const Result<RuleProfile> p = RuleProfile::load(platform);
        ASSERT_TRUE(p) << p.error().toString().toStdString();
        EXPECT_EQ(p.value().platform, platform);
        EXPECT_EQ(p.value().columns(), audienceColumns(platform));
        EXPECT_FALSE(p.value().version.isEmpty());
        EXPECT_TRUE(p.value().checked.isValid());
        EXPECT_FALSE(p.value().sources.isEmpty());
        EXPECT_TRUE(p.value().describe().contains(p.value().version));
    }
    // Google sends Country and Zip in clear and hashes the rest; Meta hashes every key.
    const RuleProfile g = RuleProfile::load(AudiencePlatform::Google).value();
    QStringList clear;
    for (const RuleKey& k : g.keys)
        if (!k.hashed)
            clear.append(k.column);
    EXPECT_EQ(clear, (QStringList{QStringLiteral("Country"), QStringLiteral("Zip")}));
    const RuleProfile m = RuleProfile::load(AudiencePlatform::Meta).value();
    for (const RuleKey& k : m.keys)
        EXPECT_TRUE(k.hashed) << k.column.toStdString();
}

// activation-experiments-sync.md §1.4.
TEST(GoogleRules, ReferenceVectors)
{
    const AudienceNormaliser& g = google();
    EXPECT_EQ(text(g, "Email", QStringLiteral("Cloudy.SanFrancisco+shopping@GMail.com")), QStringLiteral("cloudysanfrancisco@gmail.com"));
    EXPECT_EQ(sent(g, "Email", QStringLiteral("Cloudy.SanFrancisco+shopping@GMail.com")),
              QStringLiteral("223ebda6f6889b1494551ba902d9d381daf2f642bae055888e96343d53e9f9c4"));
    EXPECT_EQ(text(g, "Email", QStringLiteral(" user.name+NYC@Example.com ")), QStringLiteral("user.name+nyc@example.com"));
    EXPECT_EQ(sent(g, "Email", QStringLiteral(" user.name+NYC@Example.com ")),
              QStringLiteral("f109a2a632fbcea5fc82049f50beed3d8621bf9034399f437fb622222acccdac"));
    EXPECT_EQ(text(g, "Email", QStringLiteral("First.Last@googlemail.com")), QStringLiteral("firstlast@googlemail.com"));
    EXPECT_EQ(sent(g, "Email", QStringLiteral("First.Last@googlemail.com")),
              QStringLiteral("dcfceba1dd91c4244ce46a61822d7809014b18878d8947f827befea5b0dec6e6"));
    EXPECT_EQ(text(g, "Phone", QStringLiteral("(800)555-0100"), QStringLiteral("US")), QStringLiteral("+18005550100"));
    EXPECT_EQ(sent(g, "Phone", QStringLiteral("(800)555-0100"), QStringLiteral("US")),
              QStringLiteral("fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30"));
    EXPECT_EQ(text(g, "Phone", QStringLiteral("020 7183 8750"), QStringLiteral("GB")), QStringLiteral("+442071838750"));
    EXPECT_EQ(sent(g, "Phone", QStringLiteral("020 7183 8750"), QStringLiteral("GB")),
              QStringLiteral("e631c2534428c6c9b48c2167604a8983046085e43a2c00ed748733c544c0bb4d"));
    EXPECT_EQ(sent(g, "First Name", QStringLiteral("Alex")), QStringLiteral("4135aa9dc1b842a653dea846903ddb95bfb8c5a10c504a7fa16e10bc31d1fdf0"));
    EXPECT_EQ(sent(g, "Last Name", QStringLiteral("Quinn")), QStringLiteral("c512ca0c5c1e71be19f3356821e56732b5fb3ac894b0dbc5846d0b6920106fb3"));
    // Country and zip in clear.
    EXPECT_EQ(sent(g, "Country", QStringLiteral("US")), QStringLiteral("US"));
    EXPECT_EQ(sent(g, "Zip", QStringLiteral("94045"), QStringLiteral("US")), QStringLiteral("94045"));
}

// audience-and-stats.md §4.1 and §4.3.
TEST(GoogleRules, RawToNormalised)
{
    const AudienceNormaliser& g = google();
    EXPECT_EQ(text(g, "Email", QStringLiteral("  Test@GMAIL.com ")), QStringLiteral("test@gmail.com"));
    EXPECT_EQ(sent(g, "Email", QStringLiteral("  Test@GMAIL.com ")), QStringLiteral("87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"));
    EXPECT_EQ(text(g, "Email", QStringLiteral("First.Last@GMail.com")), QStringLiteral("firstlast@gmail.com"));
    EXPECT_EQ(text(g, "Email", QStringLiteral("t.e.s.t+promo+x@gmail.com")), QStringLiteral("test@gmail.com"));
    EXPECT_EQ(text(g, "Email", QStringLiteral("john . doe@Example.com")), QStringLiteral("john.doe@example.com"))
        << "inner whitespace removed";
    EXPECT_EQ(sent(g, "Email", QStringLiteral("John.Doe@example.com")), QStringLiteral("836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f"))
        << "other domains keep their dots";
    EXPECT_EQ(text(g, "Email", QStringLiteral("first.last+tag@example.org")), QStringLiteral("first.last+tag@example.org"));
    EXPECT_EQ(text(g, "Phone", QStringLiteral("1 (415) 555-0123"), QStringLiteral("US")), QStringLiteral("+14155550123"));
    EXPECT_EQ(sent(g, "Phone", QStringLiteral("1 (415) 555-0123"), QStringLiteral("us")),
              QStringLiteral("36a2cef4ff9bf7a1abd2a93359136b870393be4106e6c5d19b72ff564f9deca4"));
    EXPECT_EQ(text(g, "Phone", QStringLiteral("030 1234567"), QStringLiteral("DE")), QStringLiteral("+49301234567"));
    EXPECT_EQ(text(g, "Phone", QStringLiteral("06 12 34 56 78"), QStringLiteral("FR")), QStringLiteral("+33612345678"));
    EXPECT_EQ(text(g, "Phone", QStringLiteral("98765 43210"), QStringLiteral("IN")), QStringLiteral("+919876543210"));
    EXPECT_EQ(text(g, "Phone", QStringLiteral("0044 20 7183 8750")), QStringLiteral("+442071838750"));
    EXPECT_EQ(text(g, "Phone", QStringLiteral("+44 20 7183 8750"), QStringLiteral("DE")), QStringLiteral("+442071838750"));
    EXPECT_EQ(sent(g, "First Name", QStringLiteral("  JOHN ")), QStringLiteral("96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a"));
    EXPECT_EQ(sent(g, "Last Name", QStringLiteral("Smith")), QStringLiteral("6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd"));
    EXPECT_EQ(text(g, "First Name", QStringLiteral(" Mary Ann ")), QStringLiteral("mary ann"));
    EXPECT_EQ(text(g, "Last Name", QStringLiteral("O'Brien")), QStringLiteral("o'brien"));
    EXPECT_EQ(text(g, "First Name", QStringLiteral("JOSÉ")), QStringLiteral("josé"));
    EXPECT_EQ(text(g, "Country", QStringLiteral(" gb ")), QStringLiteral("GB"));
    EXPECT_EQ(text(g, "Country", QStringLiteral("UK")), QStringLiteral("GB"));
    EXPECT_EQ(text(g, "Zip", QStringLiteral("94043-1234"), QStringLiteral("US")), QStringLiteral("94043"));
    EXPECT_EQ(text(g, "Zip", QStringLiteral("02134"), QStringLiteral("US")), QStringLiteral("02134"));
    EXPECT_EQ(text(g, "Zip", QStringLiteral(" SW1A 1AA "), QStringLiteral("GB")), QStringLiteral("SW1A 1AA"));
}

// activation-experiments-sync.md §2.3.
TEST(MetaRules, ReferenceVectors)
{
    const AudienceNormaliser& m = meta();
    EXPECT_EQ(text(m, "email", QStringLiteral("Cloudy.SanFrancisco+shopping@GMail.com")),
              QStringLiteral("cloudy.sanfrancisco+shopping@gmail.com"));
    EXPECT_EQ(sent(m, "email", QStringLiteral("Cloudy.SanFrancisco+shopping@GMail.com")),
              QStringLiteral("8dd4a9bf850242873c14976125edabc35096192b784626a5641a7d2de56e3c1e"));
    EXPECT_EQ(sent(m, "email", QStringLiteral("First.Last@googlemail.com")),
              QStringLiteral("34dadd4cdd4717c7666e06bba658aa1d8695c42ac7a855cef7a9936f2fbe3b3f"));
    EXPECT_EQ(text(m, "phone", QStringLiteral("+1 (800) 555-0100")), QStringLiteral("18005550100"));
    EXPECT_EQ(sent(m, "phone", QStringLiteral("+1 (800) 555-0100")),
              QStringLiteral("92cfdc5fbcd4a20fbe5d3857af6c1aba31762105bba7f21a17155e920653046c"));
    EXPECT_EQ(text(m, "phone", QStringLiteral("0044 20 7183 8750")), QStringLiteral("442071838750"));
    EXPECT_EQ(sent(m, "phone", QStringLiteral("0044 20 7183 8750")),
              QStringLiteral("8d5f937f3a5590634cbe975951a6aa1543170671ce6e73cce4062f4e8c288417"));
    EXPECT_EQ(text(m, "ln", QStringLiteral("O'Brien")), QStringLiteral("obrien"));
    EXPECT_EQ(sent(m, "ln", QStringLiteral("O'Brien")), QStringLiteral("b4cb6cb33fe4b865868de825023a1e2790dc12ac01ecc8d7c5afe8254071c8ba"));
    EXPECT_EQ(text(m, "fn", QStringLiteral("José")), QStringLiteral("josé"));
    EXPECT_EQ(sent(m, "fn", QStringLiteral("José")), QStringLiteral("d994e1d001886fe5b45b1267bd1fa2b752ac50742579bd3dad7b2a2aa0ed6866"));
    EXPECT_NE(sent(m, "fn", QStringLiteral("José")), QStringLiteral("1ec4ed037766aa181d8840ad04b9fc6e195fd37dedc04c98a5767a67d3758ece"))
        << "not transliterated to jose";
    // The same name typed with a combining accent (e + U+0301).
    EXPECT_EQ(sent(m, "fn", QStringLiteral("Jose\u0301")), QStringLiteral("d994e1d001886fe5b45b1267bd1fa2b752ac50742579bd3dad7b2a2aa0ed6866"));
    EXPECT_EQ(text(m, "ct", QStringLiteral("San Francisco")), QStringLiteral("sanfrancisco"));
    EXPECT_EQ(sent(m, "ct", QStringLiteral("San Francisco")), QStringLiteral("1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac"));
    EXPECT_EQ(sent(m, "doby", QStringLiteral("2001")), QStringLiteral("85d6385b945c0d602103db39b0b654b2af93b5127938e26a959c123f0789b948"));
    EXPECT_EQ(sent(m, "country", QStringLiteral("DE")), QStringLiteral("959a45d44e6fcf58361ed004681556fe50129f2109e817dec098c00c9e5d2578"));
    EXPECT_EQ(sent(m, "zip", QStringLiteral("10115"), QStringLiteral("DE")), QStringLiteral("ac7bb74de6884ffce919c15fef4193749d4588026c643973946713ac46da540d"));
    EXPECT_EQ(text(m, "zip", QStringLiteral("SW1A 1AA"), QStringLiteral("GB")), QStringLiteral("sw1a1"));
    EXPECT_EQ(sent(m, "zip", QStringLiteral("SW1A 1AA"), QStringLiteral("GB")),
              QStringLiteral("949af780a19e6f6d4b99d7044743348dbbb7ab2245fe146863573b23d02c5890"));
}

// audience-and-stats.md §4.2 and §4.3.
TEST(MetaRules, RawToNormalised)
{
    const AudienceNormaliser& m = meta();
    EXPECT_EQ(text(m, "email", QStringLiteral("First.Last@GMail.com")), QStringLiteral("first.last@gmail.com"));
    EXPECT_EQ(sent(m, "email", QStringLiteral("  Test@GMAIL.com ")), QStringLiteral("87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"));
    EXPECT_EQ(sent(m, "phone", QStringLiteral("+1 415-555-0123")), QStringLiteral("413ba75461ab5f99d36820e561ea97e2bd80f9cb586f7ecea6cf4c496518950a"));
    EXPECT_EQ(text(m, "phone", QStringLiteral("(415) 555-0123"), QStringLiteral("US")), QStringLiteral("14155550123"));
    EXPECT_EQ(text(m, "phone", QStringLiteral("020 7183 8750"), QStringLiteral("GB")), QStringLiteral("442071838750"));
    EXPECT_EQ(text(m, "phone", QStringLiteral("0151 23456789"), QStringLiteral("DE")), QStringLiteral("4915123456789"));
    EXPECT_EQ(text(m, "phone", QStringLiteral("06 12 34 56 78"), QStringLiteral("FR")), QStringLiteral("33612345678"));
    EXPECT_EQ(text(m, "phone", QStringLiteral("+91 98765 43210")), QStringLiteral("919876543210"));
    EXPECT_EQ(sent(m, "fn", QStringLiteral("  JOHN ")), QStringLiteral("96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a"));
    EXPECT_EQ(sent(m, "ln", QStringLiteral("Smith")), QStringLiteral("6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd"));
    EXPECT_EQ(text(m, "fn", QStringLiteral("Mary Ann")), QStringLiteral("maryann"));
    EXPECT_EQ(text(m, "ln", QStringLiteral("García-Márquez")), QStringLiteral("garcíamárquez"));
    EXPECT_EQ(text(m, "ct", QStringLiteral("São Paulo")), QStringLiteral("sãopaulo"));
    EXPECT_EQ(text(m, "ct", QStringLiteral("Winston-Salem")), QStringLiteral("winstonsalem"));
    EXPECT_EQ(sent(m, "st", QStringLiteral("NY"), QStringLiteral("US")), QStringLiteral("1b06e2003f8420d6fa42badd8f77ec0f706b976b7a48b13c567dc5a559681683"));
    EXPECT_EQ(text(m, "st", QStringLiteral("New York"), QStringLiteral("US")), QStringLiteral("ny"));
    EXPECT_EQ(text(m, "st", QStringLiteral("US-CA"), QString()), QStringLiteral("ca"));
    EXPECT_EQ(text(m, "st", QStringLiteral("DE-BY"), QStringLiteral("DE")), QStringLiteral("by"));
    EXPECT_EQ(text(m, "st", QStringLiteral("Île-de-France"), QStringLiteral("FR")), QStringLiteral("îledefrance"));
    EXPECT_EQ(sent(m, "zip", QStringLiteral("94043"), QStringLiteral("US")), QStringLiteral("1b10e5e0b47cefad5c4f6c1d10b8b6fbbd5af9756eb01ed5c8ee1f588b65947b"));
    EXPECT_EQ(text(m, "zip", QStringLiteral("94043-1234"), QStringLiteral("US")), QStringLiteral("94043"));
    EXPECT_EQ(text(m, "zip", QStringLiteral("1012 AB"), QStringLiteral("NL")), QStringLiteral("1012ab"));
    EXPECT_EQ(sent(m, "country", QStringLiteral("US")), QStringLiteral("79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"));
    EXPECT_EQ(text(m, "country", QStringLiteral("gb")), QStringLiteral("gb"));
    EXPECT_EQ(sent(m, "doby", QStringLiteral("1985-04-12")), QStringLiteral("78e370b587b145920213731b7c7c725e512b3b6577c51c800218a7c764c532ae"));
    EXPECT_EQ(text(m, "doby", QStringLiteral("1900-01-01")), QStringLiteral("1900"));
    EXPECT_EQ(text(m, "doby", QStringLiteral("2026")), QStringLiteral("2026"));
}

TEST(AudienceRules, BadValuesAreDroppedWithTheirReason)
{
    const AudienceNormaliser& g = google();
    const AudienceNormaliser& m = meta();
    for (const char* bad : {"not-an-email", "a@b", "@example.com", "john@", "john@@example.com", "john..doe@example.com",
                            ".john@example.com", "john@example", "john@example.123", "john@-example.com", "jo\"hn@example.com"}) {
        EXPECT_EQ(dropped(g, "Email", QString::fromUtf8(bad)), DropReason::NotAnEmail) << bad;
        EXPECT_EQ(dropped(m, "email", QString::fromUtf8(bad)), DropReason::NotAnEmail) << bad;
    }
    EXPECT_EQ(dropped(m, "email", QStringLiteral("john doe@example.com")), DropReason::NotAnEmail) << "Meta only trims";
    EXPECT_EQ(dropped(g, "Email", QStringLiteral("+promo@gmail.com")), DropReason::NotAnEmail) << "nothing left of the local part";

    EXPECT_EQ(dropped(g, "Phone", QStringLiteral("12345"), QStringLiteral("US")), DropReason::NotAPhoneNumber);
    EXPECT_EQ(dropped(g, "Phone", QStringLiteral("+0000000000")), DropReason::NotAPhoneNumber);
    EXPECT_EQ(dropped(m, "phone", QStringLiteral("call me maybe"), QStringLiteral("US")), DropReason::NotAPhoneNumber);
    EXPECT_EQ(dropped(g, "Phone", QStringLiteral("(415) 555-0123")), DropReason::PhoneWithoutCountry);
    EXPECT_EQ(dropped(m, "phone", QStringLiteral("(415) 555-0123"), QStringLiteral("Mars")), DropReason::PhoneWithoutCountry);

    EXPECT_EQ(dropped(m, "fn", QStringLiteral("!!!")), DropReason::NoLetters);
    EXPECT_EQ(dropped(m, "ln", QStringLiteral("123")), DropReason::NoLetters);
    EXPECT_EQ(dropped(m, "ct", QStringLiteral("-")), DropReason::NoLetters);
    EXPECT_EQ(dropped(g, "Country", QStringLiteral("Germany")), DropReason::NotACountryCode);
    EXPECT_EQ(dropped(m, "country", QStringLiteral("XX")), DropReason::NotACountryCode);
    EXPECT_EQ(dropped(m, "st", QStringLiteral("Narnia"), QStringLiteral("US")), DropReason::NotAUsState);
    EXPECT_EQ(dropped(g, "Zip", QStringLiteral("9404"), QStringLiteral("US")), DropReason::NotAUsZipCode);
    EXPECT_EQ(dropped(m, "zip", QStringLiteral("ABCDE"), QStringLiteral("US")), DropReason::NotAUsZipCode);
    EXPECT_EQ(dropped(m, "zip", QStringLiteral("SW1A"), QStringLiteral("GB")), DropReason::NotAUkPostcode);
    EXPECT_EQ(dropped(m, "doby", QStringLiteral("1850")), DropReason::NotABirthYear);
    EXPECT_EQ(dropped(m, "doby", QStringLiteral("2027-01-01")), DropReason::NotABirthYear);
    EXPECT_EQ(dropped(m, "doby", QStringLiteral("85")), DropReason::NotABirthYear);
    EXPECT_EQ(dropped(m, "doby", QStringLiteral("19850412")), DropReason::NotABirthYear);

    // Unknown is not dropped: nothing to count.
    EXPECT_EQ(dropped(g, "Email", QString()), std::nullopt);
    EXPECT_EQ(dropped(g, "First Name", QStringLiteral("   ")), std::nullopt);
    EXPECT_TRUE(g.value(column(g, "First Name"), QStringLiteral("   "), {}).text.isEmpty());

    EXPECT_EQ(dropReasonText(DropReason::NotAnEmail), QStringLiteral("not an e-mail address"));
    EXPECT_EQ(dropReasonText(DropReason::NotAPhoneNumber), QStringLiteral("not a valid phone number"));
}

TEST(AudienceNormaliser, NormalisesAWholePersonInColumnOrder)
{
    CustomerIdentifiers p;
    p.userId = QStringLiteral("u-1");
    p.email = QStringLiteral("First.Last@GMail.com");
    p.phone = QStringLiteral("020 7183 8750");
    p.firstName = QStringLiteral("José");
    p.lastName = QStringLiteral("O'Brien");
    p.city = QStringLiteral("San Francisco");
    p.region = QStringLiteral("Greater London");
    p.postalCode = QStringLiteral("SW1A 1AA");
    p.country = QStringLiteral("gb");
    p.birthDate = QStringLiteral("1985-04-12");

    const NormalisedMember gm = google().normalise(p);
    EXPECT_EQ(gm.row.userId, QStringLiteral("u-1"));
    EXPECT_TRUE(gm.usable);
    EXPECT_TRUE(gm.dropped.isEmpty());
    EXPECT_EQ(gm.row.values, (QStringList{Sha256Hex::of(u"firstlast@gmail.com"), Sha256Hex::of(u"+442071838750"),
                                          Sha256Hex::of(u"josé"), Sha256Hex::of(u"o'brien"), QStringLiteral("GB"),
                                          QStringLiteral("SW1A 1AA")}));

    const NormalisedMember mm = meta().normalise(p);
    EXPECT_TRUE(mm.usable);
    EXPECT_TRUE(mm.dropped.isEmpty());
    EXPECT_EQ(mm.row.values, (QStringList{Sha256Hex::of(u"first.last@gmail.com"), Sha256Hex::of(u"442071838750"),
                                          Sha256Hex::of(u"josé"), Sha256Hex::of(u"obrien"), Sha256Hex::of(u"sanfrancisco"),
                                          Sha256Hex::of(u"greaterlondon"), Sha256Hex::of(u"sw1a1"), Sha256Hex::of(u"gb"),
                                          Sha256Hex::of(u"1985")}));
    // The same person hashes differently per platform (gmail dots, + in phones, country case).
    EXPECT_NE(gm.row.values.at(0), mm.row.values.at(0));
    EXPECT_NE(gm.row.digest(), mm.row.digest());
}

TEST(AudienceNormaliser, ReportsDroppedValuesAndNeedsAnIdentifyingKey)
{
    CustomerIdentifiers p;
    p.userId = QStringLiteral("u-2");
    p.email = QStringLiteral("nobody-at-example.com");
    p.phone = QStringLiteral("12");
    p.country = QStringLiteral("US");
    p.postalCode = QStringLiteral("94043");
    const NormalisedMember gm = google().normalise(p);
    EXPECT_FALSE(gm.usable) << "country and zip alone identify nobody";
    EXPECT_EQ(gm.dropped, (QList<DroppedValue>{{0, DropReason::NotAnEmail}, {1, DropReason::NotAPhoneNumber}}));
    EXPECT_EQ(gm.row.values, (QStringList{QString(), QString(), QString(), QString(), QStringLiteral("US"), QStringLiteral("94043")}));
    for (const QString& v : gm.row.values)
        EXPECT_FALSE(v.contains(QStringLiteral("nobody"))) << "a dropped value is never sent raw";

    p.lastName = QStringLiteral("Smith");
    EXPECT_FALSE(google().normalise(p).usable) << "Google uses an address only with both names";
    EXPECT_FALSE(meta().normalise(p).usable) << "Meta matches a last name only with a first name";
    p.firstName = QStringLiteral("Jo");
    EXPECT_TRUE(google().normalise(p).usable);
    EXPECT_TRUE(meta().normalise(p).usable);
    p.postalCode.clear();
    EXPECT_FALSE(google().normalise(p).usable) << "a name without the zip is no address";
    EXPECT_TRUE(meta().normalise(p).usable);
}

// What each platform matches on, the one rule the file, the pre-flight and the sync share.
TEST(AudienceNormaliser, RowsMatchOnAnEmailAPhoneOrTheNamesThePlatformUses)
{
    const QString h = Sha256Hex::of(u"x");
    // Google: Email, Phone, First Name, Last Name, Country, Zip.
    EXPECT_TRUE(audienceRowCanMatch(AudiencePlatform::Google, {h, {}, {}, {}, {}, {}}));
    EXPECT_TRUE(audienceRowCanMatch(AudiencePlatform::Google, {{}, h, {}, {}, {}, {}}));
    EXPECT_TRUE(audienceRowCanMatch(AudiencePlatform::Google, {{}, {}, h, h, QStringLiteral("US"), QStringLiteral("94043")}));
    EXPECT_FALSE(audienceRowCanMatch(AudiencePlatform::Google, {{}, {}, h, h, QStringLiteral("US"), {}}));
    EXPECT_FALSE(audienceRowCanMatch(AudiencePlatform::Google, {{}, {}, h, {}, QStringLiteral("US"), QStringLiteral("94043")}));
    EXPECT_FALSE(audienceRowCanMatch(AudiencePlatform::Google, {{}, {}, {}, {}, QStringLiteral("US"), QStringLiteral("94043")}));
    EXPECT_FALSE(audienceRowCanMatch(AudiencePlatform::Google, {}));
    // Meta: email, phone, fn, ln, ct, st, zip, country, doby.
    EXPECT_TRUE(audienceRowCanMatch(AudiencePlatform::Meta, {h, {}, {}, {}, {}, {}, {}, {}, {}}));
    EXPECT_TRUE(audienceRowCanMatch(AudiencePlatform::Meta, {{}, h, {}, {}, {}, {}, {}, {}, {}}));
    EXPECT_TRUE(audienceRowCanMatch(AudiencePlatform::Meta, {{}, {}, h, h, {}, {}, {}, {}, {}}));
    EXPECT_FALSE(audienceRowCanMatch(AudiencePlatform::Meta, {{}, {}, h, {}, h, h, h, h, h}));
    EXPECT_FALSE(audienceRowCanMatch(AudiencePlatform::Meta, {{}, {}, {}, {}, h, h, h, h, h}));
}

TEST(AudienceNormaliser, IsSafeToShareBetweenThreads)
{
    // The same person normalised on many threads at once gives one answer.
    CustomerIdentifiers p;
    p.userId = QStringLiteral("u-3");
    p.email = QStringLiteral("Some.One+x@gmail.com");
    p.phone = QStringLiteral("030 1234567");
    p.country = QStringLiteral("DE");
    const NormalisedMember expected = meta().normalise(p);
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i)
                if (!(meta().normalise(p) == expected))
                    ++mismatches;
        });
    for (std::thread& t : threads)
        t.join();
    EXPECT_EQ(mismatches.load(), 0);
}

// ---- the profile's validation ------------------------------------------------------------------

namespace {

QJsonObject googleJson()
{
    QFile f(QStringLiteral(":/activation/google.json"));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString profileError(const QJsonObject& o)
{
    const Result<RuleProfile> p = RuleProfile::fromJson(QJsonDocument(o).toJson(), QStringLiteral("test.json"));
    EXPECT_FALSE(p);
    if (p)
        return {};
    EXPECT_EQ(p.error().code, QStringLiteral("rule_profile_invalid"));
    EXPECT_FALSE(p.error().userMessage.contains(QLatin1Char('\n')));
    EXPECT_TRUE(p.error().userMessage.contains(QStringLiteral("test.json")));
    return p.error().userMessage;
}

QJsonObject withKey(QJsonObject o, int index, const QString& member, const QJsonValue& value)
{
    QJsonArray keys = o.value(QStringLiteral("keys")).toArray();
    QJsonObject key = keys.at(index).toObject();
    if (value.isUndefined())
        key.remove(member);
    else
        key.insert(member, value);
    keys.replace(index, key);
    o.insert(QStringLiteral("keys"), keys);
    return o;
}

} // namespace

TEST(RuleProfiles, RefuseBadProfilesWithAClearError)
{
    const QJsonObject good = googleJson();
    ASSERT_TRUE(RuleProfile::fromJson(QJsonDocument(good).toJson(), QStringLiteral("test.json")));

    const Result<RuleProfile> notJson = RuleProfile::fromJson("{ \"platform\": ", QStringLiteral("test.json"));
    ASSERT_FALSE(notJson);
    EXPECT_TRUE(notJson.error().userMessage.contains(QStringLiteral("not valid JSON")));

    const QString unknownOp = profileError(withKey(good, 0, QStringLiteral("operations"),
                                                   QJsonArray{QStringLiteral("trim"), QStringLiteral("strip_dots")}));
    EXPECT_TRUE(unknownOp.contains(QStringLiteral("unknown operation \"strip_dots\" in key Email"))) << unknownOp.toStdString();
    EXPECT_TRUE(unknownOp.contains(QStringLiteral("gmail_canonical"))) << "lists the known operations";

    QJsonObject noPlatform = good;
    noPlatform.insert(QStringLiteral("platform"), QStringLiteral("tiktok"));
    EXPECT_TRUE(profileError(noPlatform).contains(QStringLiteral("google or meta")));
    QJsonObject noVersion = good;
    noVersion.remove(QStringLiteral("version"));
    EXPECT_TRUE(profileError(noVersion).contains(QStringLiteral("version")));
    QJsonObject badDate = good;
    badDate.insert(QStringLiteral("checked"), QStringLiteral("last week"));
    EXPECT_TRUE(profileError(badDate).contains(QStringLiteral("checked")));
    QJsonObject noSources = good;
    noSources.insert(QStringLiteral("sources"), QJsonArray());
    EXPECT_TRUE(profileError(noSources).contains(QStringLiteral("sources")));

    QJsonObject swapped = good;
    QJsonArray keys = swapped.value(QStringLiteral("keys")).toArray();
    const QJsonValue first = keys.at(0);
    keys.replace(0, keys.at(1));
    keys.replace(1, first);
    swapped.insert(QStringLiteral("keys"), keys);
    EXPECT_TRUE(profileError(swapped).contains(QStringLiteral("Email,Phone,First Name,Last Name,Country,Zip in this order")));

    EXPECT_TRUE(profileError(withKey(good, 0, QStringLiteral("hashed"), false)).contains(QStringLiteral("unhashed")));
    EXPECT_TRUE(profileError(withKey(good, 2, QStringLiteral("hashed"), QJsonValue::Undefined)).contains(QStringLiteral("hashed")));
    EXPECT_TRUE(profileError(withKey(good, 0, QStringLiteral("field"), QStringLiteral("mail"))).contains(QStringLiteral("unknown field")));
    EXPECT_TRUE(profileError(withKey(good, 0, QStringLiteral("hashd"), true)).contains(QStringLiteral("unknown member \"hashd\"")));
    EXPECT_TRUE(profileError(withKey(good, 2, QStringLiteral("operations"), QJsonArray{QStringLiteral("phone_e164_plus")}))
                    .contains(QStringLiteral("phone operation")));
    EXPECT_TRUE(profileError(withKey(good, 3, QStringLiteral("operations"), QJsonArray{QStringLiteral("gmail_canonical")}))
                    .contains(QStringLiteral("e-mail operation")));
    EXPECT_TRUE(profileError(withKey(good, 1, QStringLiteral("operations"), QJsonArray())).contains(QStringLiteral("operations")));

    QJsonObject nobody = good;
    QJsonArray plain = nobody.value(QStringLiteral("keys")).toArray();
    for (int i = 0; i < plain.size(); ++i) {
        QJsonObject k = plain.at(i).toObject();
        k.insert(QStringLiteral("identifies"), false);
        plain.replace(i, k);
    }
    nobody.insert(QStringLiteral("keys"), plain);
    EXPECT_TRUE(profileError(nobody).contains(QStringLiteral("identifies")));

    const Result<RuleProfile> missing = RuleProfile::loadFile(QStringLiteral("/nonexistent/rules.json"));
    ASSERT_FALSE(missing);
    EXPECT_TRUE(missing.error().userMessage.contains(QStringLiteral("rules.json")));
}
