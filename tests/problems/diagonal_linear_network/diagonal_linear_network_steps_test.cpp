// Fused GD / SGD steps of the diagonal network: the same update as the gradient oracles followed
// by x −= γ·gradient (to rounding) in every convention, for full batch, batch 1, batches with
// repeats and label shifts; the in-pass divergence test flags large, NaN and infinite states.
// Deterministic for a seed.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/data/sparse_regression_data.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::problems {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::vector<DiagonalLinearNetwork> networks() {
  SparseRegressionOptions options;
  options.samples = 7;
  options.dimension = 5;
  options.sparsity = 2;
  const Dataset data = make_sparse_regression(options, testing::test_seed()).train;
  return {DiagonalLinearNetwork(data, DlnConvention::ppf(0.3)),
          DiagonalLinearNetwork(data, DlnConvention::epgf(0.3)),
          DiagonalLinearNetwork(data, DlnConvention::custom(DlnParametrisation::kSquareDifference,
                                                            Vector::Constant(1, 0.5), Vector::Constant(1, 0.2), 0.7))};
}

Vector random_state(const DiagonalLinearNetwork& network) {
  RandomStream stream(testing::test_seed(), 3, Purpose::kTest);
  Vector x(network.dimension());
  stream.fill_standard_normal(x);
  return 0.8 * x;
}

// |fused − generic| ≤ a few ulps of the terms: 1e-14 relative to max(|x|, γ|∇L|).
void expect_close(const Vector& fused, const Vector& generic) {
  for (Index i = 0; i < fused.size(); ++i) EXPECT_NEAR(fused[i], generic[i], 1e-14 * (1.0 + std::abs(generic[i])));
}

TEST(DiagonalLinearNetworkSteps, FullBatchStepIsGradientDescent) {
  SGDBIAS_TRACE_SEED();
  for (const DiagonalLinearNetwork& network : networks()) {
    SCOPED_TRACE(network.convention().name());
    const double step_size = 0.05;
    Vector fused = random_state(network);
    Vector gradient(network.dimension());
    network.gradient(fused, gradient);
    const Vector generic = fused - step_size * gradient;
    EXPECT_TRUE(network.gradient_step(fused, step_size, kInfinity));
    expect_close(fused, generic);
  }
}

// K paths at once (panel products, 8 paths per panel) give every column exactly gradient_step's
// bits, for sizes below and around the kernel's vector width; the divergence flag is the AND of
// the paths' flags.
TEST(DiagonalLinearNetworkSteps, GradientStepsOfManyPathsAreEachPathsGradientStepBitForBit) {
  SGDBIAS_TRACE_SEED();
  std::vector<DiagonalLinearNetwork> cases = networks();
  SparseRegressionOptions larger;
  larger.samples = 13;
  larger.dimension = 21;
  larger.sparsity = 3;
  const Dataset data = make_sparse_regression(larger, testing::test_seed()).train;
  cases.emplace_back(data, DlnConvention::ppf(0.3));
  cases.emplace_back(data, DlnConvention::product_equivalent_to_ppf(0.3));
  for (const DiagonalLinearNetwork& network : cases) {
    SCOPED_TRACE(network.convention().name());
    constexpr Index kPaths = 11;
    RandomStream stream(testing::test_seed(), 5, Purpose::kTest);
    Matrix states(network.dimension(), kPaths);
    Eigen::Map<Vector> entries(states.data(), states.size());
    stream.fill_standard_normal(entries);
    Matrix stepped = states;
    EXPECT_TRUE(network.gradient_steps(stepped, 0.05, kInfinity));
    for (Index k = 0; k < kPaths; ++k) {
      Vector single = states.col(k);
      EXPECT_TRUE(network.gradient_step(single, 0.05, kInfinity));
      for (Index j = 0; j < single.size(); ++j) ASSERT_EQ(stepped(j, k), single[j]) << "path " << k << ", entry " << j;
    }
    stepped = states;
    stepped(0, 7) = 1e10;
    EXPECT_FALSE(network.gradient_steps(stepped, 0.05, 1e6)) << "a path beyond the threshold must be flagged";
  }
}

TEST(DiagonalLinearNetworkSteps, MinibatchStepIsMinibatchSgdWithAndWithoutLabelShifts) {
  SGDBIAS_TRACE_SEED();
  const std::vector<std::vector<Index>> batches = {{3}, {0, 6}, {2, 2, 5}};
  for (const DiagonalLinearNetwork& network : networks()) {
    SCOPED_TRACE(network.convention().name());
    for (const std::vector<Index>& batch : batches) {
      const std::vector<double> shifts(batch.size(), 0.4);
      for (const bool with_shifts : {false, true}) {
        const std::span<const double> label_shifts = with_shifts ? std::span<const double>(shifts) : std::span<const double>();
        Vector fused = random_state(network);
        Vector gradient(network.dimension());
        network.batch_gradient(fused, batch, label_shifts, gradient);
        const Vector generic = fused - 0.1 * gradient;
        EXPECT_TRUE(network.batch_gradient_step(fused, batch, label_shifts, 0.1, kInfinity));
        expect_close(fused, generic);
      }
    }
  }
}

// sample_steps is batch_gradient_step with one sample at a time, bit for bit, and stops after the
// first step that leaves the threshold, reporting how many stayed within, exactly where the
// step-by-step loop first returns false.
TEST(DiagonalLinearNetworkSteps, SampleStepsAreBatchOneStepsBitForBit) {
  SGDBIAS_TRACE_SEED();
  std::vector<DiagonalLinearNetwork> all = networks();
  all.emplace_back(Dataset{all[0].features(), all[0].targets()},
                   DlnConvention::custom(DlnParametrisation::kProduct, Vector::Constant(1, 0.4), Vector::Zero(1), 0.25));
  const std::vector<Index> samples = {3, 0, 6, 6, 2, 5, 1, 4, 0, 3, 6, 2, 2, 1, 5, 4, 3, 0, 6, 1};
  for (const DiagonalLinearNetwork& network : all) {
    SCOPED_TRACE(network.convention().name());
    for (const auto& [step_size, threshold] : {std::pair{0.1, kInfinity}, std::pair{3.0, 50.0}}) {
      Vector run = random_state(network), stepwise = run;
      const Index within = network.sample_steps(run, samples, step_size, threshold);
      Index expected = static_cast<Index>(samples.size());
      for (std::size_t k = 0; k < samples.size(); ++k) {
        const std::vector<Index> batch = {samples[k]};
        if (!network.batch_gradient_step(stepwise, batch, {}, step_size, threshold)) {
          expected = static_cast<Index>(k);
          break;
        }
      }
      EXPECT_EQ(within, expected) << "step size " << step_size;
      if (threshold < kInfinity) {
        EXPECT_LT(within, static_cast<Index>(samples.size())) << "γ = 3 should diverge";
      }
      for (Index i = 0; i < run.size(); ++i) {  // the same bits, NaN included
        ASSERT_EQ(std::bit_cast<std::uint64_t>(run[i]), std::bit_cast<std::uint64_t>(stepwise[i])) << "entry " << i;
      }
    }
  }
  Vector x = random_state(all[0]);
  EXPECT_EQ(all[0].sample_steps(x, {}, 0.1, kInfinity), 0);
  const std::vector<Index> outside = {all[0].num_samples()};
  EXPECT_THROW(all[0].sample_steps(x, outside, 0.1, kInfinity), InvalidArgument);
}

TEST(DiagonalLinearNetworkSteps, DivergenceTestFlagsLargeNanAndInfiniteStates) {
  const DiagonalLinearNetwork network = networks()[1];
  const std::vector<Index> batch = {1};
  Vector x = random_state(network);
  EXPECT_FALSE(network.gradient_step(x, 1e-3, 1e-6));  // every |x_i| is far above 1e-6
  x = random_state(network);
  EXPECT_TRUE(network.batch_gradient_step(x, batch, {}, 1e-3, 1e3));
  x[0] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(network.batch_gradient_step(x, batch, {}, 1e-3, kInfinity));
  x = random_state(network);
  x[network.num_features()] = kInfinity;
  EXPECT_FALSE(network.gradient_step(x, 1e-3, kInfinity));  // ±∞ fails even an infinite threshold
}

TEST(DiagonalLinearNetworkSteps, RejectsBadStatesAndBatches) {
  const DiagonalLinearNetwork network = networks()[0];
  Vector wrong(network.dimension() + 1);
  wrong.setZero();
  EXPECT_THROW(network.gradient_step(wrong, 0.1, kInfinity), InvalidArgument);
  Vector x = random_state(network);
  const std::vector<Index> outside = {network.num_samples()};
  EXPECT_THROW(network.batch_gradient_step(x, outside, {}, 0.1, kInfinity), InvalidArgument);
  const std::vector<Index> batch = {0, 1};
  const std::vector<double> one_shift = {0.5};
  EXPECT_THROW(network.batch_gradient_step(x, batch, one_shift, 0.1, kInfinity), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::problems
