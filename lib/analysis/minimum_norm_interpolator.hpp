#pragma once
// Closed-form ℓ2 interpolators (dln.md §5, last bullet; §2.1 kernel limit):
//
//   minimum_l2_interpolator:           argmin ‖β‖²            s.t. Xβ = y  →  Xᵀ(XXᵀ)⁻¹y
//   minimum_weighted_l2_interpolator:  argmin Σ_j β_j²/κ_j    s.t. Xβ = y  →  KXᵀ(XKXᵀ)⁻¹y, K = diag(κ)
//
// The second is the κ → ∞ limit of argmin H_κ for a vector κ (dln.md §2.1). Both are computed
// through QR factorisations of Xᵀ (resp. K^{1/2}Xᵀ), never by inverting the Gram matrix, so the
// error grows with cond(X), not cond(X)².
#include "lib/analysis/interpolation_constraint.hpp"
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

Vector minimum_l2_interpolator(const InterpolationConstraint& constraint);

// `weights` = κ: every entry finite and > 0, one per feature.
Vector minimum_weighted_l2_interpolator(const InterpolationConstraint& constraint, const ConstVectorRef& weights);

}  // namespace sgdbias
