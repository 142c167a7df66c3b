#pragma once
// The Gain vector of EPGF and its shape (dln.md §7):
//   Gain = ln(κ₀/κ∞) = ln(α²/α∞²) = Σ_k q(γ_k g_k)  (per coordinate; ≥ 0 while |γg| < √2).
// With the weighted-ℓ1 reading of §2.1 (weight ln(1/κ₀) + Gain_j), a uniform gain is plain ℓ1 at a
// smaller scale (helps recovery, SGD: ∝ D_j), a support-heavy gain penalises the true support
// (hurts, GD). GainShape summarises this: the support/off-support mean ratio and corr(Gain, D).
#include <optional>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// ln κ₀ − ln κ∞.
Vector gain(const ConstVectorRef& log_initial_scale, const ConstVectorRef& log_final_scale);

struct GainShape {
  double support_mean = 0.0;      // mean of Gain_j over supp(β*)
  double off_support_mean = 0.0;  // mean over the complement
  double support_ratio = 0.0;     // support_mean / off_support_mean
  // Pearson correlation of Gain with D = diag(XᵀX/n); empty if either is constant.
  std::optional<double> correlation_with_feature_moments;
};

// supp(β*) = {j : β*_j ≠ 0} must be neither empty nor everything.
GainShape gain_shape(const ConstVectorRef& gain, const ConstVectorRef& teacher,
                     const ConstVectorRef& feature_second_moments);

}  // namespace sgdbias
