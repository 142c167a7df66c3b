// dln.md §9 check 8: converged GD and SGD runs (product form, u₀ = 2α ⇔ PPF α = 0.1 as in §8.4)
// end at the Bregman projection argmin D_{H_{κ∞}}(β, β̃₀) predicted from the run's recorded sums
// Σq±(γg) (§7), and
// for small γ the plain argmin H_{κ∞} is within 1e-2. Uses lib/algorithms (iterate, GD, SGD) and
// problems::DiscreteScaleBookkeeping. Deterministic and bit-identical for a seed.
// Also checks §9 check 7 (ln κ_K = ln κ₀ − Σq) on the final state where it is resolvable.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/analysis/effective_initialization.hpp"
#include "lib/analysis/gain.hpp"
#include "lib/analysis/predicted_interpolator.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/diagonal_linear_network/discrete_scale_bookkeeping.hpp"
#include "tests/lib/analysis/section_8_4_data.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using problems::DiagonalLinearNetwork;
using problems::DiscreteScaleBookkeeping;
using problems::DlnConvention;

struct DiscreteRun {
  Vector beta;
  Vector log_final_scale;
  Vector sum_q_plus;
  Vector sum_q_minus;
  double mean_squared_error = 0.0;
  Index steps = 0;
};

// Runs `algorithm` in chunks of 20 000 steps until MSE ≤ 1e-20 (or max_steps).
template <class Algorithm>
DiscreteRun run_until_interpolation(Algorithm& algorithm, const DiagonalLinearNetwork& network, Index max_steps) {
  DiscreteScaleBookkeeping bookkeeping(network);
  Vector x = network.initial_state();
  IterationOptions options;
  options.steps = 20000;
  options.record_stride = options.steps;
  DiscreteRun run;
  while (run.steps < max_steps) {
    iterate(algorithm, x, options, bookkeeping);
    run.steps += options.steps;
    run.mean_squared_error = network.mean_squared_error(x);
    if (run.mean_squared_error <= 1e-20) break;
  }
  run.beta = network.beta(x);
  run.log_final_scale.resize(network.num_features());
  network.log_scale(x, run.log_final_scale);
  run.sum_q_plus = bookkeeping.q_plus();
  run.sum_q_minus = bookkeeping.q_minus();
  return run;
}

class DiscreteImplicitBias : public ::testing::Test {
 protected:
  DiscreteImplicitBias()
      : setup_(testing::section_8_4_data(testing::test_seed())),
        network_(setup_.data.train, DlnConvention::product_equivalent_to_ppf(0.1)) {}

  // Checks the §7 characterisation for a converged run; returns the plain-argmin gap.
  double check_characterisation(const DiscreteRun& run, const std::string& label) {
    EXPECT_LE(run.mean_squared_error, 1e-20) << label << " did not converge in " << run.steps << " steps";
    const Vector& log_initial = network_.log_initial_scale();
    const DiscreteEffectiveInitialization effective =
        discrete_effective_initialization(log_initial, run.sum_q_plus, run.sum_q_minus);
    // §9 check 7 on the state: ln κ_K is only resolvable from (u, v) where κ is not lost to
    // round-off in u − v = √2·w₋ (relative error ≈ ε√(β²+κ²)/κ); those coordinates are checked.
    const Vector root = (run.beta.array().square() + effective.log_scale.array().exp().square()).sqrt().matrix();
    Index checked = 0;
    for (Index j = 0; j < run.beta.size(); ++j) {
      if (std::exp(effective.log_scale[j]) < 1e-4 * root[j]) continue;
      ++checked;
      EXPECT_NEAR(run.log_final_scale[j], effective.log_scale[j], 1e-9) << label << ", coordinate " << j;
    }
    const Vector predicted =
        predict_discrete_limit(setup_.constraint, log_initial, run.sum_q_plus, run.sum_q_minus).beta;
    const double gap = (run.beta - predicted).norm() / predicted.norm();
    EXPECT_LE(gap, 1e-9) << label;
    const Vector plain = minimum_entropy_interpolator(setup_.constraint, effective.log_scale).beta;
    const double plain_gap = (run.beta - plain).norm() / plain.norm();
    const Vector gain_vector = gain(log_initial, effective.log_scale);
    RecordProperty(label, describe("steps ", run.steps, " ln κ checked on ", checked, " coordinates,", " bregman gap ", gap, " plain gap ",
                  plain_gap, " mean gain ", gain_vector.mean()));
    return plain_gap;
  }

  testing::Section84Data setup_;
  DiagonalLinearNetwork network_;
};

TEST_F(DiscreteImplicitBias, GradientDescentEndsAtTheBregmanProjection) {
  SGDBIAS_TRACE_SEED();
  for (double step_size : {0.1, 0.5}) {
    GradientDescent<DiagonalLinearNetwork> algorithm(network_, {.step_size = step_size});
    const DiscreteRun run = run_until_interpolation(algorithm, network_, 400000);
    const double plain_gap = check_characterisation(run, "gd_" + std::to_string(step_size));
    if (step_size <= 0.1) {
      EXPECT_LT(plain_gap, 1e-2);
    }
  }
}

TEST_F(DiscreteImplicitBias, StochasticGradientDescentEndsAtTheBregmanProjection) {
  SGDBIAS_TRACE_SEED();
  for (double step_size : {0.02, 0.05}) {
    StochasticGradientDescent<DiagonalLinearNetwork> algorithm(
        network_, {.step_size = step_size, .batch_size = 1},
        RandomStream(testing::test_seed(), 0, Purpose::kMinibatch));
    const DiscreteRun run = run_until_interpolation(algorithm, network_, 2000000);
    const double plain_gap = check_characterisation(run, "sgd_" + std::to_string(step_size));
    // Dropping β̃₀ is a 1e-2-level approximation only for small γ: at γ = 0.05 it costs 2.5e-2 on
    // this seed's data (whose GF ∫L is 3× that of the spec's §8.4 run), far above the Bregman gap.
    if (step_size <= 0.02) {
      EXPECT_LT(plain_gap, 1e-2);
    } else {
      EXPECT_GT(plain_gap, 1e-6);
    }
  }
}

}  // namespace
}  // namespace sgdbias
