#pragma once

#include <QHash>
#include <QString>

#include "analytics/kpi_summary.h"
#include "analytics/metric.h"

namespace ui {

// How the detail and comparison views write figures: counts with group separators, money with
// two decimals and the advertiser's currency ("€4.56", core::Money), rates as percentages,
// intervals in brackets ("1.23 % (1.10–1.37 %)"). The current QLocale decides separators. An
// empty currency writes money as a plain number.
class MetricFormat
{
public:
    static QString count(qint64 value);
    static QString money(double value, const QString& currency = {});
    static QString percent(double fraction);
    // A metric's value as metricValue() gives it (fractions for CTR and CVR).
    static QString value(core::Metric metric, double value, const QString& currency = {});
    // "1.10–1.37 %" (CTR, CVR), "€4.10–€5.02" (CPM): a 95 % interval's bounds.
    static QString interval(core::Metric metric, double low, double high, const QString& currency = {});
    // "1.23 % (1.10–1.37 %)"; just the rate when there is no interval; "—" without trials.
    static QString rate(const core::ProportionEstimate& estimate);
    // "€4.56 (€4.10–€5.02)"; just the value when there is no interval; "—" without impressions.
    static QString cpm(const core::RatioEstimate& estimate, const QString& currency = {});
    // A KPI of the summary, interval included for CTR, CVR and CPM. Unique users: the distinct
    // count when known, else the average per day.
    static QString kpi(const core::KpiSummary& kpis, core::Metric metric, const QString& currency = {});

    // The currencies of the workspace's advertisers (id → ISO 4217 code), set when the workspace
    // loads its advertisers; currencyOf is "" for an unknown advertiser.
    static void setCurrencies(const QHash<QString, QString>& currencyByAdvertiser);
    static QString currencyOf(const QString& advertiserId);
};

} // namespace ui
