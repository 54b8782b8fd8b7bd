#include "export/csv_reader.h"

namespace core {

namespace {

// Offset of the first byte that is not part of well-formed UTF-8, or -1.
qsizetype firstInvalidUtf8(const QByteArray& bytes)
{
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    auto cont = [&](qsizetype k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return k < n && s[k] >= lo && s[k] <= hi;
    };
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (!cont(i + 1))
                return i;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
            const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
            if (!cont(i + 1, lo, hi) || !cont(i + 2))
                return i;
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
            const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
            if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3))
                return i;
            i += 4;
        } else {
            return i;
        }
    }
    return -1;
}

} // namespace

CsvReader::CsvReader(QByteArray bytes) : CsvReader(std::move(bytes), Options{}) {}

CsvReader::CsvReader(QByteArray bytes, Options options) : m_options(options)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    const qsizetype bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
        // Report where the bad byte sits, counting lines and characters in the valid part.
        m_text = QString::fromUtf8(bytes.constData(), bad);
        const qsizetype lastBreak = m_text.lastIndexOf(QLatin1Char('\n'));
        m_line = 1 + static_cast<int>(m_text.count(QLatin1Char('\n')));
        m_lineStart = lastBreak + 1;
        m_columnIndex = m_lineStart;
        m_error =
            errorAt(positionAt(m_text.size()),
                    QStringLiteral("the file is not valid UTF-8 (byte %1); save it as UTF-8 and try again.")
                        .arg(bad + 1));
        m_text.clear();
        return;
    }
    m_text = QString::fromUtf8(bytes);
}

CsvReader::Position CsvReader::positionAt(qsizetype index) const
{
    if (index < m_columnIndex) { // asked again for an earlier place on the line: recount
        m_columnIndex = m_lineStart;
        m_column = 1;
    }
    const QChar* t = m_text.constData();
    for (; m_columnIndex < index && m_columnIndex < m_text.size(); ++m_columnIndex) {
        if (!t[m_columnIndex].isLowSurrogate())
            ++m_column;
    }
    return Position{m_line, m_column};
}

void CsvReader::newLineAt(qsizetype indexAfterBreak)
{
    ++m_line;
    m_lineStart = indexAfterBreak;
    m_columnIndex = indexAfterBreak;
    m_column = 1;
}

Error CsvReader::errorAt(Position where, const QString& message) const
{
    Error e =
        Error::parse(QStringLiteral("Line %1, column %2: %3").arg(where.line).arg(where.column).arg(message),
                     QStringLiteral("csv line %1 column %2").arg(where.line).arg(where.column));
    e.code = QStringLiteral("csv_malformed");
    e.remediation = QStringLiteral("Correct the file at that place, or export it again, and retry.");
    return e;
}

CsvReader::Position CsvReader::fieldPosition(qsizetype index) const
{
    return index >= 0 && index < m_fieldPositions.size() ? m_fieldPositions.at(index) : Position{};
}

Result<bool> CsvReader::readRecord(QStringList& fields)
{
    if (m_error)
        return *m_error;
    fields.clear();
    m_fieldPositions.clear();
    const QChar* t = m_text.constData();
    const qsizetype n = m_text.size();

    // Consumes a line break at m_pos (CRLF, LF or a lone CR); false when there is none.
    auto consumeLineBreak = [&]() {
        if (m_pos < n && t[m_pos] == u'\r') {
            m_pos += (m_pos + 1 < n && t[m_pos + 1] == u'\n') ? 2 : 1;
        } else if (m_pos < n && t[m_pos] == u'\n') {
            ++m_pos;
        } else {
            return false;
        }
        newLineAt(m_pos);
        return true;
    };

    if (m_options.skipBlankLines) {
        while (consumeLineBreak()) {
        }
    }
    if (m_pos >= n)
        return false;

    m_recordStart = positionAt(m_pos);
    while (true) {
        const Position fieldStart = positionAt(m_pos);
        m_fieldPositions.append(fieldStart);
        if (m_pos < n && t[m_pos] == u'"') {
            ++m_pos;
            QString field;
            qsizetype chunk = m_pos; // start of text not yet copied into field
            while (true) {
                if (m_pos >= n) {
                    m_error =
                        errorAt(fieldStart, QStringLiteral("a quoted field is not closed: the closing \" is "
                                                           "missing before the end of the file."));
                    return *m_error;
                }
                const QChar c = t[m_pos];
                if (c == u'"') {
                    field.append(t + chunk, m_pos - chunk);
                    if (m_pos + 1 < n && t[m_pos + 1] == u'"') {
                        field.append(QLatin1Char('"'));
                        m_pos += 2;
                        chunk = m_pos;
                        continue;
                    }
                    ++m_pos;
                    break;
                }
                if (c == u'\n' || (c == u'\r' && !(m_pos + 1 < n && t[m_pos + 1] == u'\n'))) {
                    ++m_pos;
                    // newLineAt resets the column counter; the field keeps its text.
                    newLineAt(m_pos);
                    continue;
                }
                ++m_pos;
            }
            fields.append(field);
            if (m_pos < n && t[m_pos] != u',' && t[m_pos] != u'\r' && t[m_pos] != u'\n') {
                m_error =
                    errorAt(positionAt(m_pos),
                            QStringLiteral("unexpected text after the closing quote of a field (a quote "
                                           "inside a quoted field must be doubled: \"\")."));
                return *m_error;
            }
        } else {
            const qsizetype start = m_pos;
            while (m_pos < n) {
                const QChar c = t[m_pos];
                if (c == u',' || c == u'\r' || c == u'\n')
                    break;
                if (c == u'"') {
                    m_error =
                        errorAt(positionAt(m_pos),
                                QStringLiteral("a quote \" inside a field that does not start with one (put "
                                               "the field in quotes and double the quote: \"\")."));
                    return *m_error;
                }
                ++m_pos;
            }
            fields.append(QString(t + start, m_pos - start));
        }
        if (m_pos < n && t[m_pos] == u',') {
            ++m_pos;
            continue;
        }
        consumeLineBreak();
        break;
    }

    if (m_options.requireUniformFieldCount) {
        if (m_expectedFields < 0) {
            m_expectedFields = fields.size();
        } else if (fields.size() != m_expectedFields) {
            m_error =
                errorAt(m_recordStart, QStringLiteral("this record has %1 fields, but the first one has %2.")
                                           .arg(fields.size())
                                           .arg(m_expectedFields));
            return *m_error;
        }
    }
    return true;
}

Result<QList<QStringList>> CsvReader::readAll(const QByteArray& bytes, Options options)
{
    CsvReader reader(bytes, options);
    QList<QStringList> rows;
    QStringList fields;
    while (true) {
        auto more = reader.readRecord(fields);
        if (!more)
            return more.error();
        if (!more.value())
            break;
        rows.append(fields);
    }
    return rows;
}

} // namespace core
