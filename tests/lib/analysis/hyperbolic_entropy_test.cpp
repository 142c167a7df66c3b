// dln.md §9 check 1: H_κ, its derivatives, conjugate and the papers' potentials (§2).
#include "lib/analysis/hyperbolic_entropy.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

#include "lib/analysis/paper_potentials.hpp"
#include "lib/core/errors.hpp"
#include "lib/random/random_stream.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

const std::vector<double> kScales{1e-6, 1e-2, 1.0, 50.0};
const std::vector<double> kBetas{-3.0, -1e-3, 0.0, 0.7, 5.0};

double entropy_1d(double beta, double scale) {
  const HyperbolicEntropy entropy = HyperbolicEntropy::uniform(1, std::log(scale));
  return entropy.value(Vector::Constant(1, beta));
}
double gradient_1d(double beta, double scale) {
  const HyperbolicEntropy entropy = HyperbolicEntropy::uniform(1, std::log(scale));
  Vector out(1);
  entropy.gradient(Vector::Constant(1, beta), out);
  return out[0];
}

// Central differences with step 1e-5·√(β²+κ²): truncation O(1e-10), rounding O(1e-10) here.
TEST(HyperbolicEntropy, GradientAndHessianMatchCentralDifferences) {
  for (double scale : kScales) {
    for (double beta : kBetas) {
      SCOPED_TRACE(::testing::Message() << "κ = " << scale << ", β = " << beta);
      const double step = 1e-5 * std::hypot(beta, scale);
      const double gradient = gradient_1d(beta, scale);
      const double fd_gradient = (entropy_1d(beta + step, scale) - entropy_1d(beta - step, scale)) / (2 * step);
      EXPECT_NEAR(gradient, std::asinh(beta / scale), 1e-14 * std::abs(gradient) + 1e-300);
      EXPECT_NEAR(fd_gradient, gradient, 1e-6 * std::abs(gradient) + 1e-12);

      const HyperbolicEntropy entropy = HyperbolicEntropy::uniform(1, std::log(scale));
      Vector hessian(1);
      entropy.hessian_diagonal(Vector::Constant(1, beta), hessian);
      const double exact = 1.0 / std::sqrt(beta * beta + scale * scale);
      const double fd_hessian = (gradient_1d(beta + step, scale) - gradient_1d(beta - step, scale)) / (2 * step);
      EXPECT_NEAR(hessian[0], exact, 1e-14 * exact);
      EXPECT_NEAR(fd_hessian, exact, 1e-5 * exact);
    }
  }
}

// H*(θ) = κ(cosh θ − 1), and the Fenchel–Young equality H(β) + H*(θ) = ⟨θ, β⟩ at β = ∇H*(θ).
TEST(HyperbolicEntropy, ConjugateIsScaledCoshMinusOneAndAttainsFenchelYoung) {
  const std::vector<double> thetas{-4.0, -0.3, 0.0, 1e-4, 0.9, 6.0};
  for (double scale : kScales) {
    const HyperbolicEntropy entropy = HyperbolicEntropy::uniform(1, std::log(scale));
    for (double theta_value : thetas) {
      SCOPED_TRACE(::testing::Message() << "κ = " << scale << ", θ = " << theta_value);
      const Vector theta = Vector::Constant(1, theta_value);
      const double literal = scale * (std::cosh(theta_value) - 1.0);
      EXPECT_NEAR(entropy.conjugate(theta), literal, 1e-6 * literal + 1e-300);
      Vector beta(1), mirror(1), curvature(1);
      entropy.conjugate_gradient(theta, beta);
      EXPECT_NEAR(beta[0], scale * std::sinh(theta_value), 1e-13 * std::abs(beta[0]) + 1e-300);
      entropy.gradient(beta, mirror);
      EXPECT_NEAR(mirror[0], theta_value, 1e-13 * std::abs(theta_value) + 1e-15);
      entropy.conjugate_hessian_diagonal(theta, curvature);
      EXPECT_NEAR(curvature[0], std::hypot(beta[0], scale), 1e-14 * curvature[0]);
      const double fenchel_gap = entropy.value(beta) + entropy.conjugate(theta) - theta_value * beta[0];
      EXPECT_NEAR(fenchel_gap, 0.0, 1e-12 * (std::abs(theta_value * beta[0]) + 1e-300));
    }
  }
}

// §2 table: 4φ_α = Q_α (WGL+) = H_{2α²}; ψ_α = ½H_{α²}; written out literally from the papers.
TEST(PaperPotentials, LiteralFormulasAreMultiplesOfTheHyperbolicEntropy) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  RandomStream stream(testing::test_seed(), 0, Purpose::kTest);
  for (double alpha_value : {1e-3, 0.1, 1.0, 3.0}) {
    Vector alpha = Vector::Constant(8, alpha_value);
    alpha[3] *= 5.0;  // vector α
    Vector beta(8);
    stream.fill_standard_normal(beta);
    double phi = 0.0, woodworth = 0.0, psi = 0.0;
    for (Index j = 0; j < 8; ++j) {
      const double a2 = alpha[j] * alpha[j], b = beta[j], z = b / a2;
      phi += 0.25 * (b * std::asinh(b / (2 * a2)) - std::sqrt(b * b + 4 * a2 * a2) + 2 * a2);
      woodworth += a2 * (2.0 - std::sqrt(4.0 + z * z) + z * std::asinh(z / 2.0));
      psi += 0.5 * (b * std::asinh(b / a2) - std::sqrt(b * b + a2 * a2) + a2);
    }
    const double entropy = HyperbolicEntropy(ppf_log_scale(alpha)).value(beta);
    EXPECT_NEAR(4.0 * phi, entropy, 1e-12 * entropy) << "α = " << alpha_value;
    EXPECT_NEAR(woodworth, entropy, 1e-12 * entropy) << "α = " << alpha_value;
    EXPECT_NEAR(ppf_potential(alpha).value(beta), phi, 1e-12 * phi);
    EXPECT_NEAR(woodworth_potential(alpha).value(beta), woodworth, 1e-12 * woodworth);
    EXPECT_NEAR(epgf_potential(alpha).value(beta), psi, 1e-12 * psi);
    // The slides' literal product form has κ = α²/2, i.e. it is φ_{α/2} up to the factor 2.
    EXPECT_NEAR(slides_literal_potential(alpha).value(beta), 2.0 * ppf_potential(alpha / 2.0).value(beta),
                1e-12 * psi);
  }
  const Vector alpha = Vector::LinSpaced(5, 1e-3, 2.0);
  EXPECT_LT((ppf_alpha_from_log_scale(ppf_log_scale(alpha)) - alpha).norm(), 1e-15 * alpha.norm());
}

// §2.1: H_κ(β) = ln(1/κ)‖β‖₁ + Σ|β_j|(ln 2|β_j| − 1) + O(κ): exact in double at ln κ = −1000
// (κ = e^{−1000} is not representable), where a naive evaluation would give NaN or ∞.
TEST(HyperbolicEntropy, RichLimitExpansionHoldsForScalesBelowDoubleRange) {
  const Vector beta = (Vector(4) << 1.5, -0.2, 0.0, 3.0).finished();
  for (double log_scale : {-std::log(1e300), -1000.0, -5000.0}) {
    const HyperbolicEntropy entropy = HyperbolicEntropy::uniform(4, log_scale);
    double expected = -log_scale * beta.lpNorm<1>();
    for (double b : beta) {
      if (b != 0.0) expected += std::abs(b) * (std::log(2.0 * std::abs(b)) - 1.0);
    }
    EXPECT_NEAR(entropy.value(beta), expected, 1e-14 * expected) << "ln κ = " << log_scale;
    Vector gradient(4), hessian(4);
    entropy.gradient(beta, gradient);
    EXPECT_NEAR(gradient[0], std::log(3.0) - log_scale, 1e-14 * std::abs(gradient[0]));
    EXPECT_EQ(gradient[2], 0.0);
    entropy.hessian_diagonal(beta, hessian);
    EXPECT_NEAR(hessian[3], 1.0 / 3.0, 1e-15);
    EXPECT_TRUE(std::isfinite(hessian[2]) || log_scale < -709.0);  // 1/κ itself overflows below e^{−709}
  }
}

// §2.1 kernel limit: H_κ(β) = Σ[β²/(2κ) − β⁴/(24κ³)] + O(β⁶/κ⁵), also above double range.
TEST(HyperbolicEntropy, KernelLimitExpansionHolds) {
  const Vector beta = (Vector(3) << 0.8, -2.0, 0.1).finished();
  for (double log_scale : {std::log(1e4), std::log(1e8)}) {
    const double scale = std::exp(log_scale);
    const HyperbolicEntropy entropy = HyperbolicEntropy::uniform(3, log_scale);
    double expected = 0.0;
    for (double b : beta) expected += b * b / (2 * scale) - std::pow(b, 4) / (24 * std::pow(scale, 3));
    EXPECT_NEAR(entropy.value(beta), expected, 1e-12 * expected) << "κ = " << scale;
  }
  const HyperbolicEntropy huge = HyperbolicEntropy::uniform(3, 800.0);
  EXPECT_GE(huge.value(beta), 0.0);
  EXPECT_TRUE(std::isfinite(huge.value(beta)));
}

// κ sinh θ and κ(cosh θ − 1) when θ > 710 but κ e^θ is moderate (dual Newton iterates, §5).
TEST(HyperbolicEntropy, ConjugateEvaluatesLargeMirrorCoordinatesWithoutOverflow) {
  const HyperbolicEntropy entropy = HyperbolicEntropy::uniform(1, -795.0);
  const Vector theta = Vector::Constant(1, 800.0);
  Vector beta(1);
  entropy.conjugate_gradient(theta, beta);
  EXPECT_NEAR(beta[0], std::exp(5.0) / 2.0, 1e-12 * beta[0]);
  EXPECT_NEAR(entropy.conjugate(theta), std::exp(5.0) / 2.0, 1e-12 * beta[0]);
  const HyperbolicEntropy unit = HyperbolicEntropy::uniform(1, 0.0);
  EXPECT_EQ(unit.conjugate(Vector::Constant(1, 1000.0)), std::numeric_limits<double>::infinity());
}

TEST(HyperbolicEntropy, BregmanDivergenceIsNonnegativeAndZeroOnTheDiagonal) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  RandomStream stream(testing::test_seed(), 1, Purpose::kTest);
  Vector log_scale(10), beta(10), reference(10);
  for (int trial = 0; trial < 20; ++trial) {
    stream.fill_standard_normal(log_scale);
    stream.fill_standard_normal(beta);
    stream.fill_standard_normal(reference);
    const HyperbolicEntropy entropy((4.0 * log_scale).eval());
    EXPECT_GE(entropy.bregman_divergence(beta, reference), 0.0);
    EXPECT_EQ(entropy.bregman_divergence(beta, beta), 0.0);
  }
}

TEST(HyperbolicEntropy, RejectsNonPositiveOrNonFiniteScales) {
  EXPECT_THROW(HyperbolicEntropy::from_scale(Vector::Constant(3, 0.0)), InvalidArgument);
  EXPECT_THROW(HyperbolicEntropy::from_scale(Vector::Constant(3, -1.0)), InvalidArgument);
  EXPECT_THROW(HyperbolicEntropy(Vector::Constant(2, std::numeric_limits<double>::quiet_NaN())), InvalidArgument);
  EXPECT_THROW(ppf_log_scale(Vector::Constant(2, 0.0)), InvalidArgument);
  const HyperbolicEntropy entropy = HyperbolicEntropy::uniform(3, 0.0);
  EXPECT_THROW(entropy.value(Vector::Zero(4)), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
