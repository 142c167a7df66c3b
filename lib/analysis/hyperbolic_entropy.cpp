#include "lib/analysis/hyperbolic_entropy.hpp"

#include <cmath>
#include <utility>

#include "lib/analysis/log_scaled_hyperbolic.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {

HyperbolicEntropy::HyperbolicEntropy(Vector log_scale) : log_scale_(std::move(log_scale)) {
  require(log_scale_.size() >= 1, "HyperbolicEntropy", "ln κ must have at least one entry");
  require_all_finite(log_scale_, "HyperbolicEntropy",
                     "ln κ (κ must be > 0 and finite in every coordinate)");
}

HyperbolicEntropy HyperbolicEntropy::uniform(Index dimension, double log_scale) {
  require(dimension >= 1, "HyperbolicEntropy::uniform", "dimension must be >= 1, got ", dimension);
  require(std::isfinite(log_scale), "HyperbolicEntropy::uniform", "ln κ must be finite, got ", log_scale);
  return HyperbolicEntropy(Vector::Constant(dimension, log_scale));
}

HyperbolicEntropy HyperbolicEntropy::from_scale(const ConstVectorRef& scale) {
  require((scale.array() > 0.0).all() && scale.allFinite(), "HyperbolicEntropy::from_scale",
          "the scale κ must be finite and > 0 in every coordinate");
  return HyperbolicEntropy(scale.array().log().matrix());
}

Vector HyperbolicEntropy::scale() const { return log_scale_.array().exp().matrix(); }

void HyperbolicEntropy::require_dimension(Index size, const char* where, const char* name) const {
  require_size(size, dimension(), where, name);
}

double HyperbolicEntropy::value(const ConstVectorRef& beta) const {
  require_dimension(beta.size(), "HyperbolicEntropy::value", "β");
  double sum = 0.0;
  for (Index j = 0; j < dimension(); ++j) sum += log_scaled::entropy_term(beta[j], log_scale_[j]);
  return sum;
}

void HyperbolicEntropy::gradient(const ConstVectorRef& beta, VectorRef out) const {
  require_dimension(beta.size(), "HyperbolicEntropy::gradient", "β");
  require_dimension(out.size(), "HyperbolicEntropy::gradient", "output");
  for (Index j = 0; j < dimension(); ++j) out[j] = log_scaled::asinh_of_ratio(beta[j], log_scale_[j]);
}

void HyperbolicEntropy::hessian_diagonal(const ConstVectorRef& beta, VectorRef out) const {
  require_dimension(beta.size(), "HyperbolicEntropy::hessian_diagonal", "β");
  require_dimension(out.size(), "HyperbolicEntropy::hessian_diagonal", "output");
  for (Index j = 0; j < dimension(); ++j) out[j] = log_scaled::inverse_scaled_hypot(beta[j], log_scale_[j]);
}

double HyperbolicEntropy::conjugate(const ConstVectorRef& theta) const {
  require_dimension(theta.size(), "HyperbolicEntropy::conjugate", "θ");
  double sum = 0.0;
  for (Index j = 0; j < dimension(); ++j) sum += log_scaled::scaled_cosh_minus_one(theta[j], log_scale_[j]);
  return sum;
}

void HyperbolicEntropy::conjugate_gradient(const ConstVectorRef& theta, VectorRef out) const {
  require_dimension(theta.size(), "HyperbolicEntropy::conjugate_gradient", "θ");
  require_dimension(out.size(), "HyperbolicEntropy::conjugate_gradient", "output");
  for (Index j = 0; j < dimension(); ++j) out[j] = log_scaled::scaled_sinh(theta[j], log_scale_[j]);
}

void HyperbolicEntropy::conjugate_hessian_diagonal(const ConstVectorRef& theta, VectorRef out) const {
  require_dimension(theta.size(), "HyperbolicEntropy::conjugate_hessian_diagonal", "θ");
  require_dimension(out.size(), "HyperbolicEntropy::conjugate_hessian_diagonal", "output");
  for (Index j = 0; j < dimension(); ++j) out[j] = log_scaled::scaled_cosh(theta[j], log_scale_[j]);
}

double HyperbolicEntropy::bregman_divergence(const ConstVectorRef& beta, const ConstVectorRef& reference) const {
  require_dimension(beta.size(), "HyperbolicEntropy::bregman_divergence", "β");
  require_dimension(reference.size(), "HyperbolicEntropy::bregman_divergence", "β̃");
  double sum = 0.0;
  for (Index j = 0; j < dimension(); ++j) {
    const double ell = log_scale_[j];
    sum += log_scaled::entropy_term(beta[j], ell) - log_scaled::entropy_term(reference[j], ell) -
           log_scaled::asinh_of_ratio(reference[j], ell) * (beta[j] - reference[j]);
  }
  return sum;
}

}  // namespace sgdbias
