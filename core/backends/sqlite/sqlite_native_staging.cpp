#include "backends/sqlite/sqlite_native_staging.h"

#include <sqlite3.h>

#include <bitset>
#include <string>
#include <string_view>
#include <unordered_set>

#include <QSqlDriver>

#include "backends/sqlite/sqlite_functions.h"
#include "backends/sqlite/sqlite_sql.h"
#include "backends/sqlite/sqlite_statement.h"
#include "sql/pipeline_sql.h"

namespace core {

namespace {

using CharacterClass = std::bitset<256>;
using Values = std::unordered_set<std::string_view>;

const PipelineSql kSql(SqlTarget{SqlDialect::Sqlite, {}});

// A value of a bronze row: its text, or none for SQL NULL.
struct Field
{
    std::string_view text;
    bool null = true;
};

CharacterClass characters(std::string_view ranges)
{
    CharacterClass out;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        if (i + 2 < ranges.size() && ranges[i + 1] == '-') {
            for (int c = static_cast<unsigned char>(ranges[i]); c <= static_cast<unsigned char>(ranges[i + 2]); ++c)
                out.set(static_cast<std::size_t>(c));
            i += 2;
        } else {
            out.set(static_cast<unsigned char>(ranges[i]));
        }
    }
    return out;
}

const CharacterClass kDigits = characters("0-9");
const CharacterClass kInterestCharacters = characters("a-z0-9_.|");

bool only(std::string_view text, const CharacterClass& allowed)
{
    for (char c : text) {
        if (!allowed.test(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

// SQLite's trim(x): spaces (only U+0020) off both ends.
std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

// SQLite's lower() and upper() without ICU: ASCII letters only.
std::string& lowered(std::string_view text, std::string& out)
{
    out.assign(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string& uppered(std::string_view text, std::string& out)
{
    out.assign(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

char folded(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// text LIKE pattern as SQLite's LIKE (case-insensitive for ASCII, % and _, no escape), for text
// of ASCII characters (it is a catalogue region code whenever it matters).
bool like(std::string_view text, std::string_view pattern)
{
    if (pattern.empty())
        return text.empty();
    if (pattern.front() == '%') {
        for (std::size_t at = 0; at <= text.size(); ++at) {
            if (like(text.substr(at), pattern.substr(1)))
                return true;
        }
        return false;
    }
    if (text.empty())
        return false;
    if (pattern.front() != '_' && folded(pattern.front()) != folded(text.front()))
        return false;
    return like(text.substr(1), pattern.substr(1));
}

// The digits of a text (at most 18) as a number.
sqlite3_int64 number(std::string_view digits)
{
    sqlite3_int64 n = 0;
    for (char c : digits)
        n = n * 10 + (c - '0');
    return n;
}

const char* ageBucket(sqlite3_int64 age)
{
    if (age >= 18 && age <= 24)
        return "18-24";
    if (age >= 25 && age <= 34)
        return "25-34";
    if (age >= 35 && age <= 44)
        return "35-44";
    if (age >= 45 && age <= 54)
        return "45-54";
    if (age >= 55 && age <= 64)
        return "55-64";
    if (age >= 65 && age <= 120)
        return "65+";
    return nullptr;
}

} // namespace

SqliteNativeStaging::SqliteNativeStaging(QSqlDatabase& db) : m_db(db) {}

Result<qint64> SqliteNativeStaging::stage(const QString& action)
{
    for (const auto& statement : kSql.sqliteStagingTable()) {
        auto q = SqliteSql::exec(m_db, statement.sql.sql, statement.sql.params, action);
        if (!q)
            return q.error();
    }
    // The catalogue's values (ref_values, loaded by the refresh) per dimension.
    std::unordered_set<std::string> storage;
    Values ages, countries, regions, devices, events;
    {
        const BoundSql sql = kSql.referenceRows();
        auto q = SqliteSql::exec(m_db, sql.sql, sql.params, action);
        if (!q)
            return q.error();
        while (q.value().next()) {
            const QString dimension = q.value().value(0).toString();
            const std::string_view value = *storage.insert(q.value().value(1).toString().toStdString()).first;
            if (dimension == QLatin1String("age"))
                ages.insert(value);
            else if (dimension == QLatin1String("country"))
                countries.insert(value);
            else if (dimension == QLatin1String("region"))
                regions.insert(value);
            else if (dimension == QLatin1String("device"))
                devices.insert(value);
            else if (dimension == QLatin1String("event"))
                events.insert(value);
        }
    }
    sqlite3* connection = sqliteConnection(m_db);
    auto failed = [&]() {
        return Error::storage(QStringLiteral("Could not %1.").arg(action), QString::fromUtf8(sqlite3_errmsg(connection)));
    };
    SqliteStatement read;
    SqliteStatement write;
    const QByteArray readSql = kSql.sqliteRawClaimedRows().sql.toUtf8();
    const QByteArray writeSql = kSql.sqliteStagingInsert().sql.toUtf8();
    if (sqlite3_prepare_v2(connection, readSql.constData(), -1, read.out(), nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(connection, writeSql.constData(), -1, write.out(), nullptr) != SQLITE_OK)
        return failed();
    sqlite3_stmt* in = read.get();
    sqlite3_stmt* out = write.get();
    std::string country, region, scratch;
    char time[32];
    qint64 rows = 0;
    auto field = [&](int column) {
        Field f;
        if (sqlite3_column_type(in, column) == SQLITE_NULL)
            return f;
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(in, column));
        f.text = std::string_view(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(in, column)));
        f.null = false;
        return f;
    };
    auto bindText = [&](int parameter, std::string_view text) {
        sqlite3_bind_text(out, parameter, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    };
    // NULLIF(trim(x), '')
    auto bindPresent = [&](int parameter, const Field& f) {
        const std::string_view t = trimmed(f.text);
        if (f.null || t.empty())
            sqlite3_bind_null(out, parameter);
        else
            bindText(parameter, t);
    };
    // CASE WHEN lower(trim(x)) IN values THEN lower(trim(x)) END
    auto bindKnownLower = [&](int parameter, const Field& f, const Values& known) {
        if (!f.null && known.count(lowered(trimmed(f.text), scratch)))
            bindText(parameter, scratch);
        else
            sqlite3_bind_null(out, parameter);
    };
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(in)) == SQLITE_ROW) {
        for (int column = 0; column < 4; ++column) // batch, line, file, ingest time as they are
            sqlite3_bind_value(out, column + 1, sqlite3_column_value(in, column));
        bindPresent(5, field(4)); // event_id
        const Field eventTime = field(5);
        const std::string_view timeText = trimmed(eventTime.text);
        if (!eventTime.null &&
            SqliteFunctions::utcTime(reinterpret_cast<const unsigned char*>(timeText.data()),
                                     static_cast<int>(timeText.size()), time))
            bindText(6, time);
        else
            sqlite3_bind_null(out, 6);
        bindPresent(7, field(6)); // advertiser_id
        const Field campaign = field(7);
        if (campaign.null || trimmed(campaign.text).empty())
            bindText(8, "unknown");
        else
            bindText(8, trimmed(campaign.text));
        bindPresent(9, field(8)); // user_id
        const Field age = field(9);
        const std::string_view ageText = trimmed(age.text);
        if (!age.null && ages.count(ageText)) {
            bindText(10, ageText);
        } else if (!age.null && !ageText.empty() && only(ageText, kDigits) && ageText.size() <= 3) {
            if (const char* bucket = ageBucket(number(ageText)))
                bindText(10, bucket);
            else
                sqlite3_bind_null(out, 10);
        } else {
            sqlite3_bind_null(out, 10);
        }
        const Field gender = field(10);
        lowered(gender.null ? std::string_view() : trimmed(gender.text), scratch);
        if (scratch == "female" || scratch == "f")
            bindText(11, "female");
        else if (scratch == "male" || scratch == "m")
            bindText(11, "male");
        else if (scratch == "unknown" || scratch == "u" || scratch.empty())
            bindText(11, "unknown");
        else
            sqlite3_bind_null(out, 11);
        const Field countryField = field(11);
        if (!countryField.null)
            uppered(trimmed(countryField.text), country);
        if (!countryField.null && countries.count(country))
            bindText(12, country);
        else
            sqlite3_bind_null(out, 12);
        const Field regionField = field(12);
        if (regionField.null || trimmed(regionField.text).empty()) {
            bindText(13, "");
        } else {
            uppered(trimmed(regionField.text), region);
            // upper(trim(region)) LIKE upper(trim(country)) || '-%': NULL (not a match) without a country
            if (regions.count(region) && !countryField.null && like(region, country + "-%"))
                bindText(13, region);
            else
                sqlite3_bind_null(out, 13);
        }
        bindKnownLower(14, field(13), devices);
        const Field interests = field(14);
        lowered(interests.null ? std::string_view() : trimmed(interests.text), scratch);
        if (only(scratch, kInterestCharacters))
            bindText(15, scratch);
        else
            sqlite3_bind_null(out, 15);
        bindKnownLower(16, field(15), events);
        const Field cost = field(16);
        const std::string_view costText = trimmed(cost.text);
        if (cost.null || costText.empty())
            sqlite3_bind_int64(out, 17, 0);
        else if (only(costText, kDigits) && costText.size() <= 18)
            sqlite3_bind_int64(out, 17, number(costText));
        else
            sqlite3_bind_null(out, 17);
        if (sqlite3_step(out) != SQLITE_DONE)
            return failed();
        sqlite3_reset(out);
        ++rows;
    }
    if (step != SQLITE_DONE)
        return failed();
    return rows;
}

} // namespace core
