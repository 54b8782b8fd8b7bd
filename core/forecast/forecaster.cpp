#include "forecast/forecaster.h"

#include <algorithm>
#include <cmath>

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include "forecast/baseline_forecasts.h"
#include "forecast/ets_intervals.h"
#include "forecast/ets_model_selector.h"
#include "forecast/ets_recursion.h"
#include "forecast/outlier_screen.h"
#include "forecast/prediction_intervals.h"
#include "forecast/season_detector.h"
#include "forecast/series_gaps.h"
#include "common/plural.h"

namespace core::forecast {

namespace {

// The longest season seasonal ETS models take (as R's ets): each index is a parameter.
constexpr int kMaxEtsPeriod = 24;
constexpr double kZeroHeavyShare = 0.5;

struct Prepared
{
    std::vector<double> values;    // from the first observed value on
    std::vector<double> fitValues; // values without outliers: what ETS models are fitted to
    std::vector<double> observed;
    qsizetype fitObserved = 0; // observed values left in fitValues
    bool screened = false;     // fitValues differ from values
    int period = 1;
    bool nonNegative = true;
};

Forecast etsForecast(EtsFit fit, const Prepared& data, const ForecastOptions& options)
{
    if (data.screened)
        fit.sigma2 = EtsFitter::innovationVariance(fit, data.fitValues, data.values);
    Forecast f;
    f.model = fit.spec.name();
    f.seasonPeriod = fit.period;
    f.points = EtsRecursion::pointForecasts(fit.params, fit.spec, fit.finalState, options.horizon);
    if (EtsIntervals::hasClosedForm(fit.spec)) {
        f.intervals = PredictionIntervals::fromVariances(f.points, EtsIntervals::variances(fit, f.points),
                                                         options.levels);
    } else {
        f.intervals = EtsIntervals::simulated(fit, options.horizon, options.levels, options.simulationPaths,
                                              options.seed);
        f.analyticIntervals = false;
    }
    f.ets = fit;
    return f;
}

Result<Forecast> explicitEts(const Prepared& data, const ForecastOptions& options)
{
    const EtsSpec& spec = options.model.spec;
    const qsizetype observed = data.fitObserved;
    if (spec.isSeasonal() && data.period < 2)
        return Error::validation(
            QStringLiteral("no_season"),
            QStringLiteral("%1 is seasonal but the series has no seasonal period; give one "
                           "(e.g. 7 for days of the week).")
                .arg(spec.name()));
    if (spec.isSeasonal() && data.period > kMaxEtsPeriod)
        return Error::validation(
            QStringLiteral("season_too_long"),
            QStringLiteral("Seasonal exponential smoothing takes periods up to %1, not %2.")
                .arg(kMaxEtsPeriod)
                .arg(data.period));
    if (!EtsModelSelector::hasEnoughData(spec, data.period, observed))
        return Error::validation(
            QStringLiteral("too_short"),
            QStringLiteral("%1 needs at least %2 values; the series has %3.")
                .arg(spec.name())
                .arg(std::max<qsizetype>(EtsFitter::freeParameterCount(spec, data.period) + 4,
                                         spec.isSeasonal() ? 2 * data.period : 0))
                .arg(observed));
    auto fit = EtsFitter::fit(spec, data.fitValues, data.period, options.fitting);
    if (!fit)
        return fit.error();
    return etsForecast(fit.value(), data, options);
}

Result<Forecast> automatic(const Prepared& data, const ForecastOptions& options)
{
    const qsizetype observed = static_cast<qsizetype>(data.observed.size());
    const qsizetype zeros = std::count(data.observed.begin(), data.observed.end(), 0.0);
    if (data.nonNegative && static_cast<double>(zeros) >= kZeroHeavyShare * static_cast<double>(observed)) {
        Forecast f = BaselineForecasts::intermittent(data.values, std::max(28, 4 * data.period),
                                                     options.horizon, options.levels);
        f.seasonPeriod = data.period;
        f.notes.append(QStringLiteral("%1 of %2 values are zero: forecast is the recent mean with the recent "
                                      "spread as intervals.")
                           .arg(zeros)
                           .arg(observed));
        return f;
    }
    const int etsPeriod = data.period <= kMaxEtsPeriod ? data.period : 1;
    // Positive once outliers (e.g. a day with no impressions at all) are left out.
    const bool positive =
        std::none_of(data.fitValues.begin(), data.fitValues.end(), [](double v) { return v <= 0.0; });
    const QList<EtsSpec> candidates =
        EtsModelSelector::eligibleCandidates(etsPeriod, data.fitObserved, positive);
    if (candidates.isEmpty()) {
        Forecast f = BaselineForecasts::seasonalNaive(data.values, 1, options.horizon, options.levels);
        f.notes.append(
            QStringLiteral("%1 values are too few for exponential smoothing: naive forecast.").arg(observed));
        return f;
    }
    auto selection =
        EtsModelSelector::select(data.fitValues, etsPeriod, candidates, options.fitting, options.selection);
    if (!selection)
        return selection.error();
    Forecast f = etsForecast(selection.value().best, data, options);
    f.candidates = selection.value().ranking;
    if (data.period > kMaxEtsPeriod)
        f.notes.append(
            QStringLiteral("A season of %1 is too long for seasonal exponential smoothing (at most "
                           "%2): non-seasonal models only.")
                .arg(data.period)
                .arg(kMaxEtsPeriod));
    else if (data.period > 1 && std::none_of(candidates.begin(), candidates.end(),
                                             [](const EtsSpec& s) { return s.isSeasonal(); }))
        f.notes.append(
            QStringLiteral("Fewer than two full seasons of %1: non-seasonal models only.").arg(data.period));
    return f;
}

void describeScreening(const OutlierScreen::Screening& screening, const TimeSeries& series, qsizetype offset,
                       QStringList& notes)
{
    if (!screening.outliers.empty()) {
        QStringList labels;
        for (qsizetype i : screening.outliers)
            labels.append(series.labelAt(offset + i));
        notes.append(QStringLiteral("%1 left out of the fit: %2.")
                         .arg(countOf(screening.outliers.size(), QStringLiteral("outlying value"),
                                      QStringLiteral("outlying values")),
                              labels.join(QStringLiteral(", "))));
    }
    for (const auto& [i, value] : screening.clipped)
        notes.append(
            QStringLiteral("The value of %1 (%2) is far outside the recent range and too recent to judge: "
                           "fitted as %3.")
                .arg(series.labelAt(offset + i))
                .arg(series.at(offset + i))
                .arg(QString::number(value, 'g', 6)));
}

void floorAtZero(Forecast& f)
{
    auto clamp = [](std::vector<double>& v) {
        for (double& x : v)
            x = std::max(0.0, x);
    };
    clamp(f.points);
    for (auto& band : f.intervals) {
        clamp(band.lower);
        clamp(band.upper);
    }
}

} // namespace

QFuture<Result<Forecast>> Forecaster::start(TimeSeries series, ForecastOptions options, QThreadPool* pool)
{
    return QtConcurrent::run(
        pool ? pool : QThreadPool::globalInstance(),
        [series = std::move(series), options = std::move(options)] { return fit(series, options); });
}

int Forecaster::seasonPeriodFor(const TimeSeries& series, const ForecastOptions& options)
{
    return options.seasonPeriod > 0 ? options.seasonPeriod : SeasonDetector::detect(series);
}

Result<Forecast> Forecaster::fit(const TimeSeries& series, const ForecastOptions& options)
{
    if (auto valid = options.validate(); !valid)
        return valid.error();
    Prepared data;
    const qsizetype first = SeriesGaps::firstObserved(series.values());
    data.values.assign(series.values().begin() + first, series.values().end());
    data.observed = SeriesGaps::observed(data.values);
    if (data.observed.empty())
        return Error::validation(QStringLiteral("no_data"), QStringLiteral("The series has no values."));
    data.nonNegative =
        std::all_of(data.observed.begin(), data.observed.end(), [](double v) { return v >= 0.0; });
    data.period = seasonPeriodFor(series, options);
    data.fitValues = data.values;
    OutlierScreen::Screening screening;
    if (options.screenOutliers &&
        (options.model.kind == ModelChoice::Kind::Auto || options.model.kind == ModelChoice::Kind::Ets)) {
        screening = OutlierScreen::screen(data.values, data.period);
        data.fitValues = screening.applyTo(data.values);
    }
    data.fitObserved = static_cast<qsizetype>(data.observed.size() - screening.outliers.size());
    data.screened = !screening.isEmpty();

    Result<Forecast> result;
    const auto [lowest, highest] = std::minmax_element(data.observed.begin(), data.observed.end());
    if (*lowest == *highest) {
        Forecast f = BaselineForecasts::constant(*lowest, options.horizon, options.levels);
        f.seasonPeriod = data.period;
        f.notes.append(QStringLiteral("Every value is %1: the forecast repeats it.").arg(*lowest));
        result = std::move(f);
    } else {
        switch (options.model.kind) {
        case ModelChoice::Kind::Auto:
            result = automatic(data, options);
            break;
        case ModelChoice::Kind::Ets:
            result = explicitEts(data, options);
            break;
        case ModelChoice::Kind::SeasonalNaive:
            result =
                BaselineForecasts::seasonalNaive(data.values, data.period, options.horizon, options.levels);
            break;
        case ModelChoice::Kind::Naive:
            result = BaselineForecasts::seasonalNaive(data.values, 1, options.horizon, options.levels);
            break;
        }
    }
    if (!result)
        return result;
    Forecast& f = result.value();
    if (data.nonNegative)
        floorAtZero(f);
    if (f.ets)
        describeScreening(screening, series, first, f.notes);
    if (const qsizetype gaps = std::count_if(data.values.begin(), data.values.end(),
                                             [](double v) { return TimeSeries::isMissing(v); });
        gaps > 0)
        f.notes.append(QStringLiteral("%1 stepped over.").arg(countOf(gaps, QStringLiteral("missing value"), QStringLiteral("missing values"))));
    f.firstDay = series.isDaily() ? series.dateAt(series.size()) : QDate();
    f.firstPeriod = series.periodAt(series.size());
    return result;
}

} // namespace core::forecast
