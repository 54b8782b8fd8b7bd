#include "forecast/segment_forecast_csv.h"

#include <cmath>

#include "export/atomic_file.h"
#include "export/csv_writer.h"

namespace core::forecast {

namespace {

QString figure(double value, int decimals)
{
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QString();
}

} // namespace

QByteArray SegmentForecastCsv::toCsv(const QList<SegmentForecastSummary>& rows, const QString& metric)
{
    CsvWriter csv(CsvWriter::Options{true, true});
    csv.writeRow({QStringLiteral("segment_id"), QStringLiteral("segment"), QStringLiteral("advertiser_id"),
                  QStringLiteral("advertiser"), QStringLiteral("metric"), QStringLiteral("model"),
                  QStringLiteral("first_day"), QStringLiteral("last_day"), QStringLiteral("horizon_days"),
                  QStringLiteral("forecast_total"), QStringLiteral("lower_80"), QStringLiteral("upper_80"),
                  QStringLiteral("lower_95"), QStringLiteral("upper_95"), QStringLiteral("previous_total"),
                  QStringLiteral("change"), QStringLiteral("mase_ratio"), QStringLiteral("coverage_95"),
                  QStringLiteral("note")});
    csv.setNumericColumns({8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
    for (const SegmentForecastSummary& r : rows) {
        csv.writeRow({r.segmentId, r.segmentName, r.advertiserId, r.advertiserName, metric, r.model,
                      r.firstDay.toString(Qt::ISODate), r.lastDay.toString(Qt::ISODate),
                      r.forecast ? QString::number(r.horizon) : QString(), figure(r.total, 1),
                      figure(r.lower80, 1), figure(r.upper80, 1), figure(r.lower95, 1), figure(r.upper95, 1),
                      figure(r.previousTotal, 0), figure(r.change(), 4), figure(r.maseRatio, 3),
                      figure(r.coverage95, 3), r.note});
    }
    return csv.takeData();
}

Status SegmentForecastCsv::write(const QList<SegmentForecastSummary>& rows, const QString& metric,
                                 const QString& path)
{
    return writeFileAtomically(path, toCsv(rows, metric));
}

} // namespace core::forecast
