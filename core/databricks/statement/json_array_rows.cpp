#include "databricks/statement/json_array_rows.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace core {

namespace {

struct Cursor
{
    const char* p;
    const char* end;

    void skipSpace()
    {
        while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
            ++p;
    }
    bool eat(char c)
    {
        skipSpace();
        if (p < end && *p == c) {
            ++p;
            return true;
        }
        return false;
    }
};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Reads a JSON string at the cursor (on the opening quote) into `out`.
bool readString(Cursor& c, QString* out)
{
    ++c.p; // opening quote
    const char* start = c.p;
    // Fast path: no escapes.
    while (c.p < c.end && *c.p != '"' && *c.p != '\\')
        ++c.p;
    if (c.p < c.end && *c.p == '"') {
        if (out)
            *out = QString::fromUtf8(start, c.p - start);
        ++c.p;
        return true;
    }
    QByteArray utf8(start, c.p - start);
    QString text;
    while (c.p < c.end && *c.p != '"') {
        if (*c.p != '\\') {
            utf8 += *c.p++;
            continue;
        }
        if (++c.p >= c.end)
            return false;
        const char e = *c.p++;
        switch (e) {
        case '"':
            utf8 += '"';
            break;
        case '\\':
            utf8 += '\\';
            break;
        case '/':
            utf8 += '/';
            break;
        case 'b':
            utf8 += '\b';
            break;
        case 'f':
            utf8 += '\f';
            break;
        case 'n':
            utf8 += '\n';
            break;
        case 'r':
            utf8 += '\r';
            break;
        case 't':
            utf8 += '\t';
            break;
        case 'u': {
            if (c.end - c.p < 4)
                return false;
            int code = 0;
            for (int i = 0; i < 4; ++i) {
                const int h = hexValue(c.p[i]);
                if (h < 0)
                    return false;
                code = code * 16 + h;
            }
            c.p += 4;
            text += QString::fromUtf8(utf8);
            utf8.clear();
            text += QChar(static_cast<char16_t>(code)); // surrogate pairs arrive as two escapes
            break;
        }
        default:
            return false;
        }
    }
    if (c.p >= c.end)
        return false;
    ++c.p; // closing quote
    if (out)
        *out = text + QString::fromUtf8(utf8);
    return true;
}

bool skipValue(Cursor& c);

bool skipContainer(Cursor& c, char close)
{
    ++c.p;
    c.skipSpace();
    if (c.p < c.end && *c.p == close) {
        ++c.p;
        return true;
    }
    while (c.p < c.end) {
        if (close == '}') {
            c.skipSpace();
            if (c.p >= c.end || *c.p != '"' || !readString(c, nullptr) || !c.eat(':'))
                return false;
        }
        if (!skipValue(c))
            return false;
        c.skipSpace();
        if (c.p < c.end && *c.p == ',') {
            ++c.p;
            continue;
        }
        if (c.p < c.end && *c.p == close) {
            ++c.p;
            return true;
        }
        return false;
    }
    return false;
}

bool skipValue(Cursor& c)
{
    c.skipSpace();
    if (c.p >= c.end)
        return false;
    switch (*c.p) {
    case '"':
        return readString(c, nullptr);
    case '[':
        return skipContainer(c, ']');
    case '{':
        return skipContainer(c, '}');
    default:
        while (c.p < c.end && *c.p != ',' && *c.p != ']' && *c.p != '}' && *c.p != ' ' && *c.p != '\n' &&
               *c.p != '\r' && *c.p != '\t')
            ++c.p;
        return true;
    }
}

// Scans an object's members; when `key` is found, leaves the cursor on its value and returns true.
bool findKey(Cursor& c, const char* key, qsizetype keyLength)
{
    if (!c.eat('{'))
        return false;
    c.skipSpace();
    if (c.p < c.end && *c.p == '}')
        return false;
    while (c.p < c.end) {
        c.skipSpace();
        if (c.p >= c.end || *c.p != '"')
            return false;
        const char* nameStart = c.p + 1;
        if (!readString(c, nullptr))
            return false;
        const qsizetype nameLength = c.p - 1 - nameStart;
        if (!c.eat(':'))
            return false;
        if (nameLength == keyLength && std::equal(nameStart, nameStart + keyLength, key)) {
            c.skipSpace();
            return true;
        }
        if (!skipValue(c))
            return false;
        if (!c.eat(','))
            return false;
    }
    return false;
}

} // namespace

namespace {

// Parses one row `[v, v, ...]` at the cursor (on its '['). On failure returns what was expected.
const char* parseRow(Cursor& c, QList<QVariant>& row)
{
    if (!c.eat('['))
        return "expected '[' of a row";
    c.skipSpace();
    if (c.p < c.end && *c.p == ']') {
        ++c.p;
        return nullptr;
    }
    while (true) {
        c.skipSpace();
        if (c.p >= c.end)
            return "unexpected end of data";
        if (*c.p == '"') {
            QString text;
            if (!readString(c, &text))
                return "malformed string";
            row.append(QVariant(std::move(text)));
        } else if (c.end - c.p >= 4 && std::equal(c.p, c.p + 4, "null")) {
            c.p += 4;
            row.append(QVariant());
        } else if (c.end - c.p >= 4 && std::equal(c.p, c.p + 4, "true")) {
            c.p += 4;
            row.append(QVariant(QStringLiteral("true")));
        } else if (c.end - c.p >= 5 && std::equal(c.p, c.p + 5, "false")) {
            c.p += 5;
            row.append(QVariant(QStringLiteral("false")));
        } else {
            // A JSON number (Databricks sends text, but tolerate numbers).
            const char* start = c.p;
            while (c.p < c.end && ((*c.p >= '0' && *c.p <= '9') || *c.p == '-' || *c.p == '+' ||
                                   *c.p == '.' || *c.p == 'e' || *c.p == 'E'))
                ++c.p;
            if (c.p == start)
                return "malformed value";
            row.append(QVariant(QString::fromLatin1(start, c.p - start)));
        }
        c.skipSpace();
        if (c.p < c.end && *c.p == ',') {
            ++c.p;
            continue;
        }
        if (c.p < c.end && *c.p == ']') {
            ++c.p;
            return nullptr;
        }
        return "expected ',' or ']' in a row";
    }
}

// Rows from the cursor (on a row's '[') up to `stop` (the first row of the next slice) or the
// array's closing ']'. `closed` tells which; failure leaves the cursor where it happened.
struct Slice
{
    QList<QList<QVariant>> rows;
    const char* failure = nullptr;
    const char* at = nullptr; // where the failure happened / where the slice ended
    bool closed = false;      // the array's ']' was reached
};

Slice parseSlice(Cursor c, const char* stop, qsizetype expectedRows)
{
    Slice out;
    out.rows.reserve(expectedRows);
    qsizetype width = 0;
    while (true) {
        QList<QVariant> row;
        row.reserve(width);
        if (const char* failure = parseRow(c, row)) {
            out.failure = failure;
            out.at = c.p;
            return out;
        }
        width = row.size();
        out.rows.append(std::move(row));
        c.skipSpace();
        if (c.p < c.end && *c.p == ',') {
            ++c.p;
            c.skipSpace();
            if (c.p == stop) {
                out.at = c.p;
                return out;
            }
            continue;
        }
        if (c.p < c.end && *c.p == ']') {
            out.closed = true;
            out.at = c.p + 1;
            return out;
        }
        out.failure = "expected ',' or ']' between rows";
        out.at = c.p;
        return out;
    }
}

// Where rows start near each of `parts - 1` evenly spaced offsets of the array [begin, end):
// a scan that follows strings and nesting, so a "[" inside a string never counts. Fewer
// starts than asked when the array has fewer rows.
QList<const char*> rowStartsNear(const char* begin, const char* end, int parts)
{
    QList<const char*> starts;
    const qsizetype step = (end - begin) / parts;
    const char* next = begin + step;
    int depth = 0;
    for (const char* p = begin; p < end && starts.size() < parts - 1; ++p) {
        const char ch = *p;
        if (ch == '"') {
            for (++p; p < end && *p != '"'; ++p) {
                if (*p == '\\')
                    ++p;
            }
            continue;
        }
        if (ch == '[') {
            if (depth == 1 && p >= next) {
                starts.append(p);
                next = p + step;
            }
            ++depth;
        } else if (ch == ']') {
            if (--depth == 0)
                break;
        }
    }
    return starts;
}

constexpr qsizetype kBytesPerSlice = 4 * 1024 * 1024; // below this one thread is quicker

} // namespace

std::optional<JsonArrayRows::Parsed> JsonArrayRows::parse(const QByteArray& json, qsizetype begin,
                                                          QString* error)
{
    Cursor c{json.constData() + begin, json.constData() + json.size()};
    auto fail = [&](const char* what, const char* at) -> std::optional<Parsed> {
        if (error)
            *error = QStringLiteral("%1 at byte %2").arg(QLatin1String(what)).arg(at - json.constData());
        return std::nullopt;
    };
    Parsed out;
    if (!c.eat('['))
        return fail("expected '[' of the rows", c.p);
    const char* open = c.p - 1;
    c.skipSpace();
    if (c.p < c.end && *c.p == ']') {
        out.end = c.p + 1 - json.constData();
        return out;
    }
    // Large arrays are cut at row boundaries and the slices parsed on several threads.
    const qsizetype bytes = c.end - c.p;
    const int threads = std::max(1, std::min<int>(int(std::thread::hardware_concurrency()), 8));
    const int parts = int(std::min<qsizetype>(threads, std::max<qsizetype>(1, bytes / kBytesPerSlice)));
    QList<const char*> starts{c.p};
    if (parts > 1)
        starts += rowStartsNear(open, c.end, parts);
    const qsizetype rowsGuess = bytes / 96 / starts.size(); // only a reservation hint
    std::vector<Slice> slices(starts.size());
    std::vector<std::thread> workers;
    for (qsizetype i = 1; i < starts.size(); ++i) {
        const char* stop = i + 1 < starts.size() ? starts.at(i + 1) : nullptr;
        workers.emplace_back([&slices, &starts, i, stop, end = c.end, rowsGuess] {
            slices[size_t(i)] = parseSlice(Cursor{starts.at(i), end}, stop, rowsGuess);
        });
    }
    slices[0] = parseSlice(c, starts.size() > 1 ? starts.at(1) : nullptr, rowsGuess);
    for (auto& w : workers)
        w.join();
    qsizetype total = 0;
    for (size_t i = 0; i < slices.size(); ++i) {
        const Slice& s = slices[i];
        if (s.failure)
            return fail(s.failure, s.at);
        const bool last = i + 1 == slices.size();
        if (s.closed != last) // a slice must end exactly where the next begins, the last at ']'
            return fail("expected ',' or ']' between rows", s.at);
        total += s.rows.size();
    }
    out.rows = std::move(slices[0].rows);
    out.rows.reserve(total);
    for (size_t i = 1; i < slices.size(); ++i) {
        for (auto& row : slices[i].rows)
            out.rows.append(std::move(row));
    }
    out.end = slices.back().at - json.constData();
    return out;
}

std::optional<qsizetype> JsonArrayRows::locateDataArray(const QByteArray& json)
{
    static const char kData[] = "data_array";
    static const char kResult[] = "result";
    for (const char* container : {static_cast<const char*>(nullptr), kResult}) {
        Cursor c{json.constData(), json.constData() + json.size()};
        if (container) {
            if (!findKey(c, container, 6))
                continue;
        }
        if (!findKey(c, kData, 10))
            continue;
        return c.p - json.constData();
    }
    return std::nullopt;
}

} // namespace core
