// The hot loop allocates nothing: the counting global operator new (tests/support) sees
// no allocation between the first and last step of GD, SGD and label-noise SGD runs with
// observers (StochasticDiffEq's alloc_tests.jl, style.md §3.10). Allocations in on_start and
// before the loop are allowed, so the count is compared between a short and a long run.
#include <vector>

#include <gtest/gtest.h>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/label_noise_sgd.hpp"
#include "lib/observers/loss_integral.hpp"
#include "lib/observers/scalar_trace.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/diagonal_linear_network/discrete_scale_bookkeeping.hpp"
#include "problems/diagonal_linear_network/dln_trace.hpp"
#include "tests/lib/algorithms/test_problems.hpp"
#include "tests/support/counting_allocator.hpp"

namespace sgdbias {
namespace {

using problems::DiagonalLinearNetwork;
using problems::DiscreteScaleBookkeeping;
using problems::DlnConvention;
using problems::DlnTrace;

// Allocations of one run of `steps` steps (algorithm and observers built inside).
template <class MakeAlgorithm>
long allocations_of_run(const DiagonalLinearNetwork& network, MakeAlgorithm make_algorithm, Index steps) {
  auto algorithm = make_algorithm();
  DiscreteScaleBookkeeping bookkeeping(network);
  DlnTrace trace(network, {.teacher = Vector::Zero(network.num_features()), .record_beta = true});
  LossIntegral integral(network);
  Vector x = network.initial_state();
  const long before = testing::allocations_so_far();
  iterate(algorithm, x, {.steps = steps, .record_stride = 10}, bookkeeping, trace, integral);
  return testing::allocations_so_far() - before;
}

template <class MakeAlgorithm>
void expect_no_allocation_per_step(const DiagonalLinearNetwork& network, MakeAlgorithm make_algorithm) {
  EXPECT_EQ(allocations_of_run(network, make_algorithm, 100), allocations_of_run(network, make_algorithm, 1000));
}

// Guards the guard: a counter that misses allocations would make every test below vacuous.
TEST(IterateAllocation, TheCounterSeesOperatorNewAndEigenBlocks) {
  long before = testing::allocations_so_far();
  const std::vector<double> standard_vector(1000, 1.0);
  EXPECT_GE(testing::allocations_so_far() - before, 1) << standard_vector[0];
  if (!testing::allocation_counter_sees_malloc()) GTEST_SKIP() << "sanitizer build: malloc is not counted";
  before = testing::allocations_so_far();
  const Vector eigen_vector = Vector::Ones(1000);
  EXPECT_GE(testing::allocations_so_far() - before, 1) << eigen_vector.sum();
}

TEST(IterateAllocation, StepsAllocateNothingForGdSgdAndLabelNoiseSgd) {
  const auto data = testing::regression_data(20, 30, 3);
  const DiagonalLinearNetwork network(data.train, DlnConvention::ppf(0.1));
  expect_no_allocation_per_step(network, [&] { return GradientDescent(network, {0.01}); });
  expect_no_allocation_per_step(network, [&] {
    return StochasticGradientDescent(network, {.step_size = 0.01, .batch_size = 3},
                                     RandomStream(1, 0, Purpose::kMinibatch));
  });
  expect_no_allocation_per_step(network, [&] {
    return LabelNoiseSgd(network, {.step_size = 0.01, .batch_size = 2}, LabelNoiseSchedule::first_steps(50, 1.0),
                         RandomStream(1, 0, Purpose::kMinibatch), RandomStream(1, 0, Purpose::kLabelNoise));
  });
}

}  // namespace
}  // namespace sgdbias
