#include "analytics/metric_format.h"

#include <QLocale>

#include "domain/money.h"

namespace ui {

namespace {

const QString kNone = QStringLiteral("—");

QString number(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

} // namespace

QString MetricFormat::count(qint64 value)
{
    return QLocale().toString(value);
}

QString MetricFormat::money(double value, const QString& currency)
{
    return core::Money::format(value, currency);
}

namespace {

QHash<QString, QString>& currencies()
{
    static QHash<QString, QString> table;
    return table;
}

} // namespace

void MetricFormat::setCurrencies(const QHash<QString, QString>& currencyByAdvertiser)
{
    currencies() = currencyByAdvertiser;
}

QString MetricFormat::currencyOf(const QString& advertiserId)
{
    return currencies().value(advertiserId);
}

QString MetricFormat::percent(double fraction)
{
    return number(100.0 * fraction, 2) + QStringLiteral(" %");
}

QString MetricFormat::value(core::Metric metric, double value, const QString& currency)
{
    switch (metric) {
    case core::Metric::Ctr:
    case core::Metric::Cvr:
        return percent(value);
    case core::Metric::Spend:
    case core::Metric::Cpm:
        return money(value, currency);
    case core::Metric::UniqueUsers:
        return value == static_cast<double>(static_cast<qint64>(value)) ? count(static_cast<qint64>(value))
                                                                        : number(value, 1);
    case core::Metric::Impressions:
    case core::Metric::Clicks:
    case core::Metric::Conversions:
        break;
    }
    return count(static_cast<qint64>(value));
}

QString MetricFormat::interval(core::Metric metric, double low, double high, const QString& currency)
{
    if (core::isRateMetric(metric))
        return QStringLiteral("%1–%2 %").arg(number(100.0 * low, 2), number(100.0 * high, 2));
    return QStringLiteral("%1–%2").arg(money(low, currency), money(high, currency));
}

QString MetricFormat::rate(const core::ProportionEstimate& estimate)
{
    if (!estimate.defined())
        return kNone;
    if (!estimate.hasInterval)
        return percent(estimate.value);
    return QStringLiteral("%1 (%2)").arg(percent(estimate.value),
                                         interval(core::Metric::Ctr, estimate.low, estimate.high));
}

QString MetricFormat::cpm(const core::RatioEstimate& estimate, const QString& currency)
{
    if (estimate.units == 0)
        return kNone;
    if (!estimate.hasInterval)
        return money(estimate.value, currency);
    return QStringLiteral("%1 (%2)").arg(money(estimate.value, currency),
                                         interval(core::Metric::Cpm, estimate.low, estimate.high, currency));
}

QString MetricFormat::kpi(const core::KpiSummary& kpis, core::Metric metric, const QString& currency)
{
    switch (metric) {
    case core::Metric::Impressions:
        return count(kpis.impressions);
    case core::Metric::Clicks:
        return count(kpis.clicks);
    case core::Metric::Conversions:
        return count(kpis.conversions);
    case core::Metric::UniqueUsers:
        if (kpis.uniqueUsers)
            return count(*kpis.uniqueUsers);
        return kpis.range.days() > 0
                   ? number(static_cast<double>(kpis.userDays) / static_cast<double>(kpis.range.days()), 1)
                   : kNone;
    case core::Metric::Spend:
        return money(kpis.spend(), currency);
    case core::Metric::Ctr:
        return rate(kpis.ctr);
    case core::Metric::Cvr:
        return rate(kpis.cvr);
    case core::Metric::Cpm:
        return cpm(kpis.cpm, currency);
    }
    return kNone;
}

} // namespace ui
