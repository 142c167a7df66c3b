#pragma once
// Effective initialisation: the scale κ∞ (and, in discrete time, the reference point β̃₀) that
// makes a stochastic or finite-step run's limit an exact mirror projection (dln.md §6.3, §6.4, §7).
//
// Continuous time (SGF, label-noise SGF; §6.3–6.4), with t = γ·(number of SGD steps):
//   α∞ = α ⊙ exp(−2γ D (∫L dt + ∫δ² dt)),  L = MSE/4 (PPF loss),  D = diag(XᵀX/n);
//   convention-free:  ln κ∞ = ln κ₀ − γ D (∫MSE dt + 4∫δ² dt).
// Discrete time (GD/SGD with steps γ_k and multipliers g_k, §7, exact):
//   q±(x) = ∓2x − ln((1 ∓ x)²),  q = ½(q₊ + q₋) = −ln|1 − x²|,
//   ln κ∞ = ln κ₀ − Σ_k q(γ_k g_k),  κ±∞ = κ₀ ⊙ exp(−Σ q±),  β̃₀ = ½(κ₊∞ − κ₋∞),
//   and θ̃ = asinh(β̃₀/κ∞) = −½ Σ_k (q₊ − q₋)(γ_k g_k) exactly (no overflow, no cancellation).
//   The Gain vector of EPGF is ln(κ₀/κ∞) = Σ_k q(γ_k g_k) (gain.hpp).
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// What an SGF / label-noise SGF run must record (§6.3, "convention-free bookkeeping").
struct SgfPathIntegrals {
  double step_size = 0.0;                      // γ of the SGD the SGF models (> 0)
  double integrated_mean_squared_error = 0.0;  // ∫₀^T MSE(β_t) dt ≥ 0
  double integrated_label_noise_variance = 0.0;  // ∫₀^T δ_t² dt ≥ 0 (label noise Δ = ±2δ, §6.4)

  void validate() const;
};

// D_j = (1/n) Σ_i X_ij² (dln.md §1).
Vector feature_second_moments(const ConstMatrixRef& features);

// α∞ = α ⊙ exp(−2γ D (∫L + ∫δ²)), L = MSE/4 (PPF/slides' units, §6.3).
Vector sgf_effective_alpha(const ConstVectorRef& alpha, const ConstVectorRef& feature_second_moments,
                           const SgfPathIntegrals& integrals);
// ln κ∞ = ln κ₀ − γ D (∫MSE + 4∫δ²): the same statement for any convention's κ₀.
Vector sgf_effective_log_scale(const ConstVectorRef& log_initial_scale, const ConstVectorRef& feature_second_moments,
                               const SgfPathIntegrals& integrals);

struct DiscreteEffectiveInitialization {
  Vector log_scale;         // ln κ∞
  Vector reference_mirror;  // θ̃ = asinh(β̃₀/κ∞)
  Vector reference_beta;    // β̃₀ = κ∞ ⊙ sinh θ̃ (may underflow; θ̃ is what the solver uses)
};

// From the sums Σ_k q±(γ_k g_k) a run recorded per coordinate (e.g. problems::DiscreteScaleBookkeeping's
// q_plus() / q_minus() observed through iterate()).
DiscreteEffectiveInitialization discrete_effective_initialization(const ConstVectorRef& log_initial_scale,
                                                                  const ConstVectorRef& sum_q_plus,
                                                                  const ConstVectorRef& sum_q_minus);

}  // namespace sgdbias
