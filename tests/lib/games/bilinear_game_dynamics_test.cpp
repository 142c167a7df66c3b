// Exact predictions on bilinear zero-sum games E = φᵀAθ (bea.md §6.8(a), §8 checks 10 and 11):
// spectral radii of simultaneous / alternating GD with and without explicit regularisers against
// their closed forms, the conserved quantity of alternating GD, and the modified-flow growth rate.
// Deterministic: A is drawn from a fixed RandomStream seed; no threads, bit-identical results.
#include <cmath>
#include <cstdio>
#include <vector>

#include <Eigen/SVD>
#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "lib/games/explicit_regularizers.hpp"
#include "lib/games/game_gradient_descent.hpp"
#include "lib/games/linear_stability.hpp"
#include "lib/games/own_time_game_flow.hpp"
#include "lib/games/regularized_zero_sum_game.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/games/bilinear_game.hpp"
#include "problems/games/dirac_gan.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using problems::BilinearGame;

Matrix random_coupling(Index rows, Index cols) {
  RandomStream stream(testing::test_seed(), 0, Purpose::kTest);
  Matrix coupling(rows, cols);
  for (Index j = 0; j < cols; ++j)
    for (Index i = 0; i < rows; ++i) coupling(i, j) = stream.standard_normal();
  return coupling;
}

struct Setting {
  double step_size, alpha, lambda;
};

std::vector<Setting> settings() {
  std::vector<Setting> all;
  for (double h : {0.1, 0.05, 0.025})
    for (auto [alpha, lambda] : {std::pair{1.0, 1.0}, std::pair{2.5, 1.0}, std::pair{1.0, 2.5}})
      all.push_back({h, alpha, lambda});
  return all;
}

GameStepOptions step_options(const Setting& s, UpdateOrder order) {
  return {.step_size = s.step_size, .first_rate_factor = s.alpha, .second_rate_factor = s.lambda, .order = order};
}

class BilinearGameDynamics : public ::testing::Test {
 protected:
  BilinearGameDynamics() : game_(random_coupling(2, 2)) {
    singular_values_ = Eigen::JacobiSVD<Matrix>(game_.coupling()).singularValues();
  }
  // x = αλh²σ² per singular value (bea.md §6.8(a)).
  Vector x_values(const Setting& s) const {
    return s.alpha * s.lambda * s.step_size * s.step_size * singular_values_.array().square();
  }
  BilinearGame game_;
  Vector singular_values_;
};

TEST_F(BilinearGameDynamics, SimultaneousGdSpiralsOutAtExactlyTheClosedFormRate) {
  SGDBIAS_TRACE_SEED();
  for (const Setting& s : settings()) {
    const GameStepOptions options = step_options(s, UpdateOrder::kSimultaneous);
    const double x = x_values(s).maxCoeff();
    const double radius = spectral_radius(gradient_descent_matrix(game_, options));
    EXPECT_NEAR(radius, std::sqrt(1.0 + x), 1e-12);
    // Log-growth per step: exact ½log(1 + x) vs the joint-time flow's h·max Re μ = x/2 (+O(x²)).
    const double discrete = std::log(radius);
    const double flow = s.step_size * max_real_eigenvalue(modified_flow_matrix(game_, options));
    EXPECT_NEAR(flow, x / 2.0, 1e-12);
    EXPECT_LE(std::abs(flow - discrete), 0.3 * x * x);
    std::printf("h=%.3f α=%.1f λ=%.1f: ρ_S=%.15f closed form %.15f, log-growth exact %.6g flow %.6g\n",
                s.step_size, s.alpha, s.lambda, radius, std::sqrt(1.0 + x), discrete, flow);
  }
}

TEST_F(BilinearGameDynamics, AlternatingGdIsNeutralAndItsJointTimeFlowHasZeroTrace) {
  SGDBIAS_TRACE_SEED();
  for (const Setting& s : settings()) {
    for (UpdateOrder order : {UpdateOrder::kFirstPlayerFirst, UpdateOrder::kSecondPlayerFirst}) {
      const GameStepOptions options = step_options(s, order);
      ASSERT_LT(x_values(s).maxCoeff(), 4.0);  // |eigenvalues| = 1 holds for x < 4
      EXPECT_NEAR(spectral_radius(gradient_descent_matrix(game_, options)), 1.0, 1e-12);
      EXPECT_LE(std::abs(modified_flow_matrix(game_, options).trace()), 1e-12);
    }
  }
}

TEST_F(BilinearGameDynamics, AlternatingGdConservesItsModifiedEnergyExactly) {
  // A_φ conserves Q = λ‖φ‖² + αλh φᵀAθ + α‖θ‖²; A_θ (roles swapped) Q = λ‖φ‖² − αλh φᵀAθ + α‖θ‖².
  SGDBIAS_TRACE_SEED();
  for (const Setting& s : settings()) {
    for (UpdateOrder order : {UpdateOrder::kFirstPlayerFirst, UpdateOrder::kSecondPlayerFirst}) {
      const double sign = order == UpdateOrder::kFirstPlayerFirst ? 1.0 : -1.0;
      const auto energy = [&](const Vector& z) {
        return s.lambda * z.head(2).squaredNorm() +
               sign * s.alpha * s.lambda * s.step_size * z.head(2).dot(game_.coupling() * z.tail(2)) +
               s.alpha * z.tail(2).squaredNorm();
      };
      GameGradientDescent<BilinearGame> descent(game_, step_options(s, order));
      Vector z = (Vector(4) << 0.3, -1.2, 0.7, 0.5).finished();
      const double start = energy(z);
      double drift = 0.0;
      for (int k = 0; k < 2000; ++k) {
        descent.step(z);
        drift = std::max(drift, std::abs(energy(z) - start) / start);
      }
      EXPECT_LE(drift, 1e-12) << "order " << to_string(order);
    }
  }
}

TEST_F(BilinearGameDynamics, OwnTimeFlowRescaledToJointTimePredictsSpuriousGrowthForAlternatingGd) {
  // bea.md §6.8(a), §9 E5: its trace is (α − λ)²h‖A‖²_F/2 > 0 where alternating GD is neutral.
  const Setting s{0.1, 1.0, 0.4};
  const GameStepOptions options = step_options(s, UpdateOrder::kFirstPlayerFirst);
  OwnTimeGameFlow<BilinearGame> flow(game_, options, TimeScaling::kRescaledToJointTime);
  const Matrix jacobian =
      affine_map_matrix(4, [&](const Vector& in, Vector& out) { flow(in, out, 0.0); });
  const double expected = std::pow(s.alpha - s.lambda, 2) * s.step_size * game_.coupling().squaredNorm() / 2.0;
  EXPECT_NEAR(jacobian.trace(), expected, 1e-12);
  EXPECT_GT(max_real_eigenvalue(jacobian), 0.0);
}

// Per singular value, S GD with a regulariser is [[1 − d_φ, αhσ], [−λhσ, 1 − d_θ]],
// d_φ = 2αh b_φ σ², d_θ = 2λh b_θ σ² (b = the "other" coefficients); with complex eigenvalues its
// modulus is √det = √((1 − d_φ)(1 − d_θ) + x) (bea.md §6.8(a)).
double regularized_block_radius(double sigma, const Setting& s, const ZeroSumRegularizer& r) {
  const double d_first = 2.0 * s.alpha * s.step_size * r.first_other * sigma * sigma;
  const double d_second = 2.0 * s.lambda * s.step_size * r.second_other * sigma * sigma;
  Matrix block(2, 2);
  block << 1.0 - d_first, s.alpha * s.step_size * sigma, -s.lambda * s.step_size * sigma, 1.0 - d_second;
  return spectral_radius(block);
}

TEST_F(BilinearGameDynamics, CancellingTheInteractionTermsLeavesOnlyFourthOrderGrowth) {
  SGDBIAS_TRACE_SEED();
  for (const Setting& s : settings()) {
    const GameStepOptions options = step_options(s, UpdateOrder::kSimultaneous);
    const double x = x_values(s).maxCoeff();
    const ZeroSumRegularizer cancel = cancel_interaction_terms(options);
    const RegularizedZeroSumGame<BilinearGame> cancelled(game_, cancel);
    const double radius = spectral_radius(gradient_descent_matrix(cancelled, options));
    EXPECT_NEAR(radius, std::sqrt(1.0 + x * x / 4.0), 1e-12);
    const RegularizedZeroSumGame<BilinearGame> doubled(game_, cancel.scaled(2.0));
    const double doubled_radius = spectral_radius(gradient_descent_matrix(doubled, options));
    // √(1 − x + x²) decreases for x < ½: the slowest block is the one with the smallest σ.
    double expected_doubled = 0.0;
    for (double xi : x_values(s)) expected_doubled = std::max(expected_doubled, std::sqrt(1.0 - xi + xi * xi));
    EXPECT_NEAR(doubled_radius, expected_doubled, 1e-12);
    EXPECT_LT(doubled_radius, 1.0);
    std::printf("h=%.3f α=%.1f λ=%.1f: ρ cancel %.15f (√(1+x²/4) %.15f), ρ doubled %.15f (√(1−x+x²) %.15f)\n",
                s.step_size, s.alpha, s.lambda, radius, std::sqrt(1.0 + x * x / 4.0), doubled_radius,
                expected_doubled);
  }
}

TEST_F(BilinearGameDynamics, OdeGanAndLocallyStableGanConvergeExactlyAboveTheirThresholds) {
  // ODE-GAN converges iff η > λh/2, locally stable GAN iff η > αh/2 (bea.md §6.8(a)).
  for (const Setting& s : settings()) {
    const GameStepOptions options = step_options(s, UpdateOrder::kSimultaneous);
    const double ode_threshold = s.lambda * s.step_size / 2.0, stable_threshold = s.alpha * s.step_size / 2.0;
    const auto radius = [&](const ZeroSumRegularizer& r) {
      return spectral_radius(gradient_descent_matrix(RegularizedZeroSumGame<BilinearGame>(game_, r), options));
    };
    EXPECT_GT(radius(ode_gan(0.9 * ode_threshold)), 1.0);
    EXPECT_LT(radius(ode_gan(1.1 * ode_threshold)), 1.0);
    EXPECT_NEAR(radius(ode_gan(ode_threshold)), 1.0, 1e-12);
    EXPECT_GT(radius(locally_stable_gan(0.9 * stable_threshold)), 1.0);
    EXPECT_LT(radius(locally_stable_gan(1.1 * stable_threshold)), 1.0);
    EXPECT_NEAR(radius(locally_stable_gan(stable_threshold)), 1.0, 1e-12);
    if (s.step_size == 0.1 && s.alpha == s.lambda) {
      std::printf("ODE-GAN ρ at 0.9η* = %.8f, 1.1η* = %.8f; locally stable GAN ρ at 0.9η* = %.8f, 1.1η* = %.8f\n",
                  radius(ode_gan(0.9 * ode_threshold)), radius(ode_gan(1.1 * ode_threshold)),
                  radius(locally_stable_gan(0.9 * stable_threshold)),
                  radius(locally_stable_gan(1.1 * stable_threshold)));
    }
  }
}

TEST_F(BilinearGameDynamics, ConsensusAndSgaRadiiMatchTheBlockDeterminantFormula) {
  for (const Setting& s : settings()) {
    const GameStepOptions options = step_options(s, UpdateOrder::kSimultaneous);
    for (const ZeroSumRegularizer& r :
         {consensus_optimization(0.01), consensus_optimization(0.04), symplectic_gradient_adjustment(0.05)}) {
      double expected = 0.0;
      for (double sigma : singular_values_) expected = std::max(expected, regularized_block_radius(sigma, s, r));
      const double radius =
          spectral_radius(gradient_descent_matrix(RegularizedZeroSumGame<BilinearGame>(game_, r), options));
      EXPECT_NEAR(radius, expected, 1e-12);
      // With complex eigenvalues the modulus is √det (checked for the largest singular value).
      const double sigma = singular_values_.maxCoeff();
      const double d_first = 2.0 * s.alpha * s.step_size * r.first_other * sigma * sigma;
      const double d_second = 2.0 * s.lambda * s.step_size * r.second_other * sigma * sigma;
      const double x = x_values(s).maxCoeff();
      if ((d_first - d_second) * (d_first - d_second) < 4.0 * x) {
        EXPECT_NEAR(regularized_block_radius(sigma, s, r), std::sqrt((1 - d_first) * (1 - d_second) + x), 1e-12);
      }
    }
  }
}

TEST(RegularizedZeroSumGame, RejectsGamesThatAreNotZeroSum) {
  const problems::DiracGan non_saturating(GanGeneratorLoss::kNonSaturating);
  EXPECT_THROW(RegularizedZeroSumGame<problems::DiracGan>(non_saturating, ode_gan(0.1)), InvalidArgument);
  EXPECT_THROW(ode_gan(-1.0), InvalidArgument);
  EXPECT_THROW(cancel_interaction_terms({.step_size = 0.0}), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
