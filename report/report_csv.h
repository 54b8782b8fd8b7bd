#pragma once

#include <QByteArray>

#include "report/report_content.h"

namespace report {

// A report as CSV (RFC 4180, UTF-8): one row per segment and day of the range, with the
// advertiser's currency, so a spreadsheet can redo any figure: report, advertiser_id, currency,
// segment_id, segment, date, impressions, clicks, conversions, unique_users, spend.
class ReportCsv
{
public:
    static QByteArray render(const ReportContent& content);
    static QStringList header();
};

} // namespace report
