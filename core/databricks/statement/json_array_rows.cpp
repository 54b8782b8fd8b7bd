#include "databricks/statement/json_array_rows.h"

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
        case '"': utf8 += '"'; break;
        case '\\': utf8 += '\\'; break;
        case '/': utf8 += '/'; break;
        case 'b': utf8 += '\b'; break;
        case 'f': utf8 += '\f'; break;
        case 'n': utf8 += '\n'; break;
        case 'r': utf8 += '\r'; break;
        case 't': utf8 += '\t'; break;
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
        default: return false;
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
    case '"': return readString(c, nullptr);
    case '[': return skipContainer(c, ']');
    case '{': return skipContainer(c, '}');
    default:
        while (c.p < c.end && *c.p != ',' && *c.p != ']' && *c.p != '}' && *c.p != ' ' && *c.p != '\n' && *c.p != '\r' &&
               *c.p != '\t')
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

std::optional<JsonArrayRows::Parsed> JsonArrayRows::parse(const QByteArray& json, qsizetype begin, QString* error)
{
    Cursor c{json.constData() + begin, json.constData() + json.size()};
    auto fail = [&](const char* what) -> std::optional<Parsed> {
        if (error)
            *error = QStringLiteral("%1 at byte %2").arg(QLatin1String(what)).arg(c.p - json.constData());
        return std::nullopt;
    };
    Parsed out;
    if (!c.eat('['))
        return fail("expected '[' of the rows");
    c.skipSpace();
    if (c.p < c.end && *c.p == ']') {
        out.end = c.p + 1 - json.constData();
        return out;
    }
    qsizetype width = 0;
    while (c.p < c.end) {
        if (!c.eat('['))
            return fail("expected '[' of a row");
        QList<QVariant> row;
        row.reserve(width);
        c.skipSpace();
        if (c.p < c.end && *c.p == ']') {
            ++c.p;
        } else {
            while (true) {
                c.skipSpace();
                if (c.p >= c.end)
                    return fail("unexpected end of data");
                if (*c.p == '"') {
                    QString text;
                    if (!readString(c, &text))
                        return fail("malformed string");
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
                    while (c.p < c.end && ((*c.p >= '0' && *c.p <= '9') || *c.p == '-' || *c.p == '+' || *c.p == '.' ||
                                           *c.p == 'e' || *c.p == 'E'))
                        ++c.p;
                    if (c.p == start)
                        return fail("malformed value");
                    row.append(QVariant(QString::fromLatin1(start, c.p - start)));
                }
                c.skipSpace();
                if (c.p < c.end && *c.p == ',') {
                    ++c.p;
                    continue;
                }
                if (c.p < c.end && *c.p == ']') {
                    ++c.p;
                    break;
                }
                return fail("expected ',' or ']' in a row");
            }
        }
        width = row.size();
        out.rows.append(std::move(row));
        c.skipSpace();
        if (c.p < c.end && *c.p == ',') {
            ++c.p;
            continue;
        }
        if (c.p < c.end && *c.p == ']') {
            out.end = c.p + 1 - json.constData();
            return out;
        }
        return fail("expected ',' or ']' between rows");
    }
    return fail("unexpected end of data");
}

std::optional<std::pair<qsizetype, qsizetype>> JsonArrayRows::locateDataArray(const QByteArray& json)
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
        const qsizetype begin = c.p - json.constData();
        Cursor end = c;
        if (!skipValue(end))
            return std::nullopt;
        return std::make_pair(begin, end.p - json.constData());
    }
    return std::nullopt;
}

} // namespace core
