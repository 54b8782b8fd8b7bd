#include "demo/demo_identifiers.h"

#include <array>
#include <random>

#include <QHash>

namespace core {

namespace {

// A city of a region and how its postal codes look: '#' a digit, '@' a letter of UK inward codes.
struct DemoPlace
{
    const char* region;
    const char* city;
    const char* postalPattern;
};

const DemoPlace kPlaces[] = {
    // United States: one city per state, 5-digit ZIP codes of its area.
    {"US-AK", "Anchorage", "995##"}, {"US-AL", "Birmingham", "352##"}, {"US-AR", "Little Rock", "722##"},
    {"US-AZ", "Phoenix", "850##"}, {"US-CA", "Los Angeles", "900##"}, {"US-CO", "Denver", "802##"},
    {"US-CT", "Hartford", "061##"}, {"US-DC", "Washington", "200##"}, {"US-DE", "Wilmington", "198##"},
    {"US-FL", "Miami", "331##"}, {"US-GA", "Atlanta", "303##"}, {"US-HI", "Honolulu", "968##"},
    {"US-IA", "Des Moines", "503##"}, {"US-ID", "Boise", "837##"}, {"US-IL", "Chicago", "606##"},
    {"US-IN", "Indianapolis", "462##"}, {"US-KS", "Wichita", "672##"}, {"US-KY", "Louisville", "402##"},
    {"US-LA", "New Orleans", "701##"}, {"US-MA", "Boston", "021##"}, {"US-MD", "Baltimore", "212##"},
    {"US-ME", "Portland", "041##"}, {"US-MI", "Detroit", "482##"}, {"US-MN", "Minneapolis", "554##"},
    {"US-MO", "Kansas City", "641##"}, {"US-MS", "Jackson", "392##"}, {"US-MT", "Billings", "591##"},
    {"US-NC", "Charlotte", "282##"}, {"US-ND", "Fargo", "581##"}, {"US-NE", "Omaha", "681##"},
    {"US-NH", "Manchester", "031##"}, {"US-NJ", "Newark", "071##"}, {"US-NM", "Albuquerque", "871##"},
    {"US-NV", "Las Vegas", "891##"}, {"US-NY", "New York", "100##"}, {"US-OH", "Columbus", "432##"},
    {"US-OK", "Oklahoma City", "731##"}, {"US-OR", "Portland", "972##"}, {"US-PA", "Philadelphia", "191##"},
    {"US-RI", "Providence", "029##"}, {"US-SC", "Columbia", "292##"}, {"US-SD", "Sioux Falls", "571##"},
    {"US-TN", "Nashville", "372##"}, {"US-TX", "Houston", "770##"}, {"US-UT", "Salt Lake City", "841##"},
    {"US-VA", "Richmond", "232##"}, {"US-VT", "Burlington", "054##"}, {"US-WA", "Seattle", "981##"},
    {"US-WI", "Milwaukee", "532##"}, {"US-WV", "Charleston", "253##"}, {"US-WY", "Cheyenne", "820##"},
    // Canada: forward sortation area and local delivery unit.
    {"CA-AB", "Calgary", "T2P #@#"}, {"CA-BC", "Vancouver", "V6B #@#"}, {"CA-MB", "Winnipeg", "R3C #@#"},
    {"CA-NB", "Moncton", "E1C #@#"}, {"CA-NL", "St. John's", "A1C #@#"}, {"CA-NS", "Halifax", "B3H #@#"},
    {"CA-NT", "Yellowknife", "X1A #@#"}, {"CA-NU", "Iqaluit", "X0A #@#"}, {"CA-ON", "Toronto", "M5V #@#"},
    {"CA-PE", "Charlottetown", "C1A #@#"}, {"CA-QC", "Montréal", "H2X #@#"}, {"CA-SK", "Saskatoon", "S7K #@#"},
    {"CA-YT", "Whitehorse", "Y1A #@#"},
    // United Kingdom: outward code and inward code.
    {"GB-ENG", "London", "SE1 #@@"}, {"GB-SCT", "Edinburgh", "EH1 #@@"}, {"GB-WLS", "Cardiff", "CF10 #@@"},
    {"GB-NIR", "Belfast", "BT1 #@@"},
    // Australia.
    {"AU-ACT", "Canberra", "26##"}, {"AU-NSW", "Sydney", "20##"}, {"AU-NT", "Darwin", "08##"},
    {"AU-QLD", "Brisbane", "40##"}, {"AU-SA", "Adelaide", "50##"}, {"AU-TAS", "Hobart", "70##"},
    {"AU-VIC", "Melbourne", "30##"}, {"AU-WA", "Perth", "60##"},
    // Germany.
    {"DE-BB", "Potsdam", "144##"}, {"DE-BE", "Berlin", "101##"}, {"DE-BW", "Stuttgart", "701##"},
    {"DE-BY", "München", "803##"}, {"DE-HB", "Bremen", "281##"}, {"DE-HE", "Frankfurt am Main", "603##"},
    {"DE-HH", "Hamburg", "203##"}, {"DE-MV", "Rostock", "180##"}, {"DE-NI", "Hannover", "301##"},
    {"DE-NW", "Köln", "506##"}, {"DE-RP", "Mainz", "551##"}, {"DE-SH", "Kiel", "241##"},
    {"DE-SL", "Saarbrücken", "661##"}, {"DE-SN", "Dresden", "010##"}, {"DE-ST", "Magdeburg", "391##"},
    {"DE-TH", "Erfurt", "990##"},
    // France.
    {"FR-20R", "Ajaccio", "200##"}, {"FR-ARA", "Lyon", "690##"}, {"FR-BFC", "Dijon", "210##"},
    {"FR-BRE", "Rennes", "350##"}, {"FR-CVL", "Orléans", "450##"}, {"FR-GES", "Strasbourg", "670##"},
    {"FR-HDF", "Lille", "590##"}, {"FR-IDF", "Paris", "750##"}, {"FR-NAQ", "Bordeaux", "330##"},
    {"FR-NOR", "Rouen", "760##"}, {"FR-OCC", "Toulouse", "310##"}, {"FR-PAC", "Marseille", "130##"},
    {"FR-PDL", "Nantes", "440##"},
    // Spain, Italy, Japan, Brazil, India, Mexico: their largest regions.
    {"ES-MD", "Madrid", "280##"}, {"ES-CT", "Barcelona", "080##"}, {"ES-AN", "Sevilla", "410##"},
    {"ES-VC", "Valencia", "460##"}, {"ES-PV", "Bilbao", "480##"},
    {"IT-25", "Milano", "201##"}, {"IT-62", "Roma", "001##"}, {"IT-72", "Napoli", "801##"},
    {"IT-21", "Torino", "101##"}, {"IT-52", "Firenze", "501##"}, {"IT-82", "Palermo", "901##"},
    {"JP-13", "Tokyo", "1##-####"}, {"JP-27", "Osaka", "530-####"}, {"JP-14", "Yokohama", "220-####"},
    {"JP-23", "Nagoya", "450-####"}, {"JP-01", "Sapporo", "060-####"}, {"JP-40", "Fukuoka", "810-####"},
    {"JP-26", "Kyoto", "600-####"},
    {"BR-SP", "São Paulo", "01###-###"}, {"BR-RJ", "Rio de Janeiro", "20###-###"},
    {"BR-MG", "Belo Horizonte", "30###-###"}, {"BR-BA", "Salvador", "40###-###"},
    {"BR-RS", "Porto Alegre", "90###-###"}, {"BR-PR", "Curitiba", "80###-###"}, {"BR-DF", "Brasília", "70###-###"},
    {"IN-MH", "Mumbai", "4000##"}, {"IN-DL", "New Delhi", "1100##"}, {"IN-KA", "Bengaluru", "5600##"},
    {"IN-TN", "Chennai", "6000##"}, {"IN-WB", "Kolkata", "7000##"}, {"IN-TS", "Hyderabad", "5000##"},
    {"IN-GJ", "Ahmedabad", "3800##"},
    {"MX-CMX", "Ciudad de México", "06###"}, {"MX-JAL", "Guadalajara", "44###"}, {"MX-NLE", "Monterrey", "64###"},
    {"MX-PUE", "Puebla", "72###"}, {"MX-YUC", "Mérida", "97###"},
};

// Given names (female, male) and family names of a language group.
struct DemoNames
{
    std::array<const char*, 6> female;
    std::array<const char*, 6> male;
    std::array<const char*, 10> family;
};

const DemoNames kEnglish{{"Emma", "Olivia", "Sophie", "Grace", "Chloe", "Hannah"},
                         {"James", "Oliver", "Liam", "Noah", "Jack", "Ethan"},
                         {"Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Walker", "Clarke",
                          "O'Neill"}};
const DemoNames kGerman{{"Anna", "Lena", "Marie", "Lea", "Sophie", "Jana"},
                        {"Lukas", "Jonas", "Leon", "Felix", "Paul", "Maximilian"},
                        {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                         "Hoffmann"}};
const DemoNames kFrench{{"Camille", "Léa", "Chloé", "Manon", "Inès", "Juliette"},
                        {"Lucas", "Hugo", "Louis", "Gabriel", "Théo", "Jules"},
                        {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
                         "Moreau"}};
const DemoNames kSpanish{{"Lucía", "María", "Paula", "Sofía", "Valentina", "Camila"},
                         {"Hugo", "Mateo", "Pablo", "Alejandro", "Diego", "Santiago"},
                         {"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
                          "Hernández", "Ramírez"}};
const DemoNames kItalian{{"Giulia", "Sofia", "Aurora", "Alice", "Ginevra", "Chiara"},
                         {"Leonardo", "Francesco", "Lorenzo", "Alessandro", "Matteo", "Andrea"},
                         {"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
                          "Greco"}};
const DemoNames kJapanese{{"Yui", "Hina", "Sakura", "Aoi", "Yuna", "Haruka"},
                          {"Haruto", "Sota", "Yuto", "Hiroshi", "Kenji", "Takumi"},
                          {"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
                           "Kobayashi", "Kato"}};
const DemoNames kPortuguese{{"Ana", "Beatriz", "Júlia", "Mariana", "Larissa", "Gabriela"},
                            {"João", "Pedro", "Lucas", "Gustavo", "Rafael", "Miguel"},
                            {"Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida",
                             "Nascimento", "Lima"}};
const DemoNames kIndian{{"Priya", "Ananya", "Diya", "Aditi", "Kavya", "Isha"},
                        {"Aarav", "Vivaan", "Arjun", "Rohan", "Vikram", "Rahul"},
                        {"Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Das"}};

const DemoNames& namesOf(const QString& country)
{
    static const QHash<QString, const DemoNames*> byCountry{
        {QStringLiteral("DE"), &kGerman},   {QStringLiteral("FR"), &kFrench},     {QStringLiteral("ES"), &kSpanish},
        {QStringLiteral("MX"), &kSpanish},  {QStringLiteral("IT"), &kItalian},    {QStringLiteral("JP"), &kJapanese},
        {QStringLiteral("BR"), &kPortuguese}, {QStringLiteral("IN"), &kIndian}};
    return *byCountry.value(country, &kEnglish);
}

// mt19937_64's sequence is fixed by the standard; the draws are made here, not by the library.
class Draw
{
public:
    explicit Draw(quint64 seed) : m_engine(seed) {}
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    int below(int n) { return static_cast<int>(uniform() * n); }
    bool chance(double p) { return uniform() < p; }
    template <typename T, std::size_t N> T pick(const std::array<T, N>& items)
    {
        return items[static_cast<std::size_t>(below(static_cast<int>(N)))];
    }

private:
    std::mt19937_64 m_engine;
};

// The local part of an e-mail address from names: ASCII letters only ("Müller" → "muller").
QString asciiLetters(const QString& text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_D)) {
        if (c.unicode() < 128 && c.isLetter())
            out.append(c.toLower());
    }
    return out;
}

QString postalCode(const char* pattern, Draw& draw)
{
    static const QString inwardLetters = QStringLiteral("ABDEFGHJLNPQRSTUWXYZ");
    QString out;
    for (const char* p = pattern; *p; ++p) {
        if (*p == '#')
            out.append(QChar(u'0' + draw.below(10)));
        else if (*p == '@')
            out.append(inwardLetters.at(draw.below(static_cast<int>(inwardLetters.size()))));
        else
            out.append(QLatin1Char(*p));
    }
    return out;
}

// A number from the ranges reserved for fiction, international or national; empty where the
// demo knows no such range.
QString fictionalPhone(const QString& country, const QString& region, Draw& draw, bool national)
{
    const auto two = [&draw] { return QStringLiteral("%1").arg(draw.below(100), 2, 10, QLatin1Char('0')); };
    if (country == QLatin1String("US") || country == QLatin1String("CA")) {
        static const std::array<const char*, 8> us{"212", "213", "312", "415", "512", "617", "206", "305"};
        static const std::array<const char*, 4> ca{"416", "604", "514", "403"};
        const QString area = QLatin1String(country == QLatin1String("US") ? draw.pick(us) : draw.pick(ca));
        return national ? QStringLiteral("(%1) 555-01%2").arg(area, two()) : QStringLiteral("+1 %1-555-01%2").arg(area, two());
    }
    if (country == QLatin1String("GB")) {
        const QString last = QStringLiteral("%1").arg(draw.below(1000), 3, 10, QLatin1Char('0'));
        return national ? QStringLiteral("07700 900%1").arg(last) : QStringLiteral("+44 7700 900%1").arg(last);
    }
    if (country == QLatin1String("AU")) {
        const QString trunk = region == QLatin1String("AU-VIC") || region == QLatin1String("AU-TAS") ? QStringLiteral("3")
                              : region == QLatin1String("AU-QLD")                                      ? QStringLiteral("7")
                              : region == QLatin1String("AU-SA") || region == QLatin1String("AU-WA") ||
                                      region == QLatin1String("AU-NT")
                                  ? QStringLiteral("8")
                                  : QStringLiteral("2");
        const QString last = QStringLiteral("%1").arg(draw.below(10000), 4, 10, QLatin1Char('0'));
        return national ? QStringLiteral("(0%1) 5550 %2").arg(trunk, last) : QStringLiteral("+61 %1 5550 %2").arg(trunk, last);
    }
    return {};
}

// The region as a customer database would hold it: the state code in the US, Canada and
// Australia ("CA", "ON", "NSW"), the region's name elsewhere.
QString regionText(const QString& country, const QString& region, const Catalogue& catalogue)
{
    if (region.isEmpty())
        return {};
    if (country == QLatin1String("US") || country == QLatin1String("CA") || country == QLatin1String("AU"))
        return region.section(QLatin1Char('-'), 1);
    const Catalogue::Entry* entry = catalogue.find(Dimension::Region, region);
    return entry ? entry->label : QString();
}

QString birthDate(const QString& ageBucket, QDate endDate, Draw& draw)
{
    int youngest = 18;
    int oldest = 90;
    const QStringList bounds = ageBucket.split(QLatin1Char('-'));
    if (bounds.size() == 2) {
        youngest = bounds.at(0).toInt();
        oldest = bounds.at(1).toInt();
    } else if (ageBucket.endsWith(QLatin1Char('+'))) {
        youngest = ageBucket.chopped(1).toInt();
    }
    const int age = youngest + draw.below(oldest - youngest + 1);
    // Born between age+1 years and age years before the end date.
    const QDate latest = endDate.addYears(-age);
    return latest.addDays(-draw.below(365)).toString(Qt::ISODate);
}

} // namespace

QList<CustomerIdentifiers> DemoIdentifiers::generate(quint64 seed, QDate endDate, const QList<DemoPerson>& people,
                                                     const Catalogue& catalogue)
{
    QHash<QString, const DemoPlace*> placeOf;
    for (const auto& place : kPlaces)
        placeOf.insert(QLatin1String(place.region), &place);
    Draw draw(seed ^ 0x1d3e7f4a5b6c8d9eULL); // its own sequence: the events' draws stay as they were
    QList<CustomerIdentifiers> out;
    out.reserve(people.size());
    qint64 serial = 0;
    for (const DemoPerson& person : people) {
        if (!draw.chance(0.9))
            continue; // not in the customer database
        ++serial;
        CustomerIdentifiers row;
        row.userId = person.userId;
        const DemoNames& names = namesOf(person.country);
        const bool female = person.gender == QLatin1String("female") ||
                            (person.gender != QLatin1String("male") && draw.chance(0.5));
        const QString first = QString::fromUtf8(female ? draw.pick(names.female) : draw.pick(names.male));
        const QString last = QString::fromUtf8(draw.pick(names.family));
        if (draw.chance(0.85)) {
            row.firstName = first;
            row.lastName = last;
        }
        if (draw.chance(0.9)) {
            const QString number = QString::number(person.userId.mid(1).toLongLong()); // "u000123" → "123"
            const QString f = asciiLetters(first);
            const QString l = asciiLetters(last);
            QString local;
            switch (draw.below(4)) {
            case 0: local = f + QLatin1Char('.') + l; break;
            case 1: local = f + l; break;
            case 2: local = f.left(1) + QLatin1Char('.') + l; break;
            default: local = f + QLatin1Char('_') + l; break;
            }
            local += number;
            const QString domain = draw.chance(0.5) ? QStringLiteral("example.com") : QStringLiteral("example.org");
            row.email = local + QLatin1Char('@') + domain;
            const auto capital = [](const QString& word) { return word.left(1).toUpper() + word.mid(1); };
            if (draw.chance(0.06)) // typed with capitals, as people do
                row.email = capital(f) + QLatin1Char('.') + capital(l) + number + QStringLiteral("@Example.") +
                            domain.section(QLatin1Char('.'), 1);
            if (serial % 211 == 0)
                row.email = local + QLatin1Char('.') + domain; // no @: the platforms refuse it
            else if (serial % 307 == 0)
                row.email = local + QStringLiteral("@@") + domain;
        }
        if (draw.chance(0.7)) {
            row.phone = fictionalPhone(person.country, person.region, draw, draw.chance(0.4));
            if (!row.phone.isEmpty() && serial % 173 == 0)
                row.phone = QStringLiteral("+1 555"); // too short to be a number
        }
        const bool withCountry = !draw.chance(0.04);
        if (withCountry)
            row.country = draw.chance(0.03) ? person.country.toLower() : person.country;
        if (draw.chance(0.8)) {
            row.region = regionText(person.country, person.region, catalogue);
            if (const DemoPlace* place = placeOf.value(person.region)) {
                row.city = QString::fromUtf8(place->city);
                if (draw.chance(0.9))
                    row.postalCode = postalCode(place->postalPattern, draw);
            }
        }
        if (draw.chance(0.6))
            row.birthDate = birthDate(person.ageBucket, endDate, draw);
        out.append(row);
    }
    return out;
}

} // namespace core
