#pragma once
// Mirror projection onto the interpolators (dln.md §5):
//
//   β^κ(β̃) = argmin_{Xβ = y} D_{H_κ}(β, β̃),   with θ̃ := ∇H_κ(β̃) = asinh(β̃/κ) given;
//   θ̃ = 0 (β̃ = 0) is the plain problem argmin_{Xβ=y} H_κ(β) of the GF/SGF implicit bias (§4, §6.3),
//   θ̃ ≠ 0 the discrete-time (EPGF) problem of §7.
//
// Method: globalised Newton on the concave dual F(λ) = ⟨y, λ⟩ − H_κ*(Xᵀλ + θ̃), λ ∈ R^n, whose
// maximiser gives β = κ ⊙ sinh(Xᵀλ + θ̃) (primal from dual). ∇F = y − Xβ(λ),
// ∇²F = −X diag(κ cosh θ) Xᵀ. Each step is a Levenberg–Marquardt step (Newton's when it is
// accepted undamped) solved without forming ∇²F (graded_normal_equations.hpp), limited to moving
// any θ_j by a trust radius (40, grown where F proves linear), and accepted by the ratio of F's
// actual to predicted increase, with the "flat F" rule of §5. Every κ-weighted hyperbolic function
// is evaluated from ln κ (log_scaled_hyperbolic.hpp), so an overflowing trial step is rejected
// instead of producing NaN. Converges from λ = 0 for ln κ spread from a few e-folds to tens of
// thousands (the κ∞ of SGF runs near the edge of stability): iteration counts over random
// problems per range are in bench/README.md ("Mirror projection"). Optional continuation (§5; off by default: it cost 1.5–6× more
// iterations on the same problems): solve for κ·m with m from 10·max|β_ℓ2|/max(κ) down to 1 by
// factors `continuation_factor`, warm-starting λ. A caller-provided λ₀ (e.g. the previous α of a
// sweep) is tried first, and a cold start from λ = 0 is the fallback.
//
// Guarantees: on return, feasibility ‖Xβ − y‖/‖y‖ ≤ options.feasibility_tolerance; otherwise
// ConvergenceFailure is thrown (never a silently inaccurate β). Cost per Newton iteration
// O(n²d + n³).
#include "lib/analysis/interpolation_constraint.hpp"
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

struct MirrorProjectionOptions {
  double feasibility_tolerance = 1e-10;  // stop when ‖Xβ − y‖ ≤ tol·‖y‖
  Index max_iterations = 1000;           // Newton iterations, summed over continuation stages
  bool use_continuation = false;         // continuation in a multiplier of κ (slower, see above)
  double continuation_factor = 10.0;     // ratio of consecutive multipliers m (> 1)
  Vector initial_dual;                   // λ₀ (size n) to warm-start from; empty: none

  // Throws InvalidArgument naming the offending option.
  void validate(Index num_samples) const;
};

struct MirrorProjectionResult {
  Vector beta;                 // the arg-min β
  Vector dual;                 // λ with asinh(β/κ) = Xᵀλ + θ̃ (warm start for a nearby κ)
  double feasibility = 0.0;    // ‖Xβ − y‖/‖y‖
  double kkt_residual = 0.0;   // relative distance of asinh(β/κ) − θ̃ from range(Xᵀ) (where β_j
                               // underflowed, the dual's (Xᵀλ)_j stands for asinh(β_j/κ_j) − θ̃_j)
  Index iterations = 0;        // Newton iterations over all stages
  Index continuation_stages = 0;
};

// argmin_{Xβ=y} H_κ(β), κ = exp(log_scale) (finite entries, one per feature).
MirrorProjectionResult minimum_entropy_interpolator(const InterpolationConstraint& constraint,
                                                    const ConstVectorRef& log_scale,
                                                    const MirrorProjectionOptions& options = {});

// argmin_{Xβ=y} D_{H_κ}(β, β̃) given the reference's mirror coordinate θ̃ = asinh(β̃/κ).
MirrorProjectionResult bregman_projection(const InterpolationConstraint& constraint,
                                          const ConstVectorRef& log_scale,
                                          const ConstVectorRef& reference_mirror,
                                          const MirrorProjectionOptions& options = {});

}  // namespace sgdbias
