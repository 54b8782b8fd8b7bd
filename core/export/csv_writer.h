#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace core {

// Writes CSV per RFC 4180 into an in-memory UTF-8 buffer:
//  - fields holding a comma, a double quote, CR or LF are quoted, quotes are doubled;
//  - every record ends with CRLF;
//  - optional UTF-8 byte order mark so Excel recognises the encoding.
// Formula-injection guard (OWASP "CSV Injection"): a text cell that starts with = + - @,
// TAB or CR, or with the full-width forms ＝ ＋ － ＠, gets a single quote ' in front, so a
// spreadsheet shows it as text instead of evaluating it. Columns marked numeric are exempt for
// cells that are plain numbers (-5, +1.5, -2e3); anything else in them is still guarded.
// Numbers written with addNumber() are never altered.
//
// Fast path: one pass per cell, direct UTF-16 → UTF-8 encoding into a growing buffer, no
// allocation per cell.
class CsvWriter
{
public:
    struct Options
    {
        bool byteOrderMark = false; // start the output with EF BB BF
        bool formulaGuard = true;   // prefix ' to cells a spreadsheet would treat as formulas
    };

    CsvWriter();
    explicit CsvWriter(Options options);

    // Columns (0-based) whose plain-number cells are exempt from the formula guard.
    void setNumericColumns(const QList<int>& columns);
    void setColumnNumeric(int column, bool numeric = true);
    bool isColumnNumeric(int column) const;

    // Appends one cell to the current record.
    CsvWriter& addField(QStringView text);
    CsvWriter& addField(const QString& text) { return addField(QStringView(text)); }
    CsvWriter& addNumber(qint64 value);
    // Ends the current record with CRLF. An empty record is written as one empty field.
    void endRow();

    void writeRow(const QStringList& fields);

    qsizetype rowCount() const { return m_rows; }
    // The bytes written so far (BOM included).
    QByteArrayView data() const { return QByteArrayView(m_buffer.constData(), m_size); }
    // Hands the bytes over and leaves the writer empty (a new BOM is not written).
    QByteArray takeData();

    // True when the guard would prefix this text (ignores numeric columns).
    static bool needsFormulaGuard(QStringView text);
    // True for a plain decimal number: optional sign, digits, optional fraction and exponent.
    static bool isPlainNumber(QStringView text);

private:
    Options m_options;
    QByteArray m_buffer; // capacity-managed: m_size bytes are valid
    qsizetype m_size = 0;
    qsizetype m_rows = 0;
    int m_column = 0;         // cells written in the current record
    qsizetype m_rowStart = 0; // offset of the current record
    QList<bool> m_numeric;    // indexed by column

    char* reserve(qsizetype extra);
    void separator();
};

} // namespace core
