// Prediction intervals: normal and sample-path intervals, the closed-form variances of classes 1 and 2
// against the formulas of the reference and against simulation, sample-path quantiles, and the
// coverage of the intervals on data the model really generated.
#include <cmath>

#include <gtest/gtest.h>

#include "forecast/ets_intervals.h"
#include "forecast/ets_recursion.h"
#include "forecast/prediction_intervals.h"
#include "forecast/seeded_random.h"

using namespace core::forecast;

namespace {

EtsFit fitOf(const char* code, EtsParams p, EtsState state, double sigma2, int period = 1)
{
    EtsFit f;
    f.spec = EtsSpec::parse(QString::fromLatin1(code)).value();
    f.params = p;
    f.finalState = std::move(state);
    f.sigma2 = sigma2;
    f.period = period;
    return f;
}

std::vector<double> points(const EtsFit& f, int horizon)
{
    return EtsRecursion::pointForecasts(f.params, f.spec, f.finalState, horizon);
}

// Variance of each step over simulated paths.
std::vector<double> simulatedVariances(const EtsFit& f, int horizon, int paths)
{
    SeededRandom random(99);
    const auto samples =
        EtsRecursion::simulate(f.spec, f.params, f.finalState, std::sqrt(f.sigma2), horizon, paths, random);
    std::vector<double> out(horizon);
    for (int h = 0; h < horizon; ++h) {
        double sum = 0, sumSq = 0;
        for (int p = 0; p < paths; ++p) {
            const double v = samples[static_cast<size_t>(p) * horizon + h];
            sum += v;
            sumSq += v * v;
        }
        const double mean = sum / paths;
        out[h] = sumSq / paths - mean * mean;
    }
    return out;
}

} // namespace

TEST(PredictionIntervalsTest, FromVariancesAndFromSamples)
{
    const auto bands = PredictionIntervals::fromVariances({10.0, 20.0}, {4.0, 0.0}, {95.0, 50.0});
    ASSERT_EQ(bands.size(), 2u);
    EXPECT_NEAR(bands[0].lower[0], 10.0 - 1.959963984540054 * 2.0, 1e-12);
    EXPECT_NEAR(bands[0].upper[0], 10.0 + 1.959963984540054 * 2.0, 1e-12);
    EXPECT_EQ(bands[0].lower[1], 20.0);
    EXPECT_NEAR(bands[1].upper[0], 10.0 + 0.6744897501960817 * 2.0, 1e-12);

    // 101 paths holding 0..100 at step 1 and 100..200 at step 2: type-7 quantiles.
    std::vector<double> samples;
    for (int p = 0; p <= 100; ++p)
        samples.insert(samples.end(), {double(100 - p), double(100 + p)});
    const auto q = PredictionIntervals::fromSamples(samples, 101, 2, {80.0, 95.0});
    EXPECT_DOUBLE_EQ(q[0].lower[0], 10.0);
    EXPECT_DOUBLE_EQ(q[0].upper[0], 90.0);
    EXPECT_DOUBLE_EQ(q[1].lower[1], 102.5);
    EXPECT_DOUBLE_EQ(q[1].upper[1], 197.5);
    std::vector<double> four{4, 1, 3, 2};
    EXPECT_DOUBLE_EQ(PredictionIntervals::quantile(four, 0.5), 2.5);
}

TEST(EtsIntervalsTest, ClassOneVariancesFollowTheReferenceFormulas)
{
    const double s2 = 4.0, alpha = 0.3, beta = 0.1, gamma = 0.2;
    const int m = 4, horizon = 10;
    const EtsFit ann = fitOf("ANN", EtsParams{alpha, 0, 0, 1}, EtsState{100, 0, {}}, s2);
    const EtsFit aan = fitOf("AAN", EtsParams{alpha, beta, 0, 1}, EtsState{100, 1, {}}, s2);
    const EtsFit ana = fitOf("ANA", EtsParams{alpha, 0, gamma, 1}, EtsState{100, 0, {1, -1, 2, -2}}, s2, m);
    const auto vAnn = EtsIntervals::variances(ann, points(ann, horizon));
    const auto vAan = EtsIntervals::variances(aan, points(aan, horizon));
    const auto vAna = EtsIntervals::variances(ana, points(ana, horizon));
    for (int h = 1; h <= horizon; ++h) {
        EXPECT_NEAR(vAnn[h - 1], s2 * (1 + alpha * alpha * (h - 1)), 1e-12) << h;
        EXPECT_NEAR(
            vAan[h - 1],
            s2 * (1 + (h - 1) * (alpha * alpha + alpha * beta * h + beta * beta * h * (2 * h - 1) / 6.0)),
            1e-9)
            << h;
        const int k = (h - 1) / m;
        EXPECT_NEAR(vAna[h - 1], s2 * (1 + alpha * alpha * (h - 1) + gamma * k * (2 * alpha + gamma)), 1e-12)
            << h;
    }
}

TEST(EtsIntervalsTest, ClosedFormsAgreeWithSimulation)
{
    // Class 1 (damped, seasonal) and class 2 (multiplicative error) against 40,000 sample paths.
    const EtsFit aada =
        fitOf("AAdA", EtsParams{0.4, 0.1, 0.2, 0.9}, EtsState{100, 2, {5, -5, 3, -3}}, 9.0, 4);
    const EtsFit madn = fitOf("MAdN", EtsParams{0.3, 0.05, 0, 0.95}, EtsState{100, 1, {}}, 0.01);
    const EtsFit mna = fitOf("MNA", EtsParams{0.2, 0, 0.1, 1}, EtsState{100, 0, {10, -10, 5, -5}}, 0.004, 4);
    for (const EtsFit* f : {&aada, &madn, &mna}) {
        ASSERT_TRUE(EtsIntervals::hasClosedForm(f->spec));
        const auto exact = EtsIntervals::variances(*f, points(*f, 9));
        const auto simulated = simulatedVariances(*f, 9, 40000);
        for (int h = 0; h < 9; ++h)
            EXPECT_NEAR(simulated[h] / exact[h], 1.0, 0.04) << f->spec.name().toStdString() << " h=" << h + 1;
    }
    EXPECT_FALSE(EtsIntervals::hasClosedForm(EtsSpec::parse(QStringLiteral("MNM")).value()));
}

TEST(EtsIntervalsTest, SimulatedIntervalsAreOrderedAndReproducible)
{
    const EtsFit mam =
        fitOf("MAM", EtsParams{0.3, 0.05, 0.1, 1}, EtsState{200, 2, {1.2, 0.8, 1.1, 0.9}}, 0.0025, 4);
    const auto a = EtsIntervals::simulated(mam, 8, {80, 95}, 2000, 7);
    const auto b = EtsIntervals::simulated(mam, 8, {80, 95}, 2000, 7);
    const auto c = EtsIntervals::simulated(mam, 8, {80, 95}, 2000, 8);
    const auto mu = points(mam, 8);
    EXPECT_EQ(a[0].lower, b[0].lower);
    EXPECT_NE(a[1].upper, c[1].upper);
    for (int h = 0; h < 8; ++h) {
        EXPECT_LT(a[1].lower[h], a[0].lower[h]);
        EXPECT_LT(a[0].lower[h], mu[h]);
        EXPECT_LT(mu[h], a[0].upper[h]);
        EXPECT_LT(a[0].upper[h], a[1].upper[h]);
    }
    // Wider further ahead.
    EXPECT_GT(a[1].upper[7] / mu[7], a[1].upper[0] / mu[0]);
}

TEST(EtsIntervalsTest, IntervalsCoverFuturesTheModelGenerates)
{
    // 4,000 futures of ETS(A,A,N) and of ETS(M,N,N), 12 steps each: the 80 % and 95 % intervals
    // hold about 80 % and 95 % of the values.
    for (const char* code : {"AAN", "MNN"}) {
        const bool mult = code[0] == 'M';
        const EtsFit f = fitOf(code, EtsParams{0.4, mult ? 0.0 : 0.1, 0, 1},
                               EtsState{500, mult ? 0.0 : 2.0, {}}, mult ? 0.0016 : 25.0);
        const auto mu = points(f, 12);
        const auto bands = PredictionIntervals::fromVariances(mu, EtsIntervals::variances(f, mu), {80, 95});
        SeededRandom random(17);
        const auto futures =
            EtsRecursion::simulate(f.spec, f.params, f.finalState, std::sqrt(f.sigma2), 12, 4000, random);
        int in80 = 0, in95 = 0;
        for (size_t i = 0; i < futures.size(); ++i) {
            const int h = static_cast<int>(i % 12);
            in80 += futures[i] >= bands[0].lower[h] && futures[i] <= bands[0].upper[h];
            in95 += futures[i] >= bands[1].lower[h] && futures[i] <= bands[1].upper[h];
        }
        EXPECT_NEAR(in80 / double(futures.size()), 0.80, 0.02) << code;
        EXPECT_NEAR(in95 / double(futures.size()), 0.95, 0.015) << code;
    }
}
