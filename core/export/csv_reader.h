#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/result.h"

namespace core {

// Reads CSV per RFC 4180 from UTF-8 bytes (a leading byte order mark is skipped). Accepts CRLF
// and bare LF line ends; quoted fields may hold commas, doubled quotes and line breaks.
// Malformed input is an Error of kind Parse whose message names the line and column
// (1-based; columns count characters), e.g. "Line 4, column 7: a quoted field is not closed.".
// Record by record:
//     CsvReader reader(bytes);
//     QStringList fields;
//     while (true) {
//         auto more = reader.readRecord(fields);
//         if (!more) return more.error();
//         if (!more.value()) break;
//         ... reader.recordLine(), reader.fieldPosition(i) ...
//     }
class CsvReader
{
public:
    struct Options
    {
        bool skipBlankLines = true;           // a line with nothing on it is no record ("" is one)
        bool requireUniformFieldCount = true; // every record has as many fields as the first
    };

    struct Position
    {
        int line = 0;
        int column = 0;
        bool operator==(const Position&) const = default;
    };

    explicit CsvReader(QByteArray bytes);
    CsvReader(QByteArray bytes, Options options);

    // true: a record was read into fields; false: end of input; Error: malformed input (the
    // reader stays at the error).
    Result<bool> readRecord(QStringList& fields);

    // Where the last record read starts, and where each of its fields starts.
    int recordLine() const { return m_recordStart.line; }
    // How far the reading is: 0 before the first record, 1 at the end.
    double fractionRead() const
    {
        return m_text.isEmpty() ? 1.0 : static_cast<double>(m_pos) / static_cast<double>(m_text.size());
    }
    Position fieldPosition(qsizetype index) const;

    // Reads every record.
    static Result<QList<QStringList>> readAll(const QByteArray& bytes, Options options);
    static Result<QList<QStringList>> readAll(const QByteArray& bytes) { return readAll(bytes, Options{}); }

private:
    Options m_options;
    QString m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
    qsizetype m_lineStart = 0; // index in m_text where the current line starts
    qsizetype m_expectedFields = -1;
    Position m_recordStart;
    QList<Position> m_fieldPositions;
    std::optional<Error> m_error;

    // Column counting is incremental: positions are asked for in increasing order on a line.
    mutable qsizetype m_columnIndex = 0; // index in m_text up to which columns are counted
    mutable int m_column = 1;            // column of m_columnIndex

    Position positionAt(qsizetype index) const;
    Error errorAt(Position where, const QString& message) const;
    void newLineAt(qsizetype indexAfterBreak);
};

} // namespace core
