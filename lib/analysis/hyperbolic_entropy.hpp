#pragma once
// HyperbolicEntropy: the potential H_κ of every implicit-bias statement for diagonal linear
// networks (dln.md §2),
//
//   H_κ(β) = Σ_j [ β_j asinh(β_j/κ_j) − √(β_j² + κ_j²) + κ_j ],   κ ∈ R^d_{>0},
//   ∇H_κ(β) = asinh(β/κ),  ∇²H_κ(β) = diag(1/√(β² + κ²)),
//   H_κ*(θ) = Σ_j κ_j (cosh θ_j − 1),  ∇H_κ*(θ) = κ ⊙ sinh θ,  ∇²H_κ*(θ) = diag(κ cosh θ).
//
// The object stores ln κ, never κ: effective scales of long runs leave double range (dln.md §3,
// §6.4), and every evaluation uses the overflow/cancellation-free forms of dln.md §5
// (log_scaled_hyperbolic.hpp). Valid for any finite ln κ (κ from 1e-300 and far below).
// The papers' potentials are positive multiples of H_κ (paper_potentials.hpp).
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

class HyperbolicEntropy {
 public:
  // ln κ, one entry per coordinate; every entry must be finite.
  explicit HyperbolicEntropy(Vector log_scale);
  // Same scale κ = e^{log_scale} in all `dimension` coordinates.
  static HyperbolicEntropy uniform(Index dimension, double log_scale);
  // From κ itself (every entry finite and > 0).
  static HyperbolicEntropy from_scale(const ConstVectorRef& scale);

  Index dimension() const { return log_scale_.size(); }
  const Vector& log_scale() const { return log_scale_; }
  // κ = e^{ln κ}; entries may underflow to 0 (use log_scale() for computations).
  Vector scale() const;

  double value(const ConstVectorRef& beta) const;
  // asinh(β/κ): the mirror coordinate θ (dln.md §2, §3.1).
  void gradient(const ConstVectorRef& beta, VectorRef out) const;
  // 1/√(β² + κ²).
  void hessian_diagonal(const ConstVectorRef& beta, VectorRef out) const;

  double conjugate(const ConstVectorRef& theta) const;
  // κ ⊙ sinh θ: the point β whose mirror coordinate is θ.
  void conjugate_gradient(const ConstVectorRef& theta, VectorRef out) const;
  // κ ⊙ cosh θ = √(β² + κ²) at β = κ ⊙ sinh θ.
  void conjugate_hessian_diagonal(const ConstVectorRef& theta, VectorRef out) const;

  // D_H(β, β̃) = H(β) − H(β̃) − ⟨∇H(β̃), β − β̃⟩ ≥ 0, evaluated term by term.
  double bregman_divergence(const ConstVectorRef& beta, const ConstVectorRef& reference) const;

 private:
  void require_dimension(Index size, const char* where, const char* name) const;

  Vector log_scale_;
};

}  // namespace sgdbias
