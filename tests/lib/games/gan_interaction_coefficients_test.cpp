// GAN interaction coefficients c_ij (bea.md §7, §8 check 14) on a 1-D GAN: D(x) = σ(φ₁x + φ₀),
// G(z) = θ₀ + θ₁z, batch size B = 3. The identity ∇_θE_Dᵀ∇_θE_G(z_{t−1}) = −(1/B²)Σ c_ij a_iᵀb_j
// is checked against finite differences of the losses (≤ 1e-8) and against the gradients
// written through log(1 − σ(u)) = −softplus(u) (≤ 1e-12). Deterministic (fixed numbers, no threads).
#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "lib/games/gan_interaction_coefficients.hpp"

namespace sgdbias {
namespace {

double sigmoid(double u) { return 1.0 / (1.0 + std::exp(-u)); }

struct OneDimensionalGan {
  Vector data;             // x batch
  Vector current_noise;    // z^t
  Vector anchor_noise;     // z^{t−1}
  Vector discriminator;    // φ = (φ₀, φ₁) now
  Vector generator;        // θ = (θ₀, θ₁) now
  Vector anchor_discriminator, anchor_generator;

  static double logit(const Vector& phi, double x) { return phi[1] * x + phi[0]; }
  static double generate(const Vector& theta, double z) { return theta[0] + theta[1] * z; }

  // E_D(φ, θ) on (x, z^t), min–min.
  double discriminator_loss(const Vector& phi, const Vector& theta) const {
    double loss = 0.0;
    for (Index i = 0; i < data.size(); ++i) {
      loss -= std::log(sigmoid(logit(phi, data[i])));
      loss -= std::log(1.0 - sigmoid(logit(phi, generate(theta, current_noise[i]))));
    }
    return loss / static_cast<double>(data.size());
  }
  // E_G(φ, θ) on z^{t−1}.
  double generator_loss(GanGeneratorLoss kind, const Vector& phi, const Vector& theta) const {
    double loss = 0.0;
    for (Index j = 0; j < anchor_noise.size(); ++j) {
      const double d = sigmoid(logit(phi, generate(theta, anchor_noise[j])));
      loss += kind == GanGeneratorLoss::kNonSaturating ? -std::log(d) : std::log(1.0 - d);
    }
    return loss / static_cast<double>(anchor_noise.size());
  }
  // Per-sample D(G(z)) and ∇_θD(G(z; θ); φ) = D(1 − D)φ₁(1, z).
  void outputs(const Vector& phi, const Vector& theta, const Vector& noise, Vector& d, Matrix& gradients) const {
    d.resize(noise.size());
    gradients.resize(2, noise.size());
    for (Index i = 0; i < noise.size(); ++i) {
      d[i] = sigmoid(logit(phi, generate(theta, noise[i])));
      gradients.col(i) << 1.0, noise[i];
      gradients.col(i) *= d[i] * (1.0 - d[i]) * phi[1];
    }
  }
};

OneDimensionalGan make_gan() {
  OneDimensionalGan gan;
  gan.data = (Vector(3) << 0.4, -0.2, 1.1).finished();
  gan.current_noise = (Vector(3) << -0.7, 0.3, 1.5).finished();
  gan.anchor_noise = (Vector(3) << 0.9, -1.2, 0.1).finished();
  gan.discriminator = (Vector(2) << 0.3, -1.4).finished();
  gan.generator = (Vector(2) << 0.5, 0.8).finished();
  gan.anchor_discriminator = (Vector(2) << 0.25, -1.3).finished();
  gan.anchor_generator = (Vector(2) << 0.45, 0.85).finished();
  return gan;
}

template <class Loss>
Vector central_difference(Loss&& loss, const Vector& theta) {
  constexpr double kStep = 1e-6;
  Vector gradient(theta.size());
  for (Index k = 0; k < theta.size(); ++k) {
    const Vector step = kStep * Vector::Unit(theta.size(), k);
    gradient[k] = (loss(Vector(theta + step)) - loss(Vector(theta - step))) / (2.0 * kStep);
  }
  return gradient;
}

double formula(const OneDimensionalGan& gan, GanGeneratorLoss kind) {
  Vector current, anchor;
  Matrix a, b;
  gan.outputs(gan.discriminator, gan.generator, gan.current_noise, current, a);
  gan.outputs(gan.anchor_discriminator, gan.anchor_generator, gan.anchor_noise, anchor, b);
  return gan_discriminator_interaction(kind, current, anchor, a, b);
}

TEST(GanInteractionCoefficients, ReproduceTheDiscriminatorInteractionTermForBothGeneratorLosses) {
  const OneDimensionalGan gan = make_gan();
  for (GanGeneratorLoss kind : {GanGeneratorLoss::kNonSaturating, GanGeneratorLoss::kSaturating}) {
    const Vector discriminator_gradient = central_difference(
        [&](const Vector& theta) { return gan.discriminator_loss(gan.discriminator, theta); }, gan.generator);
    const Vector generator_gradient = central_difference(
        [&](const Vector& theta) { return gan.generator_loss(kind, gan.anchor_discriminator, theta); },
        gan.anchor_generator);
    const double by_differences = discriminator_gradient.dot(generator_gradient);
    // Analytic gradients through d/du log σ(u) = σ(−u), d/du log(1 − σ(u)) = −σ(u):
    Vector analytic_discriminator = Vector::Zero(2), analytic_generator = Vector::Zero(2);
    for (Index i = 0; i < 3; ++i) {
      const double u = OneDimensionalGan::logit(gan.discriminator, OneDimensionalGan::generate(gan.generator, gan.current_noise[i]));
      analytic_discriminator += sigmoid(u) * gan.discriminator[1] * Vector((Vector(2) << 1.0, gan.current_noise[i]).finished()) / 3.0;
      const double w = OneDimensionalGan::logit(gan.anchor_discriminator,
                                                OneDimensionalGan::generate(gan.anchor_generator, gan.anchor_noise[i]));
      const double weight = kind == GanGeneratorLoss::kNonSaturating ? -sigmoid(-w) : -sigmoid(w);
      analytic_generator += weight * gan.anchor_discriminator[1] * Vector((Vector(2) << 1.0, gan.anchor_noise[i]).finished()) / 3.0;
    }
    const double analytic = analytic_discriminator.dot(analytic_generator);
    const double predicted = formula(gan, kind);
    EXPECT_NEAR(predicted, by_differences, 1e-8) << to_string(kind);
    EXPECT_NEAR(predicted, analytic, 1e-12) << to_string(kind);
    std::printf("%s: −(1/B²)Σc_ij a_iᵀb_j = %.15f, finite differences %.15f (diff %.2g), analytic diff %.2g\n",
                std::string(to_string(kind)).c_str(), predicted, by_differences, std::abs(predicted - by_differences),
                std::abs(predicted - analytic));
  }
}

TEST(GanInteractionCoefficients, SaturatingTermAtTheAnchorIsMinusTheGeneratorGradientNormSquared) {
  // Zero-sum consistency (bea.md §7): same parameters and batch ⇒ ∇_θE_D = −∇_θE_G^sat.
  OneDimensionalGan gan = make_gan();
  gan.anchor_discriminator = gan.discriminator;
  gan.anchor_generator = gan.generator;
  gan.anchor_noise = gan.current_noise;
  const Vector generator_gradient = central_difference(
      [&](const Vector& theta) { return gan.generator_loss(GanGeneratorLoss::kSaturating, gan.discriminator, theta); },
      gan.generator);
  EXPECT_NEAR(formula(gan, GanGeneratorLoss::kSaturating), -generator_gradient.squaredNorm(), 1e-8);
}

TEST(GanInteractionCoefficients, HaveTheClosedFormWeights) {
  const Vector current = (Vector(2) << 0.2, 0.9).finished(), anchor = (Vector(2) << 0.6, 0.3).finished();
  const Matrix ns = gan_interaction_coefficients(GanGeneratorLoss::kNonSaturating, current, anchor);
  const Matrix sat = gan_interaction_coefficients(GanGeneratorLoss::kSaturating, current, anchor);
  for (Index i = 0; i < 2; ++i) {
    for (Index j = 0; j < 2; ++j) {
      EXPECT_DOUBLE_EQ(ns(i, j), 1.0 / ((1.0 - current[i]) * anchor[j]));
      EXPECT_DOUBLE_EQ(sat(i, j), 1.0 / ((1.0 - current[i]) * (1.0 - anchor[j])));
    }
  }
}

TEST(GanInteractionCoefficients, RejectOutputsOutsideTheOpenUnitIntervalAndShapeMismatches) {
  const Vector good = Vector::Constant(2, 0.5);
  EXPECT_THROW(gan_interaction_coefficients(GanGeneratorLoss::kSaturating, Vector::Constant(2, 1.0), good),
               InvalidArgument);
  EXPECT_THROW(gan_interaction_coefficients(GanGeneratorLoss::kNonSaturating, good, Vector::Zero(2)), InvalidArgument);
  EXPECT_THROW(gan_discriminator_interaction(GanGeneratorLoss::kSaturating, good, good, Matrix::Zero(2, 3),
                                             Matrix::Zero(2, 2)),
               InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
