#include "export/events_csv.h"

#include "common/single_line.h"

namespace core {

namespace {

CsvReader::Options lenientFieldCount()
{
    CsvReader::Options o;
    o.requireUniformFieldCount = false; // a short or long record is rejected, not fatal
    return o;
}

Error fileError(const QString& fileName, const QString& message, const QString& remediation)
{
    Error e = Error::validation(QStringLiteral("events_file_invalid"),
                                singleLine(QStringLiteral("%1: %2").arg(fileName, message)));
    e.remediation = remediation;
    return e;
}

} // namespace

const QStringList& EventsCsv::columns()
{
    return bronzeEventColumns();
}

EventsCsv::EventsCsv(QByteArray bytes, QString fileName)
    : m_reader(std::move(bytes), lenientFieldCount()), m_fileName(std::move(fileName))
{
}

Status EventsCsv::readHeader()
{
    const QString expected = columns().join(QStringLiteral(", "));
    QStringList header;
    auto read = m_reader.readRecord(header);
    if (!read)
        return fileError(m_fileName, read.error().userMessage,
                         QStringLiteral("Save the file as CSV (UTF-8) and try again."));
    if (!read.value())
        return fileError(m_fileName, QStringLiteral("the file is empty."),
                         QStringLiteral("The first line must name the columns: %1.").arg(expected));
    m_headerFields = header.size();
    m_sourceColumn = QList<int>(columns().size(), -1);
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        const qsizetype index = columns().indexOf(name);
        if (index < 0)
            return fileError(
                m_fileName,
                QStringLiteral("line %1, column %2 of the header names an unknown column “%3”.")
                    .arg(m_reader.recordLine())
                    .arg(i + 1)
                    .arg(header.at(i)),
                QStringLiteral("The header names these columns, in any order: %1.").arg(expected));
        if (m_sourceColumn[index] >= 0)
            return fileError(m_fileName,
                             QStringLiteral("the header names “%1” twice (columns %2 and %3).")
                                 .arg(name)
                                 .arg(m_sourceColumn[index] + 1)
                                 .arg(i + 1),
                             QStringLiteral("Keep one column of each name."));
        m_sourceColumn[index] = static_cast<int>(i);
    }
    QStringList missing;
    for (qsizetype c = 0; c < columns().size(); ++c) {
        if (m_sourceColumn[c] < 0)
            missing.append(columns().at(c));
    }
    if (!missing.isEmpty())
        return fileError(m_fileName,
                         QStringLiteral("the header lacks the column%1 %2.")
                             .arg(missing.size() == 1 ? QString() : QStringLiteral("s"),
                                  missing.join(QStringLiteral(", "))),
                         QStringLiteral("The header names these columns, in any order: %1.").arg(expected));
    return success();
}

Result<bool> EventsCsv::next(BronzeRecord& record)
{
    while (true) {
        auto read = m_reader.readRecord(m_fields);
        if (!read)
            return fileError(
                m_fileName, read.error().userMessage,
                QStringLiteral("Fix the file at that place (quotes must be closed, text must be UTF-8); "
                               "nothing was imported."));
        if (!read.value())
            return false;
        ++m_rowsRead;
        if (m_fields.size() != m_headerFields) {
            m_rejected.append({m_reader.recordLine(), QStringLiteral("%1 fields where the header has %2")
                                                          .arg(m_fields.size())
                                                          .arg(m_headerFields)});
            continue;
        }
        record.line = m_reader.recordLine();
        record.values.resize(columns().size());
        for (qsizetype c = 0; c < columns().size(); ++c)
            record.values[c] = m_fields.at(m_sourceColumn[c]);
        return true;
    }
}

} // namespace core
