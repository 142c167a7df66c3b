// SRIW1's weak order, settled deterministically (issue 26 item 3): the expectation of one step
// from x0 is a Gaussian integral over (ξ1, ξ2) (ΔW = √h ξ1, I10 = ½h(ΔW + √h ξ2/√3), sde.md
// §2.0), computed by tensor Gauss–Hermite quadrature to round-off, and compared with the exact
// one-step expectation of the SDE. Local weak error O(h^{q}) ⇔ global weak order q − 1.
//
// Expansion (sri_w1.hpp header): E[ΔY²] − E[ΔX²] = −(g²/12)(6 f g'' + g² g''') h^{5/2} + O(h³),
// other moments O(h³). On TP-10 (X = sinh(t + W), g = √(1+x²), f = x/2 + g) at x0 = 0 the
// coefficient is −1/2: φ(x) = x² has local order 5/2 (global weak order 3/2), φ(x) = x local
// order 3; on GBM (g'' = 0) φ = x² has local order 3 (weak 2). Fitted slopes are checked within
// max(4·SE, 0.05) of the theory, SE from the fit's residuals; the h^{5/2} coefficient itself
// is checked at the smallest h, where the O(h³) remainder is a relative O(√h) ≈ 1 %.
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

#include <Eigen/Eigenvalues>
#include <gtest/gtest.h>

#include "lib/flows/order_check.hpp"
#include "problems/reference_sdes/geometric_brownian_motion.hpp"
#include "problems/reference_sdes/sinh_sde.hpp"
#include "sde/integrators/sri_w1.hpp"

namespace sgdbias::sde {
namespace {

// Probabilists' Gauss–Hermite rule (weight e^{-ξ²/2}/√(2π)) by Golub–Welsch: nodes = eigenvalues
// of the Jacobi matrix with off-diagonal √k, weights = squared first eigenvector components.
struct QuadratureRule {
  Vector nodes, weights;
};
QuadratureRule gauss_hermite(Index points) {
  Matrix jacobi = Matrix::Zero(points, points);
  for (Index k = 1; k < points; ++k) jacobi(k, k - 1) = jacobi(k - 1, k) = std::sqrt(static_cast<double>(k));
  const Eigen::SelfAdjointEigenSolver<Matrix> solver(jacobi);
  return {solver.eigenvalues(), solver.eigenvectors().row(0).transpose().array().square()};
}

// E[φ(Y)] for one SRIW1 step of size h from x0 (scalar SDE).
template <class Sde>
double one_step_expectation(const Sde& sde, double x0, double h, const std::function<double(double)>& phi) {
  static const QuadratureRule rule = gauss_hermite(48);
  Sriw1 integrator(1, 1);
  Vector dw(1), time_integral(1), x(1);
  double expectation = 0.0;
  for (Index a = 0; a < rule.nodes.size(); ++a) {
    for (Index b = 0; b < rule.nodes.size(); ++b) {
      dw[0] = std::sqrt(h) * rule.nodes[a];
      time_integral[0] = 0.5 * h * (dw[0] + std::sqrt(h) * rule.nodes[b] / std::sqrt(3.0));
      x[0] = x0;
      integrator.step(sde, 0.0, h, BrownianIncrement{dw, time_integral}, x);
      expectation += rule.weights[a] * rule.weights[b] * phi(x[0]);
    }
  }
  return expectation;
}

struct LocalErrors {
  std::vector<double> steps, errors;  // |E φ(Y) − E φ(X_h)|
  double signed_last = 0.0;           // signed error at the smallest h
};

LocalErrors local_errors(const std::function<double(double)>& one_step_error) {
  LocalErrors result;
  for (int k = 5; k <= 13; ++k) {
    const double h = std::ldexp(1.0, -k);
    const double error = one_step_error(h);
    result.steps.push_back(h);
    result.errors.push_back(std::abs(error));
    result.signed_last = error;
  }
  return result;
}

void expect_local_order(const char* what, const LocalErrors& local, double expected) {
  const SlopeFit fit = fit_log_log_slope(local.steps, local.errors);
  std::printf("[sriw1 local weak error] %-34s slope %.4f ± %.4f (theory %.1f), e(h=2^-13) = %+.3e\n", what,
              fit.slope, fit.standard_error, expected, local.signed_last);
  EXPECT_NEAR(fit.slope, expected, std::max(4.0 * fit.standard_error, 0.05)) << what;
}

// Exact one-step moments of X = sinh(asinh(x0) + h + W_h) (TP-10, Itô form).
double sinh_mean(double x0, double h) { return std::sinh(std::asinh(x0) + h) * std::exp(0.5 * h); }
double sinh_second_moment(double x0, double h) {
  return 0.5 * (std::cosh(2.0 * (std::asinh(x0) + h)) * std::exp(2.0 * h) - 1.0);
}

TEST(Sriw1WeakOrder, DeclaresWeakOrderThreeHalvesForMultiplicativeNoiseAndTwoForAdditive) {
  EXPECT_EQ(Sriw1::order(NoiseStructure::kScalar).weak, 1.5);
  EXPECT_EQ(Sriw1::order(NoiseStructure::kDiagonal).weak, 1.5);
  EXPECT_EQ(Sriw1::order(NoiseStructure::kAdditive | NoiseStructure::kScalar).weak, 2.0);
  EXPECT_EQ(Sriw1::order(NoiseStructure::kDiagonal).strong, 1.5);
}

TEST(Sriw1WeakOrder, SecondMomentHasLocalErrorOrderFiveHalvesWithTheExpandedCoefficient) {
  const problems::ItoSinhSde sinh;
  const auto square = [](double x) { return x * x; };
  const LocalErrors local = local_errors([&](double h) {
    return one_step_expectation(sinh, 0.0, h, square) - sinh_second_moment(0.0, h);
  });
  expect_local_order("TP-10 sinh, phi = x^2, x0 = 0", local, 2.5);
  // −(g²/12)(6 f g'' + g² g''') at x0 = 0: g = 1, g'' = 1, g''' = 0, f = 1  ⇒  −1/2.
  const double h = local.steps.back();
  EXPECT_NEAR(local.signed_last / std::pow(h, 2.5), -0.5, 0.05);
}

TEST(Sriw1WeakOrder, MeanHasLocalErrorOrderThree) {
  const problems::ItoSinhSde sinh;
  const LocalErrors local = local_errors([&](double h) {
    return one_step_expectation(sinh, 0.5, h, [](double x) { return x; }) - sinh_mean(0.5, h);
  });
  expect_local_order("TP-10 sinh, phi = x, x0 = 0.5", local, 3.0);
}

TEST(Sriw1WeakOrder, SecondMomentHasLocalErrorOrderThreeWhenTheNoiseIsLinear) {
  // GBM: g'' = 0, so the h^{5/2} term vanishes and weak order 2 holds (TP-01).
  const problems::ItoGeometricBrownianMotion gbm;
  const LocalErrors local = local_errors([&](double h) {
    const double exact = 0.25 * std::exp((2.0 * 1.01 + 0.87 * 0.87) * h);  // x0² e^{(2a + b²)h}
    return one_step_expectation(gbm, 0.5, h, [](double x) { return x * x; }) - exact;
  });
  expect_local_order("TP-01 GBM, phi = x^2, x0 = 0.5", local, 3.0);
}

}  // namespace
}  // namespace sgdbias::sde
