// SGD: acceptance check 6 of dln.md §9 (PPF and product parametrisations give the same SGD path
// to 1e-12 over 2·10⁴ steps with the same index sequence), reproducibility, and its relation to
// GD. Deterministic for a seed.
#include <vector>

#include <gtest/gtest.h>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/label_noise_sgd.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/diagonal_linear_network/dln_trace.hpp"
#include "tests/lib/algorithms/test_problems.hpp"

namespace sgdbias {
namespace {

using problems::DiagonalLinearNetwork;
using problems::DlnConvention;
using problems::DlnTrace;

// β at every record step of an SGD (or label-noise SGD) run.
template <class Algorithm>
Matrix beta_path(const DiagonalLinearNetwork& network, Algorithm& algorithm, Index steps) {
  Vector x = network.initial_state();
  DlnTrace trace(network, {.teacher = std::nullopt, .record_beta = true});
  iterate(algorithm, x, {.steps = steps, .record_stride = 500}, trace);
  return trace.betas();
}

TEST(StochasticGradientDescent, PpfAndEquivalentProductParametrisationsGiveTheSamePath) {
  // dln.md §3.2 "Exact equivalence" and §9 check 6: u = p + q, v = p − q maps PPF SGD on ¼r²
  // (u₀ = v₀ = α) onto product SGD on ½r² (u₀ = 2α, v₀ = 0); same seed → same indices.
  SGDBIAS_TRACE_SEED();
  const auto data = testing::regression_data(40, 100, 5);
  const DiagonalLinearNetwork ppf(data.train, DlnConvention::ppf(0.1));
  const DiagonalLinearNetwork product(data.train, DlnConvention::product_equivalent_to_ppf(0.1));
  for (const Index batch_size : {Index{1}, Index{4}}) {
    SCOPED_TRACE(batch_size);
    const StochasticGradientDescentOptions options{.step_size = 0.05, .batch_size = batch_size};
    StochasticGradientDescent sgd_ppf(ppf, options, RandomStream(testing::test_seed(), 0, Purpose::kMinibatch));
    StochasticGradientDescent sgd_product(product, options,
                                          RandomStream(testing::test_seed(), 0, Purpose::kMinibatch));
    const Matrix path_ppf = beta_path(ppf, sgd_ppf, 20'000);
    const Matrix path_product = beta_path(product, sgd_product, 20'000);
    EXPECT_LE((path_ppf - path_product).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_GT((path_ppf.col(path_ppf.cols() - 1) - path_ppf.col(0)).norm(), 0.1);  // the run did move
  }
}

TEST(StochasticGradientDescent, LabelNoisePathsAgreeAcrossEquivalentParametrisations) {
  SGDBIAS_TRACE_SEED();
  const auto data = testing::regression_data(40, 100, 5);
  const DiagonalLinearNetwork ppf(data.train, DlnConvention::ppf(0.1));
  const DiagonalLinearNetwork product(data.train, DlnConvention::product_equivalent_to_ppf(0.1));
  const auto make = [&](const DiagonalLinearNetwork& network) {
    return LabelNoiseSgd(network, {.step_size = 0.01}, LabelNoiseSchedule::first_steps(1000, 1.0),
                         RandomStream(testing::test_seed(), 0, Purpose::kMinibatch),
                         RandomStream(testing::test_seed(), 0, Purpose::kLabelNoise));
  };
  auto noisy_ppf = make(ppf);
  auto noisy_product = make(product);
  EXPECT_LE((beta_path(ppf, noisy_ppf, 5000) - beta_path(product, noisy_product, 5000)).cwiseAbs().maxCoeff(),
            1e-12);
}

TEST(StochasticGradientDescent, SameSeedGivesBitIdenticalRunsAndDifferentTrajectoriesDiffer) {
  SGDBIAS_TRACE_SEED();
  const auto data = testing::regression_data(20, 30, 3);
  const DiagonalLinearNetwork network(data.train, DlnConvention::epgf(0.1));
  const auto run = [&](std::uint64_t trajectory) {
    StochasticGradientDescent sgd(network, {.step_size = 0.02, .batch_size = 2},
                                  RandomStream(testing::test_seed(), trajectory, Purpose::kMinibatch));
    Vector x = network.initial_state();
    iterate(sgd, x, {.steps = 2000});
    return x;
  };
  EXPECT_EQ(run(0), run(0));
  EXPECT_NE(run(0), run(1));
}

TEST(StochasticGradientDescent, FullBatchWithoutReplacementIsGradientDescent) {
  // A without-replacement batch of size n is a permutation of all samples: same gradient as GD
  // up to summation order.
  SGDBIAS_TRACE_SEED();
  const auto data = testing::regression_data(15, 20, 3);
  const DiagonalLinearNetwork network(data.train, DlnConvention::ppf(0.2));
  StochasticGradientDescent sgd(network,
                                {.step_size = 0.05, .batch_size = 15, .sampling = BatchSampling::kWithoutReplacement},
                                RandomStream(testing::test_seed(), 0, Purpose::kMinibatch));
  GradientDescent gd(network, {0.05});
  Vector x_sgd = network.initial_state();
  Vector x_gd = network.initial_state();
  iterate(sgd, x_sgd, {.steps = 500});
  iterate(gd, x_gd, {.steps = 500});
  EXPECT_LE((x_sgd - x_gd).cwiseAbs().maxCoeff(), 1e-12);
}

}  // namespace
}  // namespace sgdbias
