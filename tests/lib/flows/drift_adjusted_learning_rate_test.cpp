// DAL and DAL-p step policies (bea.md §5, §8 check 14 DAL part). Randomised draws come from
// RandomStream(test_seed(), ·, kTest): deterministic and bit-identical for a given seed.
#include "lib/flows/drift_adjusted_learning_rate.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "lib/random/random_stream.hpp"
#include "tests/lib/flows/flow_test_problems.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using testing::TestQuadratic;

TEST(DriftAdjustedLearningRate, GradientAlongAnEigenvectorGivesTwoOverLambdaToThePowerP) {
  SGDBIAS_TRACE_SEED();
  const Vector spectrum = (Vector(3) << 0.5, 2.0, 5.0).finished();
  const TestQuadratic problem(spectrum, testing::test_seed());
  for (double p : {0.5, 1.0, 2.0}) {
    DriftAdjustedLearningRate<TestQuadratic> policy(problem, {.power = p, .max_step_size = 100.0});
    for (Index i = 0; i < 3; ++i) {
      const Vector x = problem.minimiser() + 0.7 * problem.eigenvectors().col(i);
      Vector g(3);
      problem.gradient(x, g);
      const double expected = 2.0 / std::pow(spectrum[i], p);
      EXPECT_NEAR(policy.step_size(x, g, 0), expected, 1e-12 * expected) << "p = " << p << ", λ = " << spectrum[i];
    }
  }
}

TEST(DriftAdjustedLearningRate, DriftNormLiesBetweenExtremeEigenvaluesForRandomGradients) {
  SGDBIAS_TRACE_SEED();
  const TestQuadratic problem((Vector(3) << 0.5, 2.0, 5.0).finished(), testing::test_seed());
  DriftAdjustedLearningRate<TestQuadratic> policy(problem, {.power = 1.0});
  RandomStream stream(testing::test_seed(), 0, Purpose::kTest);
  Vector x(3), g(3);
  for (int draw = 0; draw < 2000; ++draw) {
    stream.fill_standard_normal(x);
    problem.gradient(x, g);
    const double drift = 2.0 / policy.step_size(x, g, 0);  // ‖Hĝ‖
    ASSERT_GE(drift, 0.5 * (1 - 1e-12));
    ASSERT_LE(drift, 5.0 * (1 + 1e-12));
  }
}

TEST(DriftAdjustedLearningRate, FixedRateForPowerZeroOutsideTheActiveWindowAndCapOtherwise) {
  const TestQuadratic problem((Vector(2) << 0.01, 0.02).finished(), testing::test_seed());
  const Vector x = problem.minimiser() + Vector::Ones(2);
  Vector g(2);
  problem.gradient(x, g);
  DriftAdjustedLearningRate<TestQuadratic> fixed(problem, {.power = 0.0, .fixed_step_size = 0.3});
  EXPECT_EQ(fixed.step_size(x, g, 5), 0.3);
  DriftAdjustedLearningRate<TestQuadratic> windowed(problem, {.power = 1.0, .fixed_step_size = 0.3, .max_step_size = 5.0,
                                                              .scaling_start = 10, .scaling_stop = 20});
  EXPECT_EQ(windowed.step_size(x, g, 10), 0.3);
  EXPECT_EQ(windowed.step_size(x, g, 15), 5.0);  // 2/‖Hĝ‖ ≥ 100 is capped
  EXPECT_EQ(windowed.step_size(x, g, 20), 0.3);
  EXPECT_THROW(DriftAdjustedLearningRate<TestQuadratic>(problem, {.power = -1.0}), InvalidArgument);
  EXPECT_THROW(DriftAdjustedLearningRate<TestQuadratic>(problem, {.max_step_size = 0.0}), InvalidArgument);
}

TEST(DriftAdjustedGradientDescent, SitsOnTheStabilityEdgeAlongAnEigenvector) {
  const TestQuadratic problem((Vector(2) << 0.5, 4.0).finished(), testing::test_seed());
  DriftAdjustedGradientDescent<TestQuadratic> dal(problem, {.power = 1.0});
  const Vector offset = 0.3 * problem.eigenvectors().col(1);
  Vector x = problem.minimiser() + offset;
  dal.step(x);
  // h = 2/λ: the component flips sign with unchanged size (factor 1 − hλ = −1).
  EXPECT_NEAR(dal.last_step_size(), 0.5, 1e-12);
  EXPECT_LE((x - problem.minimiser() + offset).norm(), 1e-12);
}

}  // namespace
}  // namespace sgdbias
