// integrate_flow on the two cases where it used to return wrong or no answers (issue 26): the
// error-controlled Fehlberg 7(8) over a long DLN gradient flow (a non-finite trial step was
// accepted), and the complex principal flow with the default RK4 substeps (5e-3 off GD's integer
// steps); plus the RK4 error bound those substeps are chosen from. Deterministic for a seed.
#include "lib/flows/integrate_flow.hpp"

#include <cmath>
#include <complex>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lib/analysis/interpolation_constraint.hpp"
#include "lib/analysis/mirror_projection.hpp"
#include "lib/flows/batch_window.hpp"
#include "lib/flows/gradient_flow.hpp"
#include "lib/flows/principal_flow_coefficient.hpp"
#include "lib/flows/quadratic_principal_flow.hpp"
#include "lib/flows/rk4_linear_error.hpp"
#include "problems/data/sparse_regression_data.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "tests/lib/flows/flow_test_problems.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

// The dln.md §8.4 network (n = 40, d = 100, 5-sparse teacher, PPF α = 0.1) under gradient flow from
// t = 50 to 600: the first trial step (duration/16 = 34) overflows, odeint's `error > 1` test is
// false for NaN, and the NaN state used to be accepted ("non-finite state" at every tolerance).
// Now: the run completes, conserves what gradient flow conserves, κ = 2uv (dln.md §3.1; each
// accepted step moves ln κ_j by at most ~2·rtol, times a few hundred steps), and ends at the
// gradient-flow limit argmin_{Xβ=y} H_{κ₀} (dln.md §4), to the flow's remaining distance from it.
TEST(IntegrateFlow, FehlbergRejectsNonFiniteTrialStepsOnALongDiagonalNetworkGradientFlow) {
  SGDBIAS_TRACE_SEED();
  problems::SparseRegressionOptions data_options;
  data_options.samples = 40;
  data_options.dimension = 100;
  data_options.sparsity = 5;
  const problems::SparseRegressionData data = problems::make_sparse_regression(data_options, testing::test_seed());
  const problems::DiagonalLinearNetwork network(data.train, problems::DlnConvention::ppf(0.1));
  GradientFlow flow(network);
  const FlowIntegrationOptions options{.stepper = FlowStepper::kRungeKuttaFehlberg78};
  Vector x = network.initial_state();
  integrate_flow(flow, x, 50.0, options);
  const double loss_at_50 = network.loss(x);
  ASSERT_NO_THROW(integrate_flow(flow, x, 550.0, options, 50.0));
  ASSERT_TRUE(x.allFinite());
  EXPECT_LT(network.loss(x), 1e-6 * loss_at_50);
  Vector log_scale(network.num_features());
  network.log_scale(x, log_scale);
  EXPECT_LE((log_scale - network.log_initial_scale()).cwiseAbs().maxCoeff(), 1e-9);
  const InterpolationConstraint constraint(data.train.features, data.train.targets);
  const Vector limit = minimum_entropy_interpolator(constraint, network.log_initial_scale()).beta;
  EXPECT_LE((network.beta(x) - limit).norm(), 1e-6 * limit.norm());
}

// A flow that blows up in finite time (ẋ = x², x(0) = 1, x = 1/(1 − t)): the step size collapses
// before t = 1, and the error says where instead of returning NaN at the end time.
struct FiniteTimeBlowUp {
  void operator()(const Vector& x, Vector& dxdt, double) { dxdt = x.cwiseProduct(x); }
};

TEST(IntegrateFlow, FehlbergReportsWhereAFiniteTimeBlowUpStopsIt) {
  FiniteTimeBlowUp blow_up;
  Vector x = Vector::Ones(1);
  try {
    integrate_flow(blow_up, x, 2.0, FlowIntegrationOptions{.stepper = FlowStepper::kRungeKuttaFehlberg78});
    FAIL() << "expected NumericalFailure";
  } catch (const NumericalFailure& failure) {
    const std::string message = failure.what();
    EXPECT_NE(message.find("step size collapsed"), std::string::npos) << message;
    const std::string marker = " at t = ";
    const std::size_t at = message.find(marker);
    ASSERT_NE(at, std::string::npos) << message;
    EXPECT_NEAR(std::stod(message.substr(at + marker.size())), 1.0, 1e-3) << message;
  }
  EXPECT_TRUE(x.allFinite()) << "the state stays at the last accepted step";
}

TEST(IntegrateFlow, TheErrorCheckerCountsANonFiniteErrorAsInfinite) {
  namespace odeint = boost::numeric::odeint;
  using Stepper = odeint::runge_kutta_fehlberg78<Vector>;
  using Checker = detail::FiniteErrorChecker<double, Stepper::algebra_type, Stepper::operations_type>;
  const Checker checker(1e-12, 1e-12);
  const Vector x = Vector::Ones(3), dxdt = Vector::Ones(3);
  Vector error(3);
  error << 1e-20, std::nan(""), 1e-20;
  EXPECT_EQ(checker.error(x, dxdt, error, 0.1), std::numeric_limits<double>::infinity());
  error << 1e-20, 1e-20, 1e-20;
  EXPECT_LT(checker.error(x, dxdt, error, 0.1), 1.0);
}

// The principal flow of bea.md §4.2's six regimes (h = 1, hλ ∈ {0.3, 0.8, 1.5, 1.9, 2.3, −0.4}):
// along eigenvector i the distance to θ* obeys δ̇_i = μ_i δ_i, μ_i = Log(1 − hλ_i)/h (§4.3).
class ComplexPrincipalFlow : public ::testing::Test {
 protected:
  ComplexPrincipalFlow()
      : eigenvalues_((Vector(6) << 0.3, 0.8, 1.5, 1.9, 2.3, -0.4).finished()),
        problem_(eigenvalues_, testing::test_seed()),
        start_(problem_.minimiser() + problem_.eigenvectors().rowwise().sum()) {}

  // δ = Vᵀ(θ − θ*) in the eigenvector coordinates.
  ComplexVector eigen_coordinates(const ComplexVector& theta) const {
    return problem_.eigenvectors().transpose().cast<std::complex<double>>() *
           (theta - problem_.minimiser().cast<std::complex<double>>());
  }

  Vector eigenvalues_;  // λ_i of column i of problem_.eigenvectors()
  testing::TestQuadratic problem_;
  Vector start_;
};

// The bound of rk4_linear_error.hpp holds for every eigen-component and is tight (its leading term
// is the error of the dominant component), and the error falls as N⁻⁴.
TEST_F(ComplexPrincipalFlow, Rk4ErrorBoundHoldsPerComponentAndIsTight) {
  SGDBIAS_TRACE_SEED();
  QuadraticPrincipalFlow flow(problem_, 1.0);
  const ComplexVector exact = eigen_coordinates(flow.at_time(start_, 1.0));
  const ComplexVector initial = eigen_coordinates(start_.cast<std::complex<double>>());
  double previous = 0.0;
  for (const Index substeps : {8, 16, 32, 64}) {
    SCOPED_TRACE(::testing::Message() << substeps << " substeps");
    ComplexVector state = start_.cast<std::complex<double>>();
    // linear_rk4_tolerance 1: the bound for 8 substeps (~1e-3) already meets it, so N is used as given.
    integrate_flow(flow, state, 1.0, FlowIntegrationOptions{.substeps = substeps, .linear_rk4_tolerance = 1.0});
    const ComplexVector measured = eigen_coordinates(state);
    double worst_error = 0.0, worst_bound = 0.0;
    for (Index i = 0; i < 6; ++i) {
      const double lambda = eigenvalues_[i];
      const std::complex<double> rate = principal_flow_coefficient(lambda) * lambda;
      const double error = std::abs(measured[i] - exact[i]) / std::max(std::abs(initial[i]), std::abs(exact[i]));
      const double bound = rk4_linear_relative_error(rate, 1.0, substeps);
      // + the rounding of N RK4 steps and of the eigen-coordinates (a few ulps per step).
      EXPECT_LE(error, bound + 1e-13) << "component " << i << ", hλ = " << lambda;
      worst_error = std::max(worst_error, error);
      worst_bound = std::max(worst_bound, bound);
    }
    std::printf("RK4, %ld substeps: worst relative error %.3g, bound %.3g\n", static_cast<long>(substeps), worst_error,
                worst_bound);
    EXPECT_GE(worst_error, 0.25 * worst_bound);
    if (previous > 0.0) {
      EXPECT_NEAR(std::log2(previous / worst_error), 4.0, 0.3);
    }
    previous = worst_error;
  }
}

// With the default options the substeps come from the rates: GD's integer steps are hit to the
// tolerance (1e-10 per window, compounded over 6 windows) instead of 5e-3 with a fixed 8.
TEST_F(ComplexPrincipalFlow, DefaultOptionsHitGradientDescentAtIntegerSteps) {
  SGDBIAS_TRACE_SEED();
  QuadraticPrincipalFlow flow(problem_, 1.0);
  const FlowIntegrationOptions options;
  const Index chosen = rk4_substeps_for_linear_flow(flow.linear_rates(), 1.0, options.linear_rk4_tolerance, 1);
  EXPECT_GT(chosen, options.substeps);
  EXPECT_LE(rk4_linear_relative_error(flow.linear_rates(), 1.0, chosen), options.linear_rk4_tolerance);
  EXPECT_GT(rk4_linear_relative_error(flow.linear_rates(), 1.0, chosen - 1), options.linear_rk4_tolerance / 2.0)
      << "the choice is not wasteful";
  ComplexVector state = start_.cast<std::complex<double>>();
  double worst = 0.0;
  for (Index k = 1; k <= 6; ++k) {
    integrate_flow(flow, state, 1.0, options, static_cast<double>(k - 1));
    Vector gd = start_;
    gradient_descent_steps(problem_, 1.0, k, gd);
    const ComplexVector delta = eigen_coordinates(state), exact = eigen_coordinates(gd.cast<std::complex<double>>());
    for (Index i = 0; i < 6; ++i) worst = std::max(worst, std::abs(delta[i] - exact[i]) / std::abs(exact[i]));
  }
  std::printf("complex PF, default options (%ld substeps per window), k = 1..6: worst relative error %.3g\n",
              static_cast<long>(chosen), worst);
  // Per window RK4 multiplies δ_i by R_i with |R_i − ρ_i| ≤ tol·max(1, |ρ_i|), ρ_i = 1 − hλ_i (GD's
  // factor). After k windows R^k − ρ^k = (R − ρ)Σ_j R^j ρ^{k−1−j}, so relative to |δ_i(k)| the
  // error is ≤ k·tol·max(1, 1/|ρ_i|)·(1 + O(tol)); here min|ρ_i| = 0.2 (hλ = 0.8) and k ≤ 6.
  EXPECT_LE(worst, 1.01 * 6.0 * options.linear_rk4_tolerance / 0.2 + 1e-12);
}

}  // namespace
}  // namespace sgdbias
