// THE observer protocol (lib/core/observer.hpp) on every driver: the same StateTrace and
// LossIntegral types on an iterate() GD run, an sde::integrate path and a flow on a grid
// (integrate_flow_on_grid), each checked against a closed form or an exact identity:
//   * one record grid: all drivers record at 0, s, 2s, …, K for the same (K, s);
//   * GD on L = x²: Σ_k γ L(x_k) is a geometric sum, x_k = x₀(1 − 2γ)^k;
//   * the gradient flow of L = x² on a grid of h: Σ_k h x₀² e^{−4kh} (RK4 error ≪ 1e-9);
//   * the DLN gradient flow (dln.md §4): ∫₀^T L dt = ½[Φ(β*) − D_Φ(β*, β_T)], Φ = ¼H_{κ₀} (PPF),
//     and since L decreases along a gradient flow the left Riemann sum lies in [∫, ∫ + h(L₀ − L_T)].
// Deterministic (no randomness but the SDE path's seeded stream).
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/analysis/hyperbolic_entropy.hpp"
#include "lib/analysis/paper_potentials.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/record_grid.hpp"
#include "lib/core/time_grid.hpp"
#include "lib/flows/gradient_flow.hpp"
#include "lib/flows/integrate_flow.hpp"
#include "lib/observers/loss_integral.hpp"
#include "lib/observers/scalar_trace.hpp"
#include "lib/observers/state_trace.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/reference_sdes/ornstein_uhlenbeck.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "tests/lib/analysis/section_8_4_data.hpp"
#include "tests/lib/observers/square_problem.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using testing::Square;

// Observers that keep a problem by reference refuse a temporary, as the algorithms do
// (tests/lib/algorithms/problem_ownership_test.cpp): the declarations below must not compile.
template <class P>
concept BuildsLossIntegral = requires { LossIntegral(std::declval<P>()); };
template <class P>
concept BuildsLossTrace = requires { LossTrace(std::declval<P>()); };
static_assert(BuildsLossIntegral<const Square&> && !BuildsLossIntegral<Square>);
static_assert(BuildsLossTrace<const Square&> && !BuildsLossTrace<Square>);

// Steps 0 ≤ k ≤ K with k % s == 0 or k == K, by the definition (no countdown).
std::vector<Index> expected_records(Index steps, Index stride) {
  std::vector<Index> records;
  for (Index k = 0; k <= steps; ++k) {
    if (k % stride == 0 || k == steps) records.push_back(k);
  }
  return records;
}

TEST(ObserverProtocol, IterateSdeAndFlowRecordOnTheSameGrid) {
  const Square square;
  const problems::OrnsteinUhlenbeck ou;
  for (const auto& [steps, stride] : std::vector<std::pair<Index, Index>>{{10, 4}, {8, 4}, {7, 1}, {5, 10}, {1, 3}}) {
    SCOPED_TRACE(::testing::Message() << "K = " << steps << ", s = " << stride);
    const std::vector<Index> expected = expected_records(steps, stride);
    ASSERT_EQ(static_cast<Index>(expected.size()), (RecordGrid{steps, stride}.num_records()));

    GradientDescent descent(square, {.step_size = 0.1});
    Vector x = Vector::Ones(1);
    StateTrace on_iterate;
    iterate(descent, x, {.steps = steps, .record_stride = stride}, on_iterate);
    EXPECT_EQ(on_iterate.steps(), expected);
    EXPECT_EQ(on_iterate.states().cols(), static_cast<Index>(expected.size()));
    EXPECT_DOUBLE_EQ(on_iterate.times().back(), 0.1 * static_cast<double>(steps));  // t = γk

    const TimeGrid grid{0.5, 1.5, steps, stride};
    sde::EulerMaruyama integrator(1, 1);
    sde::BrownianIncrements brownian(1, RandomStream(testing::test_seed(), 0, Purpose::kBrownian));
    Vector y = ou.initial_state();
    StateTrace on_sde;
    sde::integrate(integrator, ou, y, grid, brownian, on_sde);
    EXPECT_EQ(on_sde.steps(), expected);
    for (std::size_t r = 0; r < expected.size(); ++r) EXPECT_EQ(on_sde.times()[r], grid.point_time(expected[r]));
    EXPECT_EQ(on_sde.states().col(on_sde.states().cols() - 1), y);  // the last record is the final state

    GradientFlow<Square> flow(square);
    Vector z = Vector::Ones(1);
    StateTrace on_flow;
    integrate_flow_on_grid(flow, z, grid, FlowIntegrationOptions{}, on_flow);
    EXPECT_EQ(on_flow.steps(), expected);
    EXPECT_EQ(on_flow.times(), on_sde.times());
  }
}

TEST(ObserverProtocol, EveryDriverRefusesARecordStrideBelowOne) {
  const Square square;
  const problems::OrnsteinUhlenbeck ou;
  GradientDescent descent(square, {.step_size = 0.1});
  Vector x = Vector::Ones(1);
  EXPECT_THROW(iterate(descent, x, {.steps = 4, .record_stride = 0}), InvalidArgument);
  sde::EulerMaruyama integrator(1, 1);
  sde::BrownianIncrements brownian(1, RandomStream(testing::test_seed(), 0, Purpose::kBrownian));
  Vector y = ou.initial_state();
  EXPECT_THROW(sde::integrate(integrator, ou, y, TimeGrid{0.0, 1.0, 4, 0}, brownian), InvalidArgument);
  GradientFlow<Square> flow(square);
  EXPECT_THROW(integrate_flow_on_grid(flow, x, TimeGrid{0.0, 1.0, 4, 0}, FlowIntegrationOptions{}), InvalidArgument);
  EXPECT_EQ(x[0], 1.0);  // refused before any step
}

TEST(ObserverProtocol, LossIntegralOnGradientDescentIsTheGeometricSum) {
  // x_k = x₀ r^k, r = 1 − 2γ: Σ_{k<K} γ x_k² = γ x₀² (1 − r^{2K}) / (1 − r²).
  const Square square;
  constexpr double kStep = 0.1, kStart = 3.0;
  constexpr Index kSteps = 50;
  GradientDescent descent(square, {.step_size = kStep});
  Vector x = Vector::Constant(1, kStart);
  LossIntegral integral(square);
  iterate(descent, x, {.steps = kSteps}, integral);
  const double r2 = (1 - 2 * kStep) * (1 - 2 * kStep);
  const double expected = kStep * kStart * kStart * (1 - std::pow(r2, kSteps)) / (1 - r2);
  EXPECT_NEAR(integral.value(), expected, 1e-14 * expected);
  EXPECT_NEAR(integral.time(), kStep * kSteps, 1e-12);
}

TEST(ObserverProtocol, LossIntegralOnAFlowIsTheLeftRiemannSumOfTheExactSolution) {
  // ẋ = −2x: L(t_k) = x₀² e^{−4kh}, so Σ_{k<K} h L(t_k) = h x₀² (1 − e^{−4T}) / (1 − e^{−4h}).
  // RK4 with 8 substeps per interval: relative error ≈ K·8·(2h/8)⁵/120 ≈ 1e-10 here.
  const Square square;
  constexpr double kStart = 3.0;
  const TimeGrid grid{0.0, 2.0, 40, 10};
  GradientFlow<Square> flow(square);
  Vector x = Vector::Constant(1, kStart);
  LossIntegral integral(square);
  LossTrace losses(square);
  integrate_flow_on_grid(flow, x, grid, FlowIntegrationOptions{}, integral, losses);
  const double h = grid.time_step();
  const double expected = h * kStart * kStart * (1 - std::exp(-4.0 * grid.end)) / (1 - std::exp(-4.0 * h));
  EXPECT_NEAR(integral.value(), expected, 1e-9 * expected);
  EXPECT_NEAR(integral.time(), grid.end, 1e-12);
  EXPECT_EQ(losses.steps(), (std::vector<Index>{0, 10, 20, 30, 40}));
  EXPECT_NEAR(losses.losses().back(), kStart * kStart * std::exp(-4.0 * grid.end), 1e-9);
}

TEST(ObserverProtocol, LossIntegralOnTheDiagonalNetworkFlowMeetsTheBregmanIdentity) {
  SGDBIAS_TRACE_SEED();
  // dln.md §4 at a finite time T, PPF (β₀ = 0, so D_Φ(β*, β₀) = Φ(β*)): ∫₀^T L = ½[Φ(β*) − D_Φ(β*, β_T)].
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  constexpr double kAlpha = 0.1;
  const problems::DiagonalLinearNetwork network(setup.data.train, problems::DlnConvention::ppf(kAlpha));
  const TimeGrid grid{0.0, 20.0, 1000, 250};
  GradientFlow<problems::DiagonalLinearNetwork> flow(network);
  Vector x = network.initial_state();
  LossIntegral integral(network);
  LossTrace losses(network);
  integrate_flow_on_grid(flow, x, grid, FlowIntegrationOptions{.substeps = 4}, integral, losses);
  const HyperbolicEntropy entropy(ppf_log_scale(Vector::Constant(network.num_features(), kAlpha)));
  const Vector& teacher = setup.data.teacher;
  const double exact = 0.5 * 0.25 * (entropy.value(teacher) - entropy.bregman_divergence(teacher, network.beta(x)));
  const double left_sum_excess = grid.time_step() * (losses.losses().front() - losses.losses().back());
  std::printf("DLN gradient flow: left Riemann sum %.10f, identity %.10f, excess %.3e of at most %.3e\n",
              integral.value(), exact, integral.value() - exact, left_sum_excess);
  EXPECT_GT(exact, 0.1);  // the run did integrate a sizeable loss
  EXPECT_GE(integral.value() - exact, -1e-9);
  EXPECT_LE(integral.value() - exact, left_sum_excess + 1e-9);
}

}  // namespace
}  // namespace sgdbias
