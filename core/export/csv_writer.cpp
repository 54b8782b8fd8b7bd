#include "export/csv_writer.h"

#include <algorithm>
#include <charconv>

namespace core {

namespace {

constexpr qsizetype kInitialCapacity = 64 * 1024;

inline bool isQuoteTrigger(char16_t u)
{
    return u == u',' || u == u'"' || u == u'\r' || u == u'\n';
}

} // namespace

CsvWriter::CsvWriter() : CsvWriter(Options{}) {}

CsvWriter::CsvWriter(Options options) : m_options(options)
{
    if (m_options.byteOrderMark) {
        char* p = reserve(3);
        p[0] = '\xEF';
        p[1] = '\xBB';
        p[2] = '\xBF';
        m_size += 3;
        m_rowStart = m_size;
    }
}

void CsvWriter::setNumericColumns(const QList<int>& columns)
{
    m_numeric.clear();
    for (int c : columns)
        setColumnNumeric(c, true);
}

void CsvWriter::setColumnNumeric(int column, bool numeric)
{
    if (column < 0)
        return;
    if (column >= m_numeric.size())
        m_numeric.resize(column + 1, false);
    m_numeric[column] = numeric;
}

bool CsvWriter::isColumnNumeric(int column) const
{
    return column >= 0 && column < m_numeric.size() && m_numeric[column];
}

char* CsvWriter::reserve(qsizetype extra)
{
    const qsizetype needed = m_size + extra;
    if (needed > m_buffer.size())
        m_buffer.resize(std::max({needed, m_buffer.size() * 2, kInitialCapacity}));
    return m_buffer.data() + m_size;
}

void CsvWriter::separator()
{
    if (m_column > 0) {
        *reserve(1) = ',';
        ++m_size;
    }
}

bool CsvWriter::needsFormulaGuard(QStringView text)
{
    if (text.isEmpty())
        return false;
    switch (text.front().unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r':
    case u'\uFF1D': // ＝ FULLWIDTH EQUALS SIGN
    case u'\uFF0B': // ＋ FULLWIDTH PLUS SIGN
    case u'\uFF0D': // － FULLWIDTH HYPHEN-MINUS
    case u'\uFF20': // ＠ FULLWIDTH COMMERCIAL AT
        return true;
    default:
        return false;
    }
}

bool CsvWriter::isPlainNumber(QStringView text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    auto isDigit = [&](qsizetype k) {
        return k < n && text[k].unicode() >= u'0' && text[k].unicode() <= u'9';
    };
    if (i < n && (text[i] == u'+' || text[i] == u'-'))
        ++i;
    qsizetype digits = 0;
    while (isDigit(i)) {
        ++i;
        ++digits;
    }
    if (i < n && text[i] == u'.') {
        ++i;
        while (isDigit(i)) {
            ++i;
            ++digits;
        }
    }
    if (digits == 0)
        return false;
    if (i < n && (text[i] == u'e' || text[i] == u'E')) {
        ++i;
        if (i < n && (text[i] == u'+' || text[i] == u'-'))
            ++i;
        if (!isDigit(i))
            return false;
        while (isDigit(i))
            ++i;
    }
    return i == n;
}

CsvWriter& CsvWriter::addField(QStringView text)
{
    separator();
    const qsizetype n = text.size();
    const char16_t* s = text.utf16();
    const char16_t* const end = s + n;

    bool quote = false;
    for (const char16_t* q = s; q != end; ++q) {
        if (isQuoteTrigger(*q)) {
            quote = true;
            break;
        }
    }
    const bool guard = m_options.formulaGuard && needsFormulaGuard(text) &&
                       !(isColumnNumeric(m_column) && isPlainNumber(text));

    // Worst case: 3 bytes per UTF-16 unit (a doubled quote is 2, a surrogate pair 4 for 2 units),
    // plus two quotes and the guard.
    char* p = reserve(3 * n + 3);
    char* const start = p;
    if (quote)
        *p++ = '"';
    if (guard)
        *p++ = '\'';
    while (s != end) {
        const char16_t u = *s++;
        if (u < 0x80) {
            if (u == u'"')
                *p++ = '"';
            *p++ = static_cast<char>(u);
        } else if (u < 0x800) {
            *p++ = static_cast<char>(0xC0 | (u >> 6));
            *p++ = static_cast<char>(0x80 | (u & 0x3F));
        } else if (QChar::isSurrogate(u)) {
            if (QChar::isHighSurrogate(u) && s != end && QChar::isLowSurrogate(*s)) {
                const char32_t cp = QChar::surrogateToUcs4(u, *s++);
                *p++ = static_cast<char>(0xF0 | (cp >> 18));
                *p++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                *p++ = static_cast<char>(0x80 | (cp & 0x3F));
            } else { // a lone surrogate is not text: U+FFFD, as QString::toUtf8() does
                *p++ = '\xEF';
                *p++ = '\xBF';
                *p++ = '\xBD';
            }
        } else {
            *p++ = static_cast<char>(0xE0 | (u >> 12));
            *p++ = static_cast<char>(0x80 | ((u >> 6) & 0x3F));
            *p++ = static_cast<char>(0x80 | (u & 0x3F));
        }
    }
    if (quote)
        *p++ = '"';
    m_size += p - start;
    ++m_column;
    return *this;
}

CsvWriter& CsvWriter::addNumber(qint64 value)
{
    separator();
    char* p = reserve(24);
    const auto r = std::to_chars(p, p + 24, value);
    m_size += r.ptr - p;
    ++m_column;
    return *this;
}

void CsvWriter::endRow()
{
    // A record of one empty field would be a blank line, which readers skip: write "" instead.
    const bool blank = m_size == m_rowStart;
    char* p = reserve(4);
    if (blank) {
        *p++ = '"';
        *p++ = '"';
        m_size += 2;
    }
    *p++ = '\r';
    *p++ = '\n';
    m_size += 2;
    m_rowStart = m_size;
    m_column = 0;
    ++m_rows;
}

void CsvWriter::writeRow(const QStringList& fields)
{
    for (const QString& f : fields)
        addField(QStringView(f));
    endRow();
}

QByteArray CsvWriter::takeData()
{
    m_buffer.resize(m_size);
    QByteArray out = std::move(m_buffer);
    m_buffer = QByteArray();
    m_size = 0;
    m_rowStart = 0;
    m_column = 0;
    m_rows = 0;
    return out;
}

} // namespace core
