// The bounded Nelder–Mead search.
#include <cmath>

#include <gtest/gtest.h>

#include "forecast/bounded_nelder_mead.h"

using namespace core::forecast;

TEST(BoundedNelderMeadTest, FindsTheMinimumOfRosenbrock)
{
    int calls = 0;
    auto rosenbrock = [&calls](const std::vector<double>& x) {
        ++calls;
        return 100.0 * std::pow(x[1] - x[0] * x[0], 2) + std::pow(1.0 - x[0], 2);
    };
    BoundedNelderMead::Options options;
    options.maxEvaluations = 5000;
    options.relativeTolerance = 1e-14;
    const double inf = BoundedNelderMead::unbounded();
    const auto out =
        BoundedNelderMead::minimise(rosenbrock, {-1.2, 1.0}, {0.5, 0.5}, {-inf, -inf}, {inf, inf}, options);
    EXPECT_TRUE(out.converged);
    EXPECT_NEAR(out.x[0], 1.0, 1e-3);
    EXPECT_NEAR(out.x[1], 1.0, 2e-3);
    EXPECT_EQ(out.evaluations, calls);
}

TEST(BoundedNelderMeadTest, StaysInsideTheBoxAndStopsAtItsEdge)
{
    // The unconstrained minimum (3, -2) lies outside [0, 1] x [0, 1]: the answer is the corner (1, 0).
    auto bowl = [](const std::vector<double>& x) {
        EXPECT_TRUE(x[0] >= 0.0 && x[0] <= 1.0 && x[1] >= 0.0 && x[1] <= 1.0);
        return std::pow(x[0] - 3.0, 2) + std::pow(x[1] + 2.0, 2);
    };
    const auto out = BoundedNelderMead::minimise(bowl, {0.5, 0.5}, {0.2, 0.2}, {0.0, 0.0}, {1.0, 1.0}, {});
    EXPECT_NEAR(out.x[0], 1.0, 1e-6);
    EXPECT_NEAR(out.x[1], 0.0, 1e-6);
}

TEST(BoundedNelderMeadTest, AvoidsInfeasiblePointsAndHonoursTheBudget)
{
    // Infeasible (NaN or infinity) beyond x0 + x1 > 1; minimum of -(x0 + 2 x1) at (0, 1) on that edge.
    auto objective = [](const std::vector<double>& x) {
        if (x[0] + x[1] > 1.0)
            return std::nan("");
        return -(x[0] + 2.0 * x[1]);
    };
    const auto out =
        BoundedNelderMead::minimise(objective, {0.2, 0.2}, {0.5, 0.5}, {0.0, 0.0}, {1.0, 1.0}, {});
    EXPECT_TRUE(std::isfinite(out.value));
    EXPECT_NEAR(out.value, -2.0, 1e-3);

    BoundedNelderMead::Options tight;
    tight.maxEvaluations = 25;
    int calls = 0;
    const auto capped = BoundedNelderMead::minimise(
        [&calls](const std::vector<double>& x) {
            ++calls;
            return x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
        },
        {5, 5, 5}, {1, 1, 1}, {-10, -10, -10}, {10, 10, 10}, tight);
    EXPECT_FALSE(capped.converged);
    EXPECT_LE(calls, 25 + 5); // the last iteration may finish (reflect, contract, shrink 3)
    EXPECT_LT(capped.value, 75.0);
}
