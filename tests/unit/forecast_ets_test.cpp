// The ETS model: spec parsing, the state-space recursion against hand-computed values and
// against the component-form recursions of the reference, the likelihood, the admissible
// region, starting values, and maximum-likelihood fits that recover known parameters.
#include <cmath>
#include <complex>
#include <numeric>

#include <gtest/gtest.h>

#include "forecast/ets_admissibility.h"
#include "forecast/ets_fitter.h"
#include "forecast/ets_initialiser.h"
#include "forecast/ets_likelihood.h"
#include "forecast/ets_recursion.h"
#include "forecast/seeded_random.h"

using namespace core::forecast;

namespace {

EtsSpec spec(const char* code)
{
    auto s = EtsSpec::parse(QString::fromLatin1(code));
    EXPECT_TRUE(s.ok()) << code;
    return s.value();
}

// Simulates n values of a model from a state (the recursion itself is tested separately).
std::vector<double> simulateSeries(const char* code, EtsParams p, EtsState state, double sigma, int n,
                                   std::uint64_t seed)
{
    SeededRandom random(seed);
    return EtsRecursion::simulate(spec(code), p, state, sigma, n, 1, random);
}

} // namespace

TEST(EtsSpecTest, ParsesCodesAndNamesThem)
{
    EXPECT_EQ(spec("MAdM").name(), QStringLiteral("ETS(M,Ad,M)"));
    EXPECT_EQ(spec("ann").code(), QStringLiteral("ANN"));
    EXPECT_EQ(spec("ETS(A,Ad,A)").code(), QStringLiteral("AAdA"));
    EXPECT_EQ(spec("A,N,M").season, EtsSpec::Season::Multiplicative);
    const EtsSpec m = spec("MAN");
    EXPECT_EQ(m.error, EtsSpec::Error::Multiplicative);
    EXPECT_TRUE(m.hasTrend());
    EXPECT_FALSE(m.isDamped());
    EXPECT_FALSE(m.isSeasonal());
    EXPECT_TRUE(m.needsPositiveData());
    EXPECT_FALSE(spec("AAdA").needsPositiveData());
}

TEST(EtsSpecTest, RejectsUnknownAndMultiplicativeTrendModels)
{
    for (const char* bad : {"", "XYZ", "AN", "AAAA", "ETS(A,N)", "auto"}) {
        auto s = EtsSpec::parse(QString::fromLatin1(bad));
        ASSERT_FALSE(s.ok()) << bad;
        EXPECT_EQ(s.error().code, QStringLiteral("unknown_model")) << bad;
    }
    auto m = EtsSpec::parse(QStringLiteral("MMN"));
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().code, QStringLiteral("unsupported_model"));
    EXPECT_TRUE(m.error().userMessage.contains(QStringLiteral("multiplicative trend")));
}

TEST(EtsSpecTest, AutomaticCandidatesFollowTheData)
{
    EXPECT_EQ(EtsSpec::autoCandidates(true, true).size(), 15); // R's default set
    EXPECT_EQ(EtsSpec::autoCandidates(false, true).size(), 6);
    const auto withZeros = EtsSpec::autoCandidates(true, false);
    EXPECT_EQ(withZeros.size(), 6);
    for (const EtsSpec& s : withZeros)
        EXPECT_FALSE(s.needsPositiveData()) << s.name().toStdString();
    for (const EtsSpec& s : EtsSpec::autoCandidates(true, true))
        EXPECT_FALSE(s.error == EtsSpec::Error::Additive && s.season == EtsSpec::Season::Multiplicative);
}

TEST(EtsRecursionTest, SimpleExponentialSmoothingByHand)
{
    // l0 = 10, alpha = 0.5, y = 12, 11, 14: means 10, 11, 11; levels 11, 11, 12.5.
    EtsState state{10.0, 0.0, {}};
    const std::vector<double> y{12.0, 11.0, 14.0};
    std::vector<double> fitted(3);
    const auto pass =
        EtsRecursion::run(spec("ANN"), EtsParams{0.5, 0, 0, 1}, state, y.data(), 3, fitted.data());
    EXPECT_EQ(fitted, (std::vector<double>{10.0, 11.0, 11.0}));
    EXPECT_DOUBLE_EQ(state.level, 12.5);
    EXPECT_DOUBLE_EQ(pass.sumSquaredErrors, 4.0 + 0.0 + 9.0);
    EXPECT_EQ(pass.observed, 3);
    EXPECT_EQ(EtsRecursion::pointForecasts(EtsParams{0.5, 0, 0, 1}, spec("ANN"), state, 3),
              (std::vector<double>{12.5, 12.5, 12.5}));
}

TEST(EtsRecursionTest, HoltAndDampedTrendByHand)
{
    // l0 = 10, b0 = 1, alpha 0.5, beta 0.2, y = 12, 13.
    // t1: mean 11, d 1 -> l 11.5, b 1.2; t2: mean 12.7, d 0.3 -> l 12.85, b 1.26.
    EtsState holt{10.0, 1.0, {}};
    const std::vector<double> y{12.0, 13.0};
    EtsRecursion::run(spec("AAN"), EtsParams{0.5, 0.2, 0, 1}, holt, y.data(), 2);
    EXPECT_NEAR(holt.level, 12.85, 1e-12);
    EXPECT_NEAR(holt.trend, 1.26, 1e-12);
    const auto f = EtsRecursion::pointForecasts(EtsParams{0.5, 0.2, 0, 1}, spec("AAN"), holt, 2);
    EXPECT_NEAR(f[0], 14.11, 1e-12);
    EXPECT_NEAR(f[1], 15.37, 1e-12);

    // Damped, phi 0.9: t1: base 10.9, d 1.1 -> l 11.45, b 0.9 + 0.22 = 1.12;
    // forecasts l + (phi + ... + phi^h) b.
    EtsState damped{10.0, 1.0, {}};
    const EtsParams p{0.5, 0.2, 0, 0.9};
    EtsRecursion::run(spec("AAdN"), p, damped, y.data(), 1);
    EXPECT_NEAR(damped.level, 11.45, 1e-12);
    EXPECT_NEAR(damped.trend, 1.12, 1e-12);
    const auto g = EtsRecursion::pointForecasts(p, spec("AAdN"), damped, 3);
    EXPECT_NEAR(g[0], 11.45 + 0.9 * 1.12, 1e-12);
    EXPECT_NEAR(g[2], 11.45 + (0.9 + 0.81 + 0.729) * 1.12, 1e-12);
}

TEST(EtsRecursionTest, SeasonalIndicesCycleInOrderAndRotate)
{
    // Additive season, period 3, no smoothing of anything: the means repeat l0 + s.
    EtsState state{100.0, 0.0, {1.0, 2.0, 3.0}};
    const EtsParams p{0.0001, 0, 0.0001, 1};
    std::vector<double> y{101.0, 102.0, 103.0, 101.0};
    std::vector<double> fitted(4);
    EtsRecursion::run(spec("ANA"), p, state, y.data(), 4, fitted.data());
    EXPECT_EQ(fitted, (std::vector<double>{101.0, 102.0, 103.0, 101.0}));
    // Four steps in: the next step uses the second index.
    EXPECT_EQ(state.season, (std::vector<double>{2.0, 3.0, 1.0}));
    EXPECT_EQ(EtsRecursion::pointForecasts(p, spec("ANA"), state, 4),
              (std::vector<double>{102.0, 103.0, 101.0, 102.0}));
}

// The component (Holt-Winters) form of the reference, forecasting.md §3.3, written out
// independently: the state-space recursion must give the same one-step means.
TEST(EtsRecursionTest, MatchesTheReferenceComponentFormWithDampedTrendAndSeason)
{
    const int m = 4;
    const double alpha = 0.35, betaStar = 0.3, gamma = 0.2, phi = 0.9;
    std::vector<double> y;
    SeededRandom random(5);
    for (int t = 0; t < 40; ++t)
        y.push_back(50.0 + t + 8.0 * std::sin(t * 1.5708) + random.normal(0.0, 2.0));
    for (const char* code : {"AAdA", "MAdM"}) {
        const bool multiplicative = code[0] == 'M';
        const std::vector<double> s0 = multiplicative ? std::vector<double>{1.1, 0.9, 1.05, 0.95}
                                                      : std::vector<double>{5.0, -5.0, 2.0, -2.0};
        EtsState state{48.0, 1.5, s0};
        std::vector<double> fitted(y.size());
        EtsRecursion::run(spec(code), EtsParams{alpha, alpha * betaStar, gamma, phi}, state, y.data(),
                          static_cast<qsizetype>(y.size()), fitted.data());

        double l = 48.0, b = 1.5;
        std::vector<double> s = s0; // s[t % m] is s_{t-m} at step t
        for (size_t t = 0; t < y.size(); ++t) {
            const double sOld = s[t % m];
            const double mean = multiplicative ? (l + phi * b) * sOld : l + phi * b + sOld;
            EXPECT_NEAR(fitted[t], mean, 1e-9 * std::abs(mean)) << code << " t=" << t;
            const double lNew = multiplicative ? alpha * (y[t] / sOld) + (1 - alpha) * (l + phi * b)
                                               : alpha * (y[t] - sOld) + (1 - alpha) * (l + phi * b);
            const double bNew = betaStar * (lNew - l) + (1 - betaStar) * phi * b;
            s[t % m] = multiplicative ? gamma * y[t] / (l + phi * b) + (1 - gamma) * sOld
                                      : gamma * (y[t] - l - phi * b) + (1 - gamma) * sOld;
            l = lNew;
            b = bNew;
        }
        EXPECT_NEAR(state.level, l, 1e-9 * l) << code;
        EXPECT_NEAR(state.trend, b, 1e-9) << code;
    }
}

TEST(EtsRecursionTest, MissingValuesCarryTheForecastAndKeepTheirPlace)
{
    // A missing day contributes nothing and the state moves on by its forecast; the day after
    // it still uses its own seasonal index.
    EtsState withGap{100.0, 0.0, {10.0, -10.0}};
    const std::vector<double> y{111.0, std::nan(""), 112.0};
    std::vector<double> fitted(3);
    const EtsParams p{0.5, 0, 0.1, 1};
    const auto pass = EtsRecursion::run(spec("ANA"), p, withGap, y.data(), 3, fitted.data());
    EXPECT_EQ(pass.observed, 2);
    // t1: mean 110, d 1 -> l 100.5, s0 10.1. t2: missing, mean 90.5, l 100.5. t3: mean 110.6 (s0 again).
    EXPECT_DOUBLE_EQ(fitted[1], 90.5);
    EXPECT_DOUBLE_EQ(fitted[2], 110.6);
    EXPECT_NEAR(pass.sumSquaredErrors, 1.0 + 1.4 * 1.4, 1e-12);
}

TEST(EtsRecursionTest, MultiplicativeModelsRejectNonPositiveMeans)
{
    EtsState state{1.0, -2.0, {}};
    const std::vector<double> y{1.0, 1.0};
    EXPECT_FALSE(EtsRecursion::run(spec("MAN"), EtsParams{0.1, 0.01, 0, 1}, state, y.data(), 2).valid);
    EtsState additive{1.0, -2.0, {}};
    EXPECT_TRUE(EtsRecursion::run(spec("AAN"), EtsParams{0.1, 0.01, 0, 1}, additive, y.data(), 2).valid);
}

TEST(EtsLikelihoodTest, CriterionAndInformationCriteriaByHand)
{
    const std::vector<double> y{12.0, 11.0, 14.0};
    EtsState a{10.0, 0.0, {}};
    const auto additive = EtsRecursion::run(spec("ANN"), EtsParams{0.5, 0, 0, 1}, a, y.data(), 3);
    EXPECT_NEAR(EtsLikelihood::criterion(spec("ANN"), additive), 3.0 * std::log(13.0), 1e-12);

    // Multiplicative error: relative errors 0.2, 0, 3/11 and 2 sum log(mean) added.
    EtsState m{10.0, 0.0, {}};
    const auto multiplicative = EtsRecursion::run(spec("MNN"), EtsParams{0.5, 0, 0, 1}, m, y.data(), 3);
    const double sse = 0.04 + (3.0 / 11.0) * (3.0 / 11.0);
    EXPECT_NEAR(multiplicative.sumSquaredErrors, sse, 1e-12);
    EXPECT_NEAR(EtsLikelihood::criterion(spec("MNN"), multiplicative),
                3.0 * std::log(sse) + 2.0 * (std::log(10.0) + 2.0 * std::log(11.0)), 1e-12);

    // logLik = -(criterion + n (log(2 pi / n) + 1)) / 2; AICc = AIC + 2k(k+1)/(n-k-1).
    const auto ic = EtsLikelihood::criteria(100.0, 50, 3);
    const double logLik = -0.5 * (100.0 + 50.0 * (std::log(2.0 * M_PI / 50.0) + 1.0));
    EXPECT_NEAR(ic.logLikelihood, logLik, 1e-12);
    EXPECT_NEAR(ic.aic, -2.0 * logLik + 6.0, 1e-12);
    EXPECT_NEAR(ic.aicc, ic.aic + 24.0 / 46.0, 1e-12);
    EXPECT_NEAR(ic.bic, -2.0 * logLik + 3.0 * std::log(50.0), 1e-12);
    EXPECT_TRUE(std::isinf(EtsLikelihood::criteria(1.0, 4, 3).aicc)); // n - k - 1 = 0
}

TEST(EtsAdmissibilityTest, SchurCohnAgreesWithKnownRoots)
{
    // (z - 0.5)(z + 0.9) inside; (z - 0.5)(z + 1.1) not; z - 1 on the circle passes (R's tolerance).
    EXPECT_TRUE(EtsAdmissibility::rootsInsideUnitCircle({-0.45, 0.4, 1.0}));
    EXPECT_FALSE(EtsAdmissibility::rootsInsideUnitCircle({-0.55, 0.6, 1.0}));
    EXPECT_TRUE(EtsAdmissibility::rootsInsideUnitCircle({-1.0, 1.0}));
    EXPECT_FALSE(EtsAdmissibility::rootsInsideUnitCircle({-1.001, 1.0}));
    // z^2 + 0.25 (roots +-0.5i) and z^2 + 4 (roots +-2i).
    EXPECT_TRUE(EtsAdmissibility::rootsInsideUnitCircle({0.25, 0.0, 1.0}));
    EXPECT_FALSE(EtsAdmissibility::rootsInsideUnitCircle({4.0, 0.0, 1.0}));
}

TEST(EtsAdmissibilityTest, SchurCohnAgreesWithRootsFoundNumerically)
{
    // Random degree-8 polynomials built from known roots: the test must say whether the
    // largest root modulus is below 1.
    SeededRandom random(11);
    int inside = 0;
    for (int trial = 0; trial < 300; ++trial) {
        std::vector<std::complex<double>> poly{1.0}; // coefficients, constant first
        double largest = 0.0;
        for (int k = 0; k < 4; ++k) { // four conjugate pairs
            const double r = random.uniform(0.2, 1.2);
            const double angle = random.uniform(0.0, M_PI);
            const std::complex<double> root = std::polar(r, angle);
            largest = std::max(largest, r);
            for (const auto& z : {root, std::conj(root)}) {
                std::vector<std::complex<double>> next(poly.size() + 1, 0.0);
                for (size_t i = 0; i < poly.size(); ++i) {
                    next[i + 1] += poly[i];
                    next[i] -= z * poly[i];
                }
                poly = next;
            }
        }
        if (std::abs(largest - 1.0) < 1e-3)
            continue;
        std::vector<double> real;
        for (const auto& c : poly)
            real.push_back(c.real());
        EXPECT_EQ(EtsAdmissibility::rootsInsideUnitCircle(real), largest < 1.0) << "trial " << trial;
        inside += largest < 1.0;
    }
    EXPECT_GT(inside, 30); // both outcomes were exercised
}

TEST(EtsAdmissibilityTest, UsualAndForecastableRegions)
{
    EXPECT_TRUE(EtsAdmissibility::isAdmissible(spec("AAdA"), EtsParams{0.3, 0.1, 0.2, 0.95}, 7));
    EXPECT_FALSE(EtsAdmissibility::withinUsualBounds(spec("AAN"), EtsParams{0.3, 0.4, 0, 1})); // beta > alpha
    EXPECT_FALSE(
        EtsAdmissibility::withinUsualBounds(spec("ANA"), EtsParams{0.7, 0, 0.4, 1})); // gamma > 1 - alpha
    EXPECT_FALSE(EtsAdmissibility::withinUsualBounds(spec("AAdN"), EtsParams{0.3, 0.1, 0, 0.99}));
    EXPECT_TRUE(EtsAdmissibility::withinUsualBounds(spec("ANN"),
                                                    EtsParams{0.3, 5.0, 5.0, 5.0})); // unused ones ignored
    // SES is forecastable for alpha in (0, 2) even beyond the usual bounds.
    EXPECT_TRUE(EtsAdmissibility::isForecastable(spec("ANN"), EtsParams{1.5, 0, 0, 1}, 1));
    EXPECT_FALSE(EtsAdmissibility::isForecastable(spec("ANN"), EtsParams{2.5, 0, 0, 1}, 1));
    // Seasonal: gamma beyond 1 + 1/phi - alpha is not forecastable.
    EXPECT_FALSE(EtsAdmissibility::isForecastable(spec("ANA"), EtsParams{0.5, 0, 1.6, 1}, 4));
    EXPECT_TRUE(EtsAdmissibility::isForecastable(spec("ANA"), EtsParams{0.5, 0, 0.3, 1}, 4));
}

TEST(EtsInitialiserTest, DecompositionFindsTheSeasonalPatternAndTheLine)
{
    // y = 100 + 2 t + pattern, pattern (6, -2, -4) repeating: additive indices in order and a
    // line through the adjusted values starting at l0 = 100, b0 = 2.
    std::vector<double> y;
    const double pattern[] = {6.0, -2.0, -4.0};
    for (int t = 1; t <= 30; ++t)
        y.push_back(100.0 + 2.0 * t + pattern[(t - 1) % 3]);
    const EtsState s = EtsInitialiser::initialState(spec("AAA"), y, 3);
    ASSERT_EQ(s.season.size(), 3u);
    for (int j = 0; j < 3; ++j)
        EXPECT_NEAR(s.season[j], pattern[j], 1e-9);
    EXPECT_NEAR(s.level, 100.0, 1e-9);
    EXPECT_NEAR(s.trend, 2.0, 1e-9);

    const auto ma = EtsInitialiser::centredMovingAverage({1, 2, 3, 4, 5, 6}, 4);
    EXPECT_TRUE(std::isnan(ma[1]));
    EXPECT_DOUBLE_EQ(ma[2], (0.5 * 1 + 2 + 3 + 4 + 0.5 * 5) / 4.0);

    // Multiplicative indices average 1.
    std::vector<double> z;
    for (int t = 0; t < 40; ++t)
        z.push_back(50.0 * (t % 4 == 0 ? 1.5 : 0.8333333333333334));
    const auto mult = EtsInitialiser::seasonalIndices(z, 4, true, 0);
    EXPECT_NEAR(std::accumulate(mult.begin(), mult.end(), 0.0), 4.0, 1e-9);
    EXPECT_NEAR(mult[0] / mult[1], 1.8, 1e-9);
}

TEST(EtsFitterTest, RecoversTheParametersOfSimulatedSeries)
{
    const auto ses = simulateSeries("ANN", EtsParams{0.3, 0, 0, 1}, EtsState{100.0, 0.0, {}}, 2.0, 2000, 3);
    auto fit = EtsFitter::fit(spec("ANN"), ses, 1);
    ASSERT_TRUE(fit.ok()) << fit.error().toString().toStdString();
    EXPECT_NEAR(fit.value().params.alpha, 0.3, 0.05);
    EXPECT_NEAR(std::sqrt(fit.value().sigma2), 2.0, 0.1);
    EXPECT_EQ(fit.value().observed, 2000);
    EXPECT_EQ(fit.value().parameterCount, 3); // alpha, l0, sigma

    const auto seasonal = simulateSeries("MNM", EtsParams{0.2, 0, 0.1, 1},
                                         EtsState{1000.0, 0.0, {1.3, 1.1, 1.0, 0.9, 0.7}}, 0.03, 1500, 4);
    auto mnm = EtsFitter::fit(spec("MNM"), seasonal, 5);
    ASSERT_TRUE(mnm.ok());
    EXPECT_NEAR(mnm.value().params.alpha, 0.2, 0.06);
    EXPECT_NEAR(mnm.value().params.gamma, 0.1, 0.06);
    EXPECT_NEAR(std::sqrt(mnm.value().sigma2), 0.03, 0.003); // relative errors
    EXPECT_TRUE(EtsAdmissibility::isAdmissible(spec("MNM"), mnm.value().params, 5));
}

TEST(EtsFitterTest, IsTheSameOnAnyScale)
{
    const auto y = simulateSeries("AAN", EtsParams{0.4, 0.05, 0, 1}, EtsState{50.0, 0.5, {}}, 1.0, 200, 9);
    std::vector<double> big(y);
    for (double& v : big)
        v *= 1e6;
    auto small = EtsFitter::fit(spec("AAN"), y, 1);
    auto large = EtsFitter::fit(spec("AAN"), big, 1);
    ASSERT_TRUE(small.ok() && large.ok());
    EXPECT_NEAR(small.value().params.alpha, large.value().params.alpha, 1e-4);
    EXPECT_NEAR(small.value().finalState.level * 1e6 / large.value().finalState.level, 1.0, 1e-6);
    EXPECT_NEAR(small.value().sigma2 * 1e12 / large.value().sigma2, 1.0, 1e-4);
    // The likelihood changes by n log(scale): the same AICc differences between models.
    EXPECT_NEAR(large.value().criteria.logLikelihood - small.value().criteria.logLikelihood,
                -200.0 * std::log(1e6), 1e-3);
}

TEST(EtsFitterTest, SearchingTheSeasonalStatesFitsAtLeastAsWell)
{
    const auto y =
        simulateSeries("ANA", EtsParams{0.3, 0, 0.1, 1}, EtsState{20.0, 0.0, {3, -1, -2, 0}}, 0.5, 120, 21);
    EtsFitter::Options searched;
    searched.optimiseSeasonalStates = true;
    auto fixed = EtsFitter::fit(spec("ANA"), y, 4);
    auto full = EtsFitter::fit(spec("ANA"), y, 4, searched);
    ASSERT_TRUE(fixed.ok() && full.ok());
    // Searching a superset of the fixed-index space from the same start: no worse a fit (up to
    // the optimiser's tolerance).
    EXPECT_GE(full.value().criteria.logLikelihood, fixed.value().criteria.logLikelihood - 0.5);
    EXPECT_EQ(full.value().parameterCount, fixed.value().parameterCount);      // both estimate m - 1 indices
    EXPECT_EQ(EtsFitter::searchedParameterCount(spec("ANA"), 4, searched), 6); // alpha, gamma, l0, 3 indices
    EXPECT_EQ(EtsFitter::searchedParameterCount(spec("ANA"), 4, EtsFitter::Options{}), 3); // alpha, gamma, l0
}

TEST(EtsFitterTest, RefusesWhatItCannotFit)
{
    auto seasonal = EtsFitter::fit(spec("ANA"), {1, 2, 3, 4, 5, 6}, 1);
    ASSERT_FALSE(seasonal.ok());
    EXPECT_EQ(seasonal.error().code, QStringLiteral("no_season"));
    auto zeros = EtsFitter::fit(spec("MNN"), {1, 0, 3, 4, 5, 6, 7}, 1);
    ASSERT_FALSE(zeros.ok());
    EXPECT_EQ(zeros.error().code, QStringLiteral("not_positive"));
    EXPECT_TRUE(zeros.error().userMessage.contains(QStringLiteral("1 zero or negative")));
    auto empty = EtsFitter::fit(spec("ANN"), {std::nan(""), std::nan("")}, 1);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, QStringLiteral("no_data"));
}
