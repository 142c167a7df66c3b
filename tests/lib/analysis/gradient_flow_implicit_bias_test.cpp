// dln.md §9 checks 4 and 5: gradient flow on the diagonal network (problems/diagonal_linear_network),
// integrated with Boost.Odeint (controlled Dormand–Prince 5(4), rtol 1e-11), converges to the
// predicted arg-min of H_{κ₀} for the convention's κ₀ (§3.3), and ∫₀^∞ L dt obeys the identity
// of §4. Deterministic and bit-identical for a seed.
#include <cmath>
#include <functional>

#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>
#include <gtest/gtest.h>

#include "lib/core/errors.hpp"

#include "lib/analysis/hyperbolic_entropy.hpp"
#include "lib/analysis/paper_potentials.hpp"
#include "lib/analysis/predicted_interpolator.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "tests/lib/analysis/section_8_4_data.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using problems::DiagonalLinearNetwork;
using problems::DlnConvention;

// State [u; v; ∫₀^t L ds]: ẋ = −∇L(x) and d/dt ∫L = L(x).
class GradientFlowWithLossIntegral {
 public:
  explicit GradientFlowWithLossIntegral(const DiagonalLinearNetwork& network)
      : network_(network), gradient_(network.dimension()) {}

  void operator()(const Vector& state, Vector& derivative, double /*t*/) {
    const Index m = network_.dimension();
    network_.gradient(state.head(m), gradient_);
    derivative.resize(m + 1);
    derivative.head(m) = -gradient_;
    derivative[m] = network_.loss(state.head(m));
  }

 private:
  const DiagonalLinearNetwork& network_;
  Vector gradient_;
};

struct FlowEnd {
  Vector beta;
  double integrated_loss = 0.0;
  double mean_squared_error = 0.0;
  double time = 0.0;
};

// Integrates in windows of 50 time units until MSE ≤ target (or the horizon is reached).
FlowEnd run_gradient_flow(const DiagonalLinearNetwork& network, double target_mse, double horizon) {
  namespace odeint = boost::numeric::odeint;
  GradientFlowWithLossIntegral flow(network);
  Vector state = Vector::Zero(network.dimension() + 1);
  state.head(network.dimension()) = network.initial_state();
  auto stepper = odeint::make_controlled(1e-13, 1e-11, odeint::runge_kutta_dopri5<Vector, double, Vector, double>());
  FlowEnd end;
  double time_step = 1e-3;
  while (end.time < horizon) {
    odeint::integrate_adaptive(stepper, std::ref(flow), state, end.time, end.time + 50.0, time_step);
    end.time += 50.0;
    end.mean_squared_error = network.mean_squared_error(state.head(network.dimension()));
    if (end.mean_squared_error <= target_mse) break;
  }
  end.beta = network.beta(state.head(network.dimension()));
  end.integrated_loss = state[network.dimension()];
  return end;
}

double relative_gap(const Vector& a, const Vector& b) { return (a - b).norm() / b.norm(); }

class GradientFlowImplicitBias : public ::testing::Test {
 protected:
  GradientFlowImplicitBias() : setup_(testing::section_8_4_data(testing::test_seed())) {}
  Vector alpha(double value) const { return Vector::Constant(setup_.constraint.num_features(), value); }
  DiagonalLinearNetwork network(const DlnConvention& convention) const {
    return DiagonalLinearNetwork(setup_.data.train, convention);
  }
  testing::Section84Data setup_;
};

TEST_F(GradientFlowImplicitBias, PpfFlowConvergesToArgminOfHWithScaleTwoAlphaSquared) {
  SGDBIAS_TRACE_SEED();
  const FlowEnd end = run_gradient_flow(network(DlnConvention::ppf(0.1)), 1e-20, 4e4);
  ASSERT_LE(end.mean_squared_error, 1e-20) << "gradient flow did not converge by t = " << end.time;
  const Vector predicted = predict_gradient_flow_limit(setup_.constraint, ppf_log_scale(alpha(0.1))).beta;
  const double gap = relative_gap(end.beta, predicted);
  EXPECT_LE(gap, 1e-8);
  RecordProperty("ppf_gap", describe(gap, " at t = ", end.time));
}

TEST_F(GradientFlowImplicitBias, EpgfProductFlowConvergesToArgminOfHWithScaleAlphaSquared) {
  SGDBIAS_TRACE_SEED();
  const FlowEnd end = run_gradient_flow(network(DlnConvention::epgf(0.1)), 1e-20, 4e4);
  ASSERT_LE(end.mean_squared_error, 1e-20) << "gradient flow did not converge by t = " << end.time;
  const Vector predicted = predict_gradient_flow_limit(setup_.constraint, epgf_log_scale(alpha(0.1))).beta;
  const double gap = relative_gap(end.beta, predicted);
  EXPECT_LE(gap, 1e-8);
  RecordProperty("epgf_gap", describe(gap, " at t = ", end.time));
}

// Negative control for the slides' κ mix-up (§3.3): u₀ = α, v₀ = 0 gives φ_{α/2}, not φ_α.
TEST_F(GradientFlowImplicitBias, SlidesLiteralInitialisationDoesNotGivePhiAlpha) {
  SGDBIAS_TRACE_SEED();
  const FlowEnd end = run_gradient_flow(network(DlnConvention::slides_literal(0.1)), 1e-16, 4e4);
  ASSERT_LE(end.mean_squared_error, 1e-16) << "gradient flow did not converge by t = " << end.time;
  const Vector phi_alpha = predict_gradient_flow_limit(setup_.constraint, ppf_log_scale(alpha(0.1))).beta;
  const Vector phi_half_alpha =
      predict_gradient_flow_limit(setup_.constraint, slides_literal_log_scale(alpha(0.1))).beta;
  const double wrong = relative_gap(end.beta, phi_alpha);
  const double right = relative_gap(end.beta, phi_half_alpha);
  EXPECT_GT(wrong, 0.05);
  EXPECT_LT(right, 1e-3 * wrong);
  RecordProperty("slides_literal_gaps", describe("vs phi_alpha ", wrong, ", vs phi_alpha/2 ",
                right));
}

// §4: with Φ = ¼H_{κ₀} (PPF time, L = MSE/4), ∫₀^∞ L dt = ½[Φ(β*) − D_Φ(β*, β∞)].
TEST_F(GradientFlowImplicitBias, IntegratedLossEqualsHalfPotentialMinusBregmanGap) {
  SGDBIAS_TRACE_SEED();
  for (double alpha_value : {0.03, 0.1, 0.5}) {
    SCOPED_TRACE(::testing::Message() << "α = " << alpha_value);
    const FlowEnd end = run_gradient_flow(network(DlnConvention::ppf(alpha_value)), 1e-20, 1e5);
    ASSERT_LE(end.mean_squared_error, 1e-20) << "gradient flow did not converge by t = " << end.time;
    const HyperbolicEntropy entropy(ppf_log_scale(alpha(alpha_value)));
    const Vector limit = minimum_entropy_interpolator(setup_.constraint, entropy.log_scale()).beta;
    const Vector& teacher = setup_.data.teacher;
    const double predicted = 0.5 * 0.25 * (entropy.value(teacher) - entropy.bregman_divergence(teacher, limit));
    const double error = std::abs(end.integrated_loss - predicted) / predicted;
    EXPECT_LE(error, 1e-8) << "∫L = " << end.integrated_loss << ", predicted " << predicted;
    RecordProperty("integrated_loss_alpha_" + std::to_string(alpha_value),
                   describe(end.integrated_loss, " rel err ", error, " t ", end.time));
  }
}

}  // namespace
}  // namespace sgdbias
