#pragma once

#include <QStringList>

#include "common/result.h"
#include "domain/event_rows.h"
#include "export/csv_reader.h"

namespace core {

// Reads an events CSV file for bronze_impressions: a header naming the 13 event columns of
// product.md (event_id, event_time, ..., cost_micros) in any order, case and surrounding spaces
// ignored, then one record per event. Values are kept as written (cleaning is silver's job), so
// bad values reach bronze and are quarantined later. A record whose field count differs from
// the header's cannot be placed: it is rejected with its line number, the rest still load.
// Errors (nothing is loaded): an empty file, a header with an unknown, repeated or missing
// column, malformed CSV (an unclosed quote, invalid UTF-8), each naming line and column.
class EventsCsv
{
public:
    // The event columns of bronze_impressions, in the order BronzeRecord::values holds them.
    static const QStringList& columns();

    EventsCsv(QByteArray bytes, QString fileName);

    // Reads and checks the header; call once before next().
    Status readHeader();
    // The next loadable record; false at the end. Rejected records are skipped and listed.
    Result<bool> next(BronzeRecord& record);

    qint64 rowsRead() const { return m_rowsRead; }
    double fractionRead() const { return m_reader.fractionRead(); }
    const QList<RejectedLine>& rejected() const { return m_rejected; }

private:
    CsvReader m_reader;
    QString m_fileName;
    QList<int> m_sourceColumn; // for each bronze column, its field index in the file
    qsizetype m_headerFields = 0;
    qint64 m_rowsRead = 0;
    QList<RejectedLine> m_rejected;
    QStringList m_fields;
};

} // namespace core
