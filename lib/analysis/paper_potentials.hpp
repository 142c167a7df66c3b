#pragma once
// The papers' potentials as named conversions to HyperbolicEntropy (dln.md §2 table, §3.3).
// Every one is a positive multiple c·H_κ, so its constrained arg-min depends on κ only:
//
// | name                    | papers' formula                                      | = c·H_κ        |
// |-------------------------|------------------------------------------------------|----------------|
// | ppf_potential(α)        | φ_α = ¼Σ[β asinh(β/2α²) − √(β²+4α⁴) + 2α²]  (PPF)    | ¼·H_{2α²}      |
// | woodworth_potential(α)  | Q_α = α² Σ q_W(β/α²), q_W(z)=2−√(4+z²)+z asinh(z/2)  | 1·H_{2α²}      |
// | epgf_potential(α)       | ψ_α = ½Σ[β asinh(β/α²) − √(β²+α⁴) + α²]  (EPGF)      | ½·H_{α²}       |
// | slides_literal(α)       | β = u⊙v with u₀ = α, v₀ = 0 (NOT φ_α; dln.md §3.3)   | ½·H_{α²/2}     |
//
// α may vary per coordinate; every α_j must be finite and > 0. Scales are returned as ln κ
// (computed from ln α, so α = 1e-200 is fine).
#include "lib/analysis/hyperbolic_entropy.hpp"
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// c·H_κ with its derivatives; `entropy` carries κ.
struct ScaledHyperbolicEntropy {
  double factor;
  HyperbolicEntropy entropy;

  double value(const ConstVectorRef& beta) const { return factor * entropy.value(beta); }
  void gradient(const ConstVectorRef& beta, VectorRef out) const {
    entropy.gradient(beta, out);
    out *= factor;
  }
  void hessian_diagonal(const ConstVectorRef& beta, VectorRef out) const {
    entropy.hessian_diagonal(beta, out);
    out *= factor;
  }
};

// ln κ for the three initialisation conventions (dln.md §3.3): 2α², α², α²/2.
Vector ppf_log_scale(const ConstVectorRef& alpha);
Vector epgf_log_scale(const ConstVectorRef& alpha);
Vector slides_literal_log_scale(const ConstVectorRef& alpha);
// Inverse of ppf_log_scale: the α with 2α² = κ, i.e. the φ_α that has scale κ (α∞ of §6.3).
Vector ppf_alpha_from_log_scale(const ConstVectorRef& log_scale);

ScaledHyperbolicEntropy ppf_potential(const ConstVectorRef& alpha);
ScaledHyperbolicEntropy woodworth_potential(const ConstVectorRef& alpha);
ScaledHyperbolicEntropy epgf_potential(const ConstVectorRef& alpha);
ScaledHyperbolicEntropy slides_literal_potential(const ConstVectorRef& alpha);

}  // namespace sgdbias
