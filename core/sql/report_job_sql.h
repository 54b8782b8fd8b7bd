#pragma once

#include <QList>
#include <QString>

#include "domain/report_job_spec.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// The SQL of a report scheduled on Databricks (ReportJobSpec), Databricks dialect only: the job's
// SQL file task cannot bind parameters, so the report's values (advertiser, segments, days) are
// rows of report_job_values, written with bound parameters when the report is scheduled, and the
// file reads them back by the report's name. What the file holds as text is the report's name and
// its output folder, both held to plain characters by ReportJobSpec::validate().
// The file writes the columns of the app's report CSV (report/report_csv.h): report, advertiser_id,
// currency, segment_id, segment, date, impressions, clicks, conversions, unique_users, spend; in
// the same order (segment name, id, day), but only the days with figures (the app's CSV also
// writes the days without any as zeros).
class ReportJobSql
{
public:
    explicit ReportJobSql(SqlTarget target);

    BoundSql createValuesTable() const;
    // Replace the report's rows of report_job_values.
    QList<BoundSql> storeValues(const ReportJobSpec& spec) const;
    BoundSql removeValues(const QString& reportName) const;
    // The SQL file the job runs (one INSERT OVERWRITE DIRECTORY … USING CSV statement).
    QString script(const ReportJobSpec& spec) const;

private:
    SqlTarget m_target;
};

} // namespace core
