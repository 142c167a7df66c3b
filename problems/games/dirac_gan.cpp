#include "problems/games/dirac_gan.hpp"

#include <algorithm>
#include <cmath>

#include "lib/core/validation.hpp"

namespace sgdbias::problems {
namespace {

// Overflow-free logistic function and softplus(x) = log(1 + eˣ).
double sigmoid(double x) {
  if (x >= 0.0) return 1.0 / (1.0 + std::exp(-x));
  const double e = std::exp(x);
  return e / (1.0 + e);
}
double softplus(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }

void require_state(const ConstVectorRef& z, std::string_view where) { require_size(z.size(), 2, where, "state z"); }

}  // namespace

double DiracGan::first_loss(const ConstVectorRef& z) const {
  require_state(z, "DiracGan::first_loss");
  return softplus(z[0] * z[1]);
}

double DiracGan::second_loss(const ConstVectorRef& z) const {
  require_state(z, "DiracGan::second_loss");
  const double u = z[0] * z[1];
  return generator_loss_ == GanGeneratorLoss::kSaturating ? -softplus(u) : softplus(-u);
}

void DiracGan::field(const ConstVectorRef& z, VectorRef out) const {
  require_state(z, "DiracGan::field");
  const double psi = z[0], theta = z[1];
  const double s = sigmoid(psi * theta);
  out[0] = -theta * s;
  out[1] = generator_loss_ == GanGeneratorLoss::kSaturating ? psi * s : psi * sigmoid(-psi * theta);
}

void DiracGan::jacobian_vector_product(const ConstVectorRef& z, const ConstVectorRef& direction,
                                       VectorRef out) const {
  require_state(z, "DiracGan::jacobian_vector_product");
  const double psi = z[0], theta = z[1], u = psi * theta;
  const double s = sigmoid(u);
  const double ds = s * sigmoid(-u);  // σ'(u) = σ'(−u)
  const double f_psi = -theta * theta * ds;
  const double f_theta = -s - u * ds;
  double g_psi = s + u * ds;
  double g_theta = psi * psi * ds;
  if (generator_loss_ == GanGeneratorLoss::kNonSaturating) {
    g_psi = sigmoid(-u) - u * ds;
    g_theta = -psi * psi * ds;
  }
  const double w_psi = direction[0], w_theta = direction[1];
  out[0] = f_psi * w_psi + f_theta * w_theta;
  out[1] = g_psi * w_psi + g_theta * w_theta;
}

void DiracGan::cross_gradient(const ConstVectorRef& z, VectorRef out) const {
  require_state(z, "DiracGan::cross_gradient");
  const double psi = z[0], theta = z[1], u = psi * theta;
  out[0] = generator_loss_ == GanGeneratorLoss::kSaturating ? -theta * sigmoid(u) : -theta * sigmoid(-u);
  out[1] = psi * sigmoid(u);  // ∇_θE_ψ
}

}  // namespace sgdbias::problems
