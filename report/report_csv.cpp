#include "report/report_csv.h"

#include "export/csv_writer.h"

namespace report {

QStringList ReportCsv::header()
{
    return {QStringLiteral("report"),      QStringLiteral("advertiser_id"), QStringLiteral("currency"),
            QStringLiteral("segment_id"),  QStringLiteral("segment"),       QStringLiteral("date"),
            QStringLiteral("impressions"), QStringLiteral("clicks"),        QStringLiteral("conversions"),
            QStringLiteral("unique_users"), QStringLiteral("spend")};
}

QByteArray ReportCsv::render(const ReportContent& content)
{
    core::CsvWriter csv; // formula guard on: segment names are the users' text
    csv.writeRow(header());
    for (const auto& s : content.segments) {
        for (const auto& d : s.daily) {
            csv.addField(content.definition.name);
            csv.addField(content.advertiser.id);
            csv.addField(content.advertiser.currency);
            csv.addField(s.segment.id);
            csv.addField(s.segment.name);
            csv.addField(d.day.toString(Qt::ISODate));
            csv.addNumber(d.impressions);
            csv.addNumber(d.clicks);
            csv.addNumber(d.conversions);
            csv.addNumber(d.uniqueUsers);
            csv.addField(QString::number(static_cast<double>(d.spendMicros) / 1e6, 'f', 2));
            csv.endRow();
        }
    }
    return csv.takeData();
}

} // namespace report
