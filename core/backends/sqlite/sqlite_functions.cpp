#include "backends/sqlite/sqlite_functions.h"
#include "backends/sqlite/sqlite_statement.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>
#include <sqlite3.h>

#include <QSqlDriver>
#include <QString>
#include <QVariant>

#include "domain/experiment_assignment.h"

namespace core {

namespace {

using CharacterClass = std::bitset<256>;

// "a-z0-9_." → the set of those bytes.
CharacterClass parseClass(const unsigned char* spec, int length)
{
    CharacterClass out;
    for (int i = 0; i < length; ++i) {
        if (i + 2 < length && spec[i + 1] == '-') {
            for (int c = spec[i]; c <= spec[i + 2]; ++c)
                out.set(static_cast<std::size_t>(c));
            i += 2;
        } else {
            out.set(spec[i]);
        }
    }
    return out;
}

// sb_contains: glibc's memmem (a two-way search) where SQLite's instr() calls memcmp at every
// byte of the text; a comparison of six segments asks it about twenty times per person.
void contains(sqlite3_context* context, int, sqlite3_value** argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const unsigned char* text = sqlite3_value_text(argv[0]);
    const int textLength = sqlite3_value_bytes(argv[0]);
    const unsigned char* needle = sqlite3_value_text(argv[1]);
    const int needleLength = sqlite3_value_bytes(argv[1]);
    if (!text || !needle) { // out of memory converting to text
        sqlite3_result_error_nomem(context);
        return;
    }
    sqlite3_result_int(context, memmem(text, static_cast<std::size_t>(textLength), needle,
                                       static_cast<std::size_t>(needleLength)) != nullptr);
}

void onlyCharacters(sqlite3_context* context, int, sqlite3_value** argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return sqlite3_result_null(context);
    // The class is a constant of the statement: parsed once, kept with the statement.
    auto* allowed = static_cast<CharacterClass*>(sqlite3_get_auxdata(context, 1));
    if (!allowed) {
        const auto* spec = sqlite3_value_text(argv[1]);
        allowed = new CharacterClass(parseClass(spec, sqlite3_value_bytes(argv[1])));
        sqlite3_set_auxdata(context, 1, allowed, [](void* p) { delete static_cast<CharacterClass*>(p); });
        allowed = static_cast<CharacterClass*>(sqlite3_get_auxdata(context, 1));
        if (!allowed) // SQLite could not keep it (out of memory): it was deleted
            return sqlite3_result_error_nomem(context);
    }
    const auto* text = sqlite3_value_text(argv[0]);
    const int length = sqlite3_value_bytes(argv[0]);
    for (int i = 0; i < length; ++i) {
        if (!allowed->test(text[i]))
            return sqlite3_result_int(context, 0);
    }
    sqlite3_result_int(context, 1);
}

// --- ISO 8601 → UTC ------------------------------------------------------------------------

bool isDigit(unsigned char c)
{
    return c >= '0' && c <= '9';
}
bool isSpace(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
} // SQLite's sqlite3Isspace

// The number in text[at, at + digits) when all are digits, else -1.
int digitsAt(const unsigned char* text, int at, int digits)
{
    int value = 0;
    for (int i = at; i < at + digits; ++i) {
        if (!isDigit(text[i]))
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

bool leapYear(std::int64_t y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int daysInMonth(std::int64_t y, int m)
{
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leapYear(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// Days since 1970-01-01 of a proleptic Gregorian day, and back (H. Hinnant's algorithms).
std::int64_t daysFromCivil(std::int64_t y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil
{
    std::int64_t y;
    int m;
    int d;
};

Civil civilFromDays(std::int64_t z)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

constexpr std::int64_t kMsPerDay = 86400000;

// Text (trimmed of spaces by the caller, not necessarily of other white space) as the UTC time
// in out ("YYYY-MM-DDTHH:MM:SSZ" or with a negative year "-YYY-…"), false when it is not an
// ISO 8601 time. Follows SQLite's date parser where it accepts more than the standard form
// (white space before and after the zone, 'z'), so the result is what strftime() gives.
bool utcTime(const unsigned char* t, int length, char (&out)[32])
{
    if (length < 19 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') || t[13] != ':' ||
        t[16] != ':')
        return false;
    const int year = digitsAt(t, 0, 4);
    const int month = digitsAt(t, 5, 2);
    const int day = digitsAt(t, 8, 2);
    const int hour = digitsAt(t, 11, 2);
    const int minute = digitsAt(t, 14, 2);
    const int second = digitsAt(t, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 ||
        hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
        return false;
    int at = 19;
    double fraction = 0.0; // as SQLite accumulates it, so the truncation below agrees
    if (at + 1 < length && t[at] == '.' && isDigit(t[at + 1])) {
        double scale = 1.0;
        for (++at; at < length && isDigit(t[at]); ++at) {
            fraction = fraction * 10.0 + (t[at] - '0');
            scale *= 10.0;
        }
        fraction /= scale;
    }
    while (at < length && isSpace(t[at]))
        ++at;
    int zoneMinutes = 0;
    if (at < length) {
        if (t[at] == 'Z' || t[at] == 'z') {
            ++at;
        } else if (t[at] == '+' || t[at] == '-') {
            if (at + 6 > length || t[at + 3] != ':')
                return false;
            const int zoneHours = digitsAt(t, at + 1, 2);
            const int zoneMins = digitsAt(t, at + 4, 2);
            if (zoneHours < 0 || zoneHours > 14 || zoneMins < 0 || zoneMins > 59)
                return false;
            zoneMinutes = (t[at] == '-' ? -1 : 1) * (zoneHours * 60 + zoneMins);
            at += 6;
        } else {
            return false;
        }
        while (at < length && isSpace(t[at]))
            ++at;
        if (at != length)
            return false;
    }
    // SQLite rounds to the millisecond to check the range and to move a time by its zone, but
    // prints a time without a zone from its fields as parsed (the fraction truncated).
    const auto secondsMs = static_cast<std::int64_t>((second + fraction) * 1000 + 0.5);
    std::int64_t ms = daysFromCivil(year, month, day) * kMsPerDay + hour * 3600000LL + minute * 60000LL +
                      secondsMs - zoneMinutes * 60000LL;
    if (ms >= daysFromCivil(10000, 1, 1) * kMsPerDay) // beyond 9999-12-31: SQLite has no such time
        return false;
    if (zoneMinutes == 0) {
        std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute,
                      second);
        return true;
    }
    std::int64_t days = ms / kMsPerDay;
    std::int64_t msOfDay = ms % kMsPerDay;
    if (msOfDay < 0) {
        msOfDay += kMsPerDay;
        --days;
    }
    const Civil c = civilFromDays(days);
    const auto s = static_cast<int>(msOfDay / 1000);
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(c.y), c.m, c.d,
                  s / 3600, s / 60 % 60, s % 60);
    return true;
}

void utcTimeFunction(sqlite3_context* context, int, sqlite3_value** argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return sqlite3_result_null(context);
    const auto* text = sqlite3_value_text(argv[0]);
    char out[32];
    if (!text || !utcTime(text, sqlite3_value_bytes(argv[0]), out))
        return sqlite3_result_null(context);
    sqlite3_result_text(context, out, -1, SQLITE_TRANSIENT);
}

// --- GrowthBook bucket ----------------------------------------------------------------------

QString textOf(sqlite3_value* value)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    return QString::fromUtf8(text, sqlite3_value_bytes(value));
}

void growthbookBucket(sqlite3_context* context, int, sqlite3_value** argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return sqlite3_result_null(context);
    const auto* seed = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const int seedBytes = sqlite3_value_bytes(argv[0]);
    const auto* user = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    const int userBytes = sqlite3_value_bytes(argv[1]);
    if (!seed || !user)
        return sqlite3_result_error_nomem(context);
    // ASCII (every id the app makes): straight from the bytes; anything else through UTF-16.
    const auto ascii = ExperimentAssignment::bucketOfAscii(std::string_view(seed, static_cast<std::size_t>(seedBytes)),
                                                          std::string_view(user, static_cast<std::size_t>(userBytes)));
    sqlite3_result_int(context, ascii ? *ascii : ExperimentAssignment::bucket(textOf(argv[0]), textOf(argv[1])));
}

// --- sums by key (the hash aggregation SQLite lacks) ------------------------------------------

// One group's key: two values printed as SQLite prints them, and whether each was text.
struct GroupKey
{
    std::string first;
    std::string second;
    bool firstNull = false;
    bool secondNull = false;
    bool operator==(const GroupKey&) const = default;
};

struct GroupKeyHash
{
    std::size_t operator()(const GroupKey& k) const
    {
        return std::hash<std::string>()(k.first) * 31u ^ std::hash<std::string>()(k.second);
    }
};

struct GroupSums
{
    std::vector<std::int64_t> integers;
    std::vector<double> reals;
};

struct SumsByState
{
    std::unordered_map<GroupKey, GroupSums, GroupKeyHash> groups;
    std::vector<bool> real;    // per value column: a REAL was seen (it sums as a double)
    bool keyText[2] = {false, false};
};

std::string keyOf(sqlite3_value* v)
{
    if (sqlite3_value_type(v) == SQLITE_NULL)
        return {};
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(v));
    return text ? std::string(text, static_cast<std::size_t>(sqlite3_value_bytes(v))) : std::string();
}

void sumsByStep(sqlite3_context* context, int argc, sqlite3_value** argv)
{
    auto** slot = static_cast<SumsByState**>(sqlite3_aggregate_context(context, sizeof(SumsByState*)));
    if (!slot)
        return sqlite3_result_error_nomem(context);
    if (!*slot) {
        *slot = new SumsByState;
        (*slot)->real.assign(static_cast<std::size_t>(argc - 2), false);
    }
    SumsByState& state = **slot;
    for (int k = 0; k < 2; ++k) {
        const int type = sqlite3_value_type(argv[k]);
        state.keyText[k] = state.keyText[k] || type == SQLITE_TEXT || type == SQLITE_BLOB;
    }
    GroupSums& sums = state.groups[GroupKey{keyOf(argv[0]), keyOf(argv[1]), sqlite3_value_type(argv[0]) == SQLITE_NULL,
                                            sqlite3_value_type(argv[1]) == SQLITE_NULL}];
    const std::size_t values = static_cast<std::size_t>(argc - 2);
    if (sums.integers.empty()) {
        sums.integers.assign(values, 0);
        sums.reals.assign(values, 0.0);
    }
    for (std::size_t i = 0; i < values; ++i) {
        sqlite3_value* v = argv[i + 2];
        switch (sqlite3_value_type(v)) {
        case SQLITE_INTEGER: sums.integers[i] += sqlite3_value_int64(v); break;
        case SQLITE_NULL: break;
        default:
            sums.reals[i] += sqlite3_value_double(v);
            state.real[i] = true;
            break;
        }
    }
}

void appendJsonKey(std::string& out, const std::string& key, bool text, bool null)
{
    if (null) {
        out += "null";
        return;
    }
    if (!text) {
        out += key;
        return;
    }
    out += '"';
    for (const char c : key) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += escaped;
            continue;
        }
        out += c;
    }
    out += '"';
}

void sumsByFinal(sqlite3_context* context)
{
    auto** slot = static_cast<SumsByState**>(sqlite3_aggregate_context(context, 0));
    std::unique_ptr<SumsByState> state(slot ? *slot : nullptr);
    if (!state)
        return sqlite3_result_text(context, "[]", -1, SQLITE_STATIC);
    std::vector<const std::pair<const GroupKey, GroupSums>*> ordered;
    ordered.reserve(state->groups.size());
    for (const auto& group : state->groups)
        ordered.push_back(&group);
    std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
        return std::tie(a->first.firstNull, a->first.first, a->first.secondNull, a->first.second) <
               std::tie(b->first.firstNull, b->first.first, b->first.secondNull, b->first.second);
    });
    std::string out = "[";
    char number[32];
    for (const auto* group : ordered) {
        if (out.size() > 1)
            out += ',';
        out += '[';
        appendJsonKey(out, group->first.first, state->keyText[0], group->first.firstNull);
        out += ',';
        appendJsonKey(out, group->first.second, state->keyText[1], group->first.secondNull);
        for (std::size_t i = 0; i < state->real.size(); ++i) {
            if (state->real[i])
                std::snprintf(number, sizeof number, ",%.17g",
                              group->second.reals[i] + static_cast<double>(group->second.integers[i]));
            else
                std::snprintf(number, sizeof number, ",%lld", static_cast<long long>(group->second.integers[i]));
            out += number;
        }
        out += ']';
    }
    out += ']';
    sqlite3_result_text(context, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

// sb_list_of / sb_list_union: "|a|b|" lists of distinct texts in byte order.
using TextSet = std::vector<std::string>; // sorted, distinct

void addToSet(TextSet& set, std::string value)
{
    const auto at = std::lower_bound(set.begin(), set.end(), value);
    if (at == set.end() || *at != value)
        set.insert(at, std::move(value));
}

// The items of a "|a|b|" list (empty pieces skipped) into the set.
void addListItems(TextSet& set, sqlite3_value* list)
{
    if (sqlite3_value_type(list) == SQLITE_NULL)
        return;
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(list));
    const std::size_t length = static_cast<std::size_t>(sqlite3_value_bytes(list));
    if (!text)
        return;
    std::size_t start = 0;
    while (start <= length) {
        const char* bar = static_cast<const char*>(std::memchr(text + start, '|', length - start));
        const std::size_t end = bar ? static_cast<std::size_t>(bar - text) : length;
        if (end > start)
            addToSet(set, std::string(text + start, end - start));
        start = end + 1;
    }
}

void resultList(sqlite3_context* context, const TextSet& set)
{
    std::string out = "|";
    for (const auto& item : set) {
        out += item;
        out += '|';
    }
    sqlite3_result_text(context, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

void listOfStep(sqlite3_context* context, int, sqlite3_value** argv)
{
    auto** slot = static_cast<TextSet**>(sqlite3_aggregate_context(context, sizeof(TextSet*)));
    if (!slot)
        return sqlite3_result_error_nomem(context);
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return;
    if (!*slot)
        *slot = new TextSet;
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    if (!text)
        return sqlite3_result_error_nomem(context);
    addToSet(**slot, std::string(text, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
}

void listOfFinal(sqlite3_context* context)
{
    auto** slot = static_cast<TextSet**>(sqlite3_aggregate_context(context, 0));
    std::unique_ptr<TextSet> set(slot ? *slot : nullptr);
    if (!set)
        return sqlite3_result_null(context);
    resultList(context, *set);
}

void listUnion(sqlite3_context* context, int, sqlite3_value** argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL && sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return sqlite3_result_null(context);
    TextSet set;
    addListItems(set, argv[0]);
    addListItems(set, argv[1]);
    resultList(context, set);
}

} // namespace

bool SqliteFunctions::utcTime(const unsigned char* text, int length, char (&out)[32])
{
    return core::utcTime(text, length, out);
}

Status SqliteFunctions::install(QSqlDatabase& db)
{
    sqlite3* connection = sqliteConnection(db);
    if (!connection)
        return Error::internal(QStringLiteral("the workspace connection is not an open SQLite connection"));
    constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    for (const auto& [name, arguments, function] : {std::tuple{"sb_contains", 2, &contains},
                                                    std::tuple{"sb_only_characters", 2, &onlyCharacters},
                                                    std::tuple{"sb_utc_time", 1, &utcTimeFunction},
                                                    std::tuple{"sb_growthbook_bucket", 2, &growthbookBucket},
                                                    std::tuple{"sb_list_union", 2, &listUnion}}) {
        if (sqlite3_create_function_v2(connection, name, arguments, kFlags, nullptr, function, nullptr,
                                       nullptr, nullptr) != SQLITE_OK)
            return Error::internal(
                QStringLiteral("SQL function %1 could not be installed: %2")
                    .arg(QLatin1String(name), QString::fromUtf8(sqlite3_errmsg(connection))));
    }
    // sb_sums_by(key1, key2, value, ...): an aggregate, so not deterministic-flagged like a scalar.
    if (sqlite3_create_function_v2(connection, "sb_sums_by", -1, SQLITE_UTF8 | SQLITE_INNOCUOUS, nullptr, nullptr,
                                   &sumsByStep, &sumsByFinal, nullptr) != SQLITE_OK)
        return Error::internal(QStringLiteral("SQL function sb_sums_by could not be installed: %1")
                                   .arg(QString::fromUtf8(sqlite3_errmsg(connection))));
    if (sqlite3_create_function_v2(connection, "sb_list_of", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, nullptr, nullptr,
                                   &listOfStep, &listOfFinal, nullptr) != SQLITE_OK)
        return Error::internal(QStringLiteral("SQL function sb_list_of could not be installed: %1")
                                   .arg(QString::fromUtf8(sqlite3_errmsg(connection))));
    return success();
}

} // namespace core
