// Quadratic non-zero-sum game (a, b, c, d) = (0.1, 1, 0.05, 0.6) (bea.md §6.8(c), §8 check 13): the
// continuous game is stable, simultaneous GD loses stability at h* where |1 + hμ| = 1 for an
// eigenvalue μ of ΛJ, i.e. h* = −2Re μ/|μ|²; the joint-time modified flow moves μ to μ − (h/2)μ²
// and predicts h* = 2Re μ/(Re²μ − Im²μ). Alternating GD stays stable much longer; its matrix is
// [[1 − hαa, −hαb], [hλd(1 − hαa), 1 − hλc − h²αλbd]] with determinant (1 − hαa)(1 − hλc).
// Deterministic: no randomness, no threads.
#include <cmath>
#include <complex>
#include <cstdio>

#include <Eigen/Eigenvalues>
#include <gtest/gtest.h>

#include "lib/games/linear_stability.hpp"
#include "problems/games/quadratic_game.hpp"

namespace sgdbias {
namespace {

using problems::QuadraticGame;

constexpr double kA = 0.1, kB = 1.0, kC = 0.05, kD = 0.6;

GameStepOptions options(double h, double lambda, UpdateOrder order) {
  return {.step_size = h, .first_rate_factor = 1.0, .second_rate_factor = lambda, .order = order};
}

// The smallest positive threshold over the eigenvalues μ of ΛJ of `threshold(μ)`.
template <class Threshold>
double closed_form_threshold(const QuadraticGame& game, double lambda, Threshold threshold) {
  Matrix scaled = game.jacobian();
  scaled.row(1) *= lambda;
  double smallest = INFINITY;
  const Eigen::EigenSolver<Matrix> solver(scaled);
  for (const std::complex<double>& mu : solver.eigenvalues()) {
    const double h = threshold(mu);
    if (h > 0.0) smallest = std::min(smallest, h);
  }
  return smallest;
}

TEST(QuadraticGameThresholds, SimultaneousGdThresholdAgreesWithTheModifiedFlowWithinFivePercent) {
  const QuadraticGame game = QuadraticGame::scalar(kA, kB, kC, kD);
  for (double lambda : {1.0, 0.4}) {
    const double discrete = stability_threshold(
        [&](double h) { return spectral_radius(gradient_descent_matrix(game, options(h, lambda, UpdateOrder::kSimultaneous))) < 1.0; },
        1e-3, 2.0);
    const double flow = stability_threshold(
        [&](double h) {
          return max_real_eigenvalue(modified_flow_matrix(game, options(h, lambda, UpdateOrder::kSimultaneous))) < 0.0;
        },
        1e-3, 2.0);
    const double discrete_closed =
        closed_form_threshold(game, lambda, [](std::complex<double> mu) { return -2.0 * mu.real() / std::norm(mu); });
    const double flow_closed = closed_form_threshold(game, lambda, [](std::complex<double> mu) {
      return 2.0 * mu.real() / (mu.real() * mu.real() - mu.imag() * mu.imag());
    });
    EXPECT_NEAR(discrete, discrete_closed, 1e-9);
    EXPECT_NEAR(flow, flow_closed, 1e-9);
    EXPECT_NEAR(flow, discrete, 0.05 * discrete);
    std::printf("λ = %.1f: S GD h* = %.4f (closed form %.4f), modified flow h* = %.4f (closed form %.4f)\n", lambda,
                discrete, discrete_closed, flow, flow_closed);
  }
}

TEST(QuadraticGameThresholds, AlternatingGdMatchesItsClosedFormAndStaysStableUpToTwoPointThree) {
  const QuadraticGame game = QuadraticGame::scalar(kA, kB, kC, kD);
  for (double h = 0.01; h <= 2.3 + 1e-12; h += 0.01) {
    const Matrix update = gradient_descent_matrix(game, options(h, 1.0, UpdateOrder::kFirstPlayerFirst));
    Matrix expected(2, 2);
    expected << 1.0 - h * kA, -h * kB, h * kD * (1.0 - h * kA), 1.0 - h * kC - h * h * kB * kD;
    ASSERT_LT((update - expected).cwiseAbs().maxCoeff(), 1e-14) << "h = " << h;
    EXPECT_NEAR(update.determinant(), (1.0 - h * kA) * (1.0 - h * kC), 1e-13);
    EXPECT_LT(spectral_radius(update), 1.0) << "h = " << h;
  }
  for (double lambda : {1.0, 0.4}) {
    const double threshold = stability_threshold(
        [&](double h) { return spectral_radius(gradient_descent_matrix(game, options(h, lambda, UpdateOrder::kFirstPlayerFirst))) < 1.0; },
        2.3, 10.0, 1e-9);
    EXPECT_GT(threshold, 2.3);
    std::printf("λ = %.1f: A_φ GD h* = %.4f\n", lambda, threshold);
  }
}

}  // namespace
}  // namespace sgdbias
