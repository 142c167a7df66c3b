// Label-noise SGD and its δ schedules (dln.md §6.4): shifts are ±2δ_k with fair signs, δ = 0 is
// plain SGD bit for bit, schedules give the documented levels, bad input is rejected.
// Deterministic for a seed.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/label_noise_schedule.hpp"
#include "lib/algorithms/label_noise_sgd.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/core/errors.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "tests/lib/algorithms/test_problems.hpp"
#include "tests/support/statistics.hpp"

namespace sgdbias {
namespace {

using problems::LinearRegression;

LinearRegression small_regression() { return LinearRegression(testing::regression_data(20, 8, 3).train); }

// Counts the label shifts an algorithm uses, step by step.
struct ShiftCounter {
  double level = 0.0;
  Index positive = 0, negative = 0, other = 0;
  template <class Algorithm>
  void on_step(Index, const ConstVectorRef&, const Algorithm& algorithm) {
    for (const double shift : algorithm.label_shifts()) {
      if (shift == 2 * level) {
        ++positive;
      } else if (shift == -2 * level) {
        ++negative;
      } else {
        ++other;
      }
    }
  }
};

TEST(LabelNoiseSgd, ShiftsArePlusOrMinusTwiceTheLevelWithProbabilityOneHalf) {
  SGDBIAS_TRACE_SEED();
  const LinearRegression problem = small_regression();
  LabelNoiseSgd algorithm(problem, {.step_size = 1e-3, .batch_size = 3}, LabelNoiseSchedule::constant(0.7),
                          RandomStream(testing::test_seed(), 0, Purpose::kMinibatch),
                          RandomStream(testing::test_seed(), 0, Purpose::kLabelNoise));
  Vector x = Vector::Zero(problem.dimension());
  ShiftCounter counter{.level = 0.7};
  const Index steps = 20'000;
  iterate(algorithm, x, {.steps = steps}, counter);
  EXPECT_EQ(counter.other, 0);
  const double draws = 3.0 * steps;
  EXPECT_NEAR(static_cast<double>(counter.positive), 0.5 * draws, testing::binomial_tolerance(draws, 0.5, 5.0));
}

TEST(LabelNoiseSgd, ZeroNoiseIsPlainSgdBitForBit) {
  SGDBIAS_TRACE_SEED();
  const LinearRegression problem = small_regression();
  LabelNoiseSgd noisy(problem, {.step_size = 0.05, .batch_size = 2}, LabelNoiseSchedule::constant(0.0),
                      RandomStream(testing::test_seed(), 0, Purpose::kMinibatch),
                      RandomStream(testing::test_seed(), 0, Purpose::kLabelNoise));
  StochasticGradientDescent plain(problem, {.step_size = 0.05, .batch_size = 2},
                                  RandomStream(testing::test_seed(), 0, Purpose::kMinibatch));
  Vector x_noisy = Vector::Zero(problem.dimension());
  Vector x_plain = Vector::Zero(problem.dimension());
  iterate(noisy, x_noisy, {.steps = 1000});
  iterate(plain, x_plain, {.steps = 1000});
  EXPECT_EQ(x_noisy, x_plain);
}

TEST(LabelNoiseSgd, NoiseMovesTheIterateButKeepsTheMeanStep) {
  // E[∇ℓ_i(x; y + Δ)] = ∇ℓ_i(x; y) since E[Δ] = 0 (dln.md §6.4). Average many one-step
  // label-noise gradients at a fixed state and compare with the noiseless one (CLT tolerance).
  SGDBIAS_TRACE_SEED();
  const LinearRegression problem = small_regression();
  const Vector x = Vector::Constant(problem.dimension(), 0.3);
  const std::vector<Index> batch = {4};
  RandomStream stream(testing::test_seed(), 0, Purpose::kLabelNoise);
  Vector plain(problem.dimension()), noisy(problem.dimension()), mean = Vector::Zero(problem.dimension());
  problem.batch_gradient(x, batch, plain);
  const int draws = 40'000;
  for (int k = 0; k < draws; ++k) {
    const std::vector<double> shift = {2.0 * stream.random_sign()};
    problem.batch_gradient(x, batch, shift, noisy);
    mean += noisy / draws;
  }
  // Each draw deviates by exactly ±2·(2c)·x_i ⇒ standard error 2·|x_i| /√draws per coordinate (c = ½).
  const Vector feature = problem.features().row(4).transpose();
  for (Index j = 0; j < problem.dimension(); ++j)
    EXPECT_NEAR(mean[j], plain[j], 5.0 * 2.0 * std::abs(feature[j]) / std::sqrt(draws) + 1e-14);
}

// The schedule follows the algorithm's step count, not iterate()'s: a run split into 4 calls is
// one run, bit for bit. Before, each call restarted the schedule, so the noisy phase (here the
// first 300 of 1200 steps) ran 4 times and the mean ln κ shrink was about 3× the single run's.
TEST(LabelNoiseSgd, ARunSplitIntoSeveralIterateCallsIsOneRunBitForBit) {
  SGDBIAS_TRACE_SEED();
  const problems::DiagonalLinearNetwork network(testing::regression_data(20, 30, 3).train,
                                                problems::DlnConvention::ppf(0.1));
  const LabelNoiseSchedule schedule = LabelNoiseSchedule::first_steps(300, 1.0);
  const auto make = [&](Index first_step) {
    return LabelNoiseSgd(network, {.step_size = 0.05, .first_step = first_step}, schedule,
                         RandomStream(testing::test_seed(), 0, Purpose::kMinibatch),
                         RandomStream(testing::test_seed(), 0, Purpose::kLabelNoise));
  };
  const Index steps = 1200, calls = 4;
  auto whole = make(0);
  Vector x_whole = network.initial_state();
  iterate(whole, x_whole, {.steps = steps});
  auto split = make(0);
  Vector x_split = network.initial_state();
  for (Index call = 0; call < calls; ++call) iterate(split, x_split, {.steps = steps / calls});
  EXPECT_EQ(split.next_step(), steps);
  EXPECT_EQ(x_split, x_whole);
  const auto mean_log_shrink = [&](const Vector& x) {
    Vector log_scale(network.num_features());
    network.log_scale(x, log_scale);
    return (log_scale - network.log_initial_scale()).mean();
  };
  EXPECT_EQ(mean_log_shrink(x_split), mean_log_shrink(x_whole));
  // Noise must have shrunk κ at all (δ = 1 for 300 steps), or the comparison would be vacuous.
  auto noiseless = LabelNoiseSgd(network, {.step_size = 0.05}, LabelNoiseSchedule::constant(0.0),
                                 RandomStream(testing::test_seed(), 0, Purpose::kMinibatch),
                                 RandomStream(testing::test_seed(), 0, Purpose::kLabelNoise));
  Vector x_noiseless = network.initial_state();
  iterate(noiseless, x_noiseless, {.steps = steps});
  EXPECT_LT(mean_log_shrink(x_whole), mean_log_shrink(x_noiseless) - 0.1);
  // first_step resumes the schedule: continuing in the noiseless phase equals a δ = 0 run.
  auto resumed = make(300);
  auto plain = LabelNoiseSgd(network, {.step_size = 0.05}, LabelNoiseSchedule::constant(0.0),
                             RandomStream(testing::test_seed(), 0, Purpose::kMinibatch),
                             RandomStream(testing::test_seed(), 0, Purpose::kLabelNoise));
  Vector x_resumed = network.initial_state(), x_plain = network.initial_state();
  iterate(resumed, x_resumed, {.steps = 100});
  iterate(plain, x_plain, {.steps = 100});
  EXPECT_EQ(x_resumed, x_plain);
}

TEST(LabelNoiseSchedule, LevelsFollowTheDocumentedPieces) {
  const LabelNoiseSchedule slides = LabelNoiseSchedule::first_steps(1000, 1.0);
  EXPECT_EQ(slides.level(0), 1.0);
  EXPECT_EQ(slides.level(999), 1.0);
  EXPECT_EQ(slides.level(1000), 0.0);
  const LabelNoiseSchedule pieces = LabelNoiseSchedule::piecewise({{10, 2.0}, {20, 0.5}}, 0.1);
  EXPECT_EQ(pieces.level(9), 2.0);
  EXPECT_EQ(pieces.level(10), 0.5);
  EXPECT_EQ(pieces.level(25), 0.1);
  const LabelNoiseSchedule decaying = LabelNoiseSchedule::function([](Index k) { return 1.0 / (1.0 + k); });
  EXPECT_EQ(decaying.level(3), 0.25);
  EXPECT_EQ(LabelNoiseSchedule::constant(0.3).level(1'000'000), 0.3);
}

TEST(LabelNoiseSchedule, RejectsNegativeNonFiniteAndUnorderedLevels) {
  EXPECT_THROW(LabelNoiseSchedule::constant(-1.0), InvalidArgument);
  EXPECT_THROW(LabelNoiseSchedule::constant(std::nan("")), InvalidArgument);
  EXPECT_THROW(LabelNoiseSchedule::piecewise({{10, 1.0}, {5, 1.0}}, 0.0), InvalidArgument);
  EXPECT_THROW(LabelNoiseSchedule::function(nullptr), InvalidArgument);
  const LabelNoiseSchedule broken = LabelNoiseSchedule::function([](Index) { return -1.0; });
  EXPECT_THROW((void)broken.level(0), InvalidArgument);
}

TEST(LabelNoiseSgd, RejectsBadStepAndBatchSizes) {
  const LinearRegression problem = small_regression();
  const auto make = [&](LabelNoiseSgdOptions options) {
    return LabelNoiseSgd(problem, options, LabelNoiseSchedule::constant(1.0),
                         RandomStream(1, 0, Purpose::kMinibatch), RandomStream(1, 0, Purpose::kLabelNoise));
  };
  EXPECT_THROW(make({.step_size = -0.1}), InvalidArgument);
  EXPECT_THROW(make({.step_size = 0.1, .batch_size = 0}), InvalidArgument);
  EXPECT_THROW(make({.step_size = 0.1, .batch_size = 21}), InvalidArgument);
  EXPECT_THROW(make({.step_size = 0.1, .first_step = -1}), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
