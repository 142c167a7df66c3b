#include "lib/analysis/effective_initialization.hpp"

#include <cmath>

#include "lib/analysis/log_scaled_hyperbolic.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {
namespace {

void require_feature_vector(const ConstVectorRef& values, Index size, const char* where, const char* name) {
  require_size(values.size(), size, where, name);
  require(values.allFinite(), where, name, " contains NaN or infinite entries");
}

}  // namespace

void SgfPathIntegrals::validate() const {
  constexpr const char* kWhere = "SgfPathIntegrals";
  require_positive_finite(step_size, kWhere, "step_size γ");
  require(std::isfinite(integrated_mean_squared_error) && integrated_mean_squared_error >= 0.0, kWhere,
          "integrated_mean_squared_error must be finite and >= 0, got ", integrated_mean_squared_error);
  require(std::isfinite(integrated_label_noise_variance) && integrated_label_noise_variance >= 0.0, kWhere,
          "integrated_label_noise_variance must be finite and >= 0, got ", integrated_label_noise_variance);
}

Vector feature_second_moments(const ConstMatrixRef& features) {
  require(features.rows() >= 1, "feature_second_moments", "X must have at least one row");
  return features.colwise().squaredNorm().transpose() / static_cast<double>(features.rows());
}

Vector sgf_effective_alpha(const ConstVectorRef& alpha, const ConstVectorRef& feature_second_moments,
                           const SgfPathIntegrals& integrals) {
  constexpr const char* kWhere = "sgf_effective_alpha";
  integrals.validate();
  require_feature_vector(feature_second_moments, alpha.size(), kWhere, "D = diag(XᵀX/n)");
  require((alpha.array() > 0.0).all() && alpha.allFinite(), kWhere, "α must be finite and > 0");
  const double integrated_loss = 0.25 * integrals.integrated_mean_squared_error;  // ∫L, L = MSE/4
  const double exponent = -2.0 * integrals.step_size * (integrated_loss + integrals.integrated_label_noise_variance);
  return alpha.cwiseProduct((exponent * feature_second_moments.array()).exp().matrix());
}

Vector sgf_effective_log_scale(const ConstVectorRef& log_initial_scale, const ConstVectorRef& feature_second_moments,
                               const SgfPathIntegrals& integrals) {
  constexpr const char* kWhere = "sgf_effective_log_scale";
  integrals.validate();
  require_feature_vector(feature_second_moments, log_initial_scale.size(), kWhere, "D = diag(XᵀX/n)");
  require(log_initial_scale.allFinite(), kWhere, "ln κ₀ must be finite");
  const double shrink = integrals.step_size * (integrals.integrated_mean_squared_error +
                                               4.0 * integrals.integrated_label_noise_variance);
  return log_initial_scale - shrink * feature_second_moments;
}

DiscreteEffectiveInitialization discrete_effective_initialization(const ConstVectorRef& log_initial_scale,
                                                                  const ConstVectorRef& sum_q_plus,
                                                                  const ConstVectorRef& sum_q_minus) {
  constexpr const char* kWhere = "discrete_effective_initialization";
  require_size(sum_q_minus.size(), sum_q_plus.size(), kWhere, "Σ q₋");
  require_feature_vector(log_initial_scale, sum_q_plus.size(), kWhere, "ln κ₀");
  require(sum_q_plus.allFinite() && sum_q_minus.allFinite(), kWhere,
          "the recorded sums Σ q±(γg) are not finite: some step had |γ g_j| = 1 (a layer weight hit 0), "
          "so the run has no effective initialisation");
  DiscreteEffectiveInitialization result;
  result.log_scale = log_initial_scale - 0.5 * (sum_q_plus + sum_q_minus);  // Σq = ½(Σq₊ + Σq₋)
  result.reference_mirror = -0.5 * (sum_q_plus - sum_q_minus);
  result.reference_beta.resize(log_initial_scale.size());
  for (Index j = 0; j < log_initial_scale.size(); ++j) {
    result.reference_beta[j] = log_scaled::scaled_sinh(result.reference_mirror[j], result.log_scale[j]);
  }
  return result;
}

}  // namespace sgdbias
