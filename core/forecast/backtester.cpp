#include "forecast/backtester.h"

#include <cmath>

#include "forecast/accuracy.h"
#include "forecast/forecaster.h"
#include "forecast/series_gaps.h"

namespace core::forecast {

namespace {

// Sums for one method across origins.
class ScoreAccumulator
{
public:
    explicit ScoreAccumulator(const QList<double>& levels) : m_levels(levels), m_inside(levels.size(), 0) {}

    void add(const Forecast& f, const std::vector<double>& actual, const std::vector<double>& history,
             int period)
    {
        const qsizetype observed = Accuracy::observedCount(actual);
        if (observed == 0)
            return;
        m_score.models.append(f.model);
        m_smapeSum += Accuracy::smape(actual, f.points) * static_cast<double>(observed);
        const double mase = Accuracy::mase(actual, f.points, history, period);
        if (std::isfinite(mase)) {
            m_maseSum += mase;
            ++m_maseCount;
        }
        for (qsizetype i = 0; i < m_levels.size(); ++i) {
            if (const ForecastInterval* band = f.interval(m_levels.at(i)))
                m_inside[i] += Accuracy::covered(actual, *band);
        }
        m_score.points += observed;
    }

    MethodScore result() const
    {
        MethodScore s = m_score;
        const double points = static_cast<double>(s.points);
        s.smape = s.points > 0 ? m_smapeSum / points : std::nan("");
        s.mase = m_maseCount > 0 ? m_maseSum / m_maseCount : std::nan("");
        for (qsizetype i = 0; i < m_levels.size(); ++i)
            s.coverage.push_back(
                {m_levels.at(i), s.points > 0 ? static_cast<double>(m_inside[i]) / points : 0.0});
        return s;
    }

private:
    QList<double> m_levels;
    std::vector<qsizetype> m_inside;
    MethodScore m_score;
    double m_smapeSum = 0.0;
    double m_maseSum = 0.0;
    int m_maseCount = 0;
};

} // namespace

double MethodScore::coverageAt(double level) const
{
    for (const auto& c : coverage) {
        if (std::abs(c.level - level) < 1e-9)
            return c.share;
    }
    return std::nan("");
}

Result<Backtest> Backtester::run(const TimeSeries& series, const BacktestOptions& options)
{
    if (auto valid = options.forecast.validate(); !valid)
        return valid.error();
    if (options.origins < 1 || options.origins > 1000)
        return Error::validation(
            QStringLiteral("bad_origins"),
            QStringLiteral("The number of origins must be between 1 and 1000, not %1.").arg(options.origins));
    if (options.step < 0)
        return Error::validation(
            QStringLiteral("bad_step"),
            QStringLiteral("The step between origins must be 1 or more, not %1.").arg(options.step));

    Backtest out;
    out.horizon = options.forecast.horizon;
    out.seasonPeriod = Forecaster::seasonPeriodFor(series, options.forecast);
    out.step = options.step > 0 ? options.step : std::max(1, out.seasonPeriod);
    ForecastOptions forecastOptions = options.forecast;
    forecastOptions.seasonPeriod = out.seasonPeriod;
    ForecastOptions baselineOptions = forecastOptions;
    baselineOptions.model.kind = ModelChoice::Kind::SeasonalNaive;
    const qsizetype minimumHistory = out.seasonPeriod > 1 ? 2 * out.seasonPeriod : 6;

    ScoreAccumulator model(forecastOptions.levels);
    ScoreAccumulator naive(forecastOptions.levels);
    for (int k = options.origins - 1; k >= 0; --k) {
        const qsizetype origin = series.size() - out.horizon - static_cast<qsizetype>(k) * out.step;
        if (origin < 1)
            continue;
        const TimeSeries train = series.head(origin);
        if (train.observedCount() < minimumHistory)
            continue;
        const std::vector<double>& history = train.values();
        const std::vector<double> actual = series.slice(origin, out.horizon).values();
        auto f = Forecaster::fit(train, forecastOptions);
        if (!f)
            return f.error();
        model.add(f.value(), actual, history, out.seasonPeriod);
        auto baseline = Forecaster::fit(train, baselineOptions);
        if (!baseline)
            return baseline.error();
        naive.add(baseline.value(), actual, history, out.seasonPeriod);
        ++out.origins;
    }
    if (out.origins == 0)
        return Error::validation(
            QStringLiteral("too_short"),
            QStringLiteral(
                "The series is too short to backtest %1 steps: it needs at least %2 values before the "
                "last %1.")
                .arg(out.horizon)
                .arg(minimumHistory));
    out.model = model.result();
    out.seasonalNaive = naive.result();
    return out;
}

} // namespace core::forecast
