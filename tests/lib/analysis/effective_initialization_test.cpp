// Effective initialisation formulas (dln.md §6.3, §6.4, §7) checked against independent forms.
#include "lib/analysis/effective_initialization.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "lib/analysis/paper_potentials.hpp"
#include "lib/core/errors.hpp"

namespace sgdbias {
namespace {

// α∞ = α exp(−2γD(∫L + ∫δ²)) with L = MSE/4 is the same statement as
// ln κ∞ = ln κ₀ − γD(∫MSE + 4∫δ²) for κ = 2α² (§6.3).
TEST(EffectiveInitialization, AlphaAndLogScaleFormsAgree) {
  const Vector alpha = Vector::LinSpaced(6, 1e-3, 1.0);
  const Vector moments = Vector::LinSpaced(6, 0.5, 2.0);
  const SgfPathIntegrals integrals{.step_size = 0.05, .integrated_mean_squared_error = 3.0,
                                   .integrated_label_noise_variance = 0.4};
  const Vector from_alpha = ppf_log_scale(sgf_effective_alpha(alpha, moments, integrals));
  const Vector from_scale = sgf_effective_log_scale(ppf_log_scale(alpha), moments, integrals);
  EXPECT_LT((from_alpha - from_scale).cwiseAbs().maxCoeff(), 1e-14);
}

// §6.4: δ = 1 for K₀ SGD steps at step size γ (∫δ² dt = γK₀) multiplies κ by exp(−4γ²K₀D).
TEST(EffectiveInitialization, LabelNoiseScheduleShrinksTheScaleByTheSpecFactor) {
  const double step_size = 0.01;
  const Vector moments = Vector::LinSpaced(4, 0.8, 1.2);
  const Vector log_initial = Vector::Constant(4, std::log(0.02));
  const SgfPathIntegrals clean{.step_size = step_size, .integrated_mean_squared_error = 1.5};
  SgfPathIntegrals noisy = clean;
  noisy.integrated_label_noise_variance = step_size * 1000.0;
  const Vector extra = sgf_effective_log_scale(log_initial, moments, noisy) -
                       sgf_effective_log_scale(log_initial, moments, clean);
  EXPECT_LT((extra + 4.0 * step_size * step_size * 1000.0 * moments).cwiseAbs().maxCoeff(), 1e-14);
}

// One step with x = γg: w± ← (1 ∓ x)w±, so κ₁ = |1 − x²|κ₀, and ζ₁ = ln((1−x)/(1+x)) while the
// GF-like part of the update is −2x: θ̃ = ζ₁ − (−2x) = 2x − 2 artanh x (§7).
TEST(EffectiveInitialization, DiscreteFormulasMatchOneExactStep) {
  const Vector x = (Vector(4) << 1e-6, -0.01, 0.3, -0.9).finished();
  const Vector log_initial = Vector::Constant(4, std::log(0.01));
  Vector sum_q_plus(4), sum_q_minus(4);
  for (Index j = 0; j < 4; ++j) {
    sum_q_plus[j] = -2 * x[j] - std::log((1 - x[j]) * (1 - x[j]));
    sum_q_minus[j] = 2 * x[j] - std::log((1 + x[j]) * (1 + x[j]));
  }
  const DiscreteEffectiveInitialization effective =
      discrete_effective_initialization(log_initial, sum_q_plus, sum_q_minus);
  for (Index j = 0; j < 4; ++j) {
    SCOPED_TRACE(::testing::Message() << "x = " << x[j]);
    EXPECT_NEAR(effective.log_scale[j], log_initial[j] + std::log(1 - x[j] * x[j]), 1e-15);
    EXPECT_NEAR(effective.reference_mirror[j], 2 * x[j] - 2 * std::atanh(x[j]), 1e-15);
    const double kappa0 = 0.01;
    const double literal = 0.5 * (kappa0 * std::exp(-sum_q_plus[j]) - kappa0 * std::exp(-sum_q_minus[j]));
    EXPECT_NEAR(effective.reference_beta[j], literal, 1e-15 + 1e-12 * std::abs(literal));
  }
}

TEST(EffectiveInitialization, RejectsNonFiniteSumsAndBadIntegrals) {
  const Vector log_initial = Vector::Zero(2);
  Vector sums = Vector::Zero(2);
  sums[1] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(discrete_effective_initialization(log_initial, sums, Vector::Zero(2)), InvalidArgument);
  EXPECT_THROW(discrete_effective_initialization(log_initial, Vector::Zero(3), Vector::Zero(3)), InvalidArgument);
  const SgfPathIntegrals negative{.step_size = 0.1, .integrated_mean_squared_error = -1.0};
  EXPECT_THROW(sgf_effective_log_scale(log_initial, Vector::Ones(2), negative), InvalidArgument);
  const SgfPathIntegrals no_step{.step_size = 0.0};
  EXPECT_THROW(sgf_effective_log_scale(log_initial, Vector::Ones(2), no_step), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
