#pragma once
// The minimum-ℓ1 interpolator argmin ‖β‖₁ s.t. Xβ = y (dln.md §5; the κ → 0 / rich limit of
// §2.1), by linear programming:  min 1ᵀ(p + m)  s.t.  X(p − m) = y,  p, m ≥ 0  (2d variables,
// n equality rows), β = p − m.
//
// LP library: GLPK (Debian libglpk-dev). Chosen because it has a small, stable C API (one
// problem object, a handful of calls), is packaged in Debian, and its primal simplex returns an
// optimal BASIS, not just approximate values: the vertex is then recomputed in double precision
// by solving X_B β_B = y on the basic columns (QR), so the reported β is feasible to round-off
// whatever GLPK's internal tolerances. (GLPK's rational-arithmetic glp_exact was tried for this
// and rejected as far too slow on 53-bit data: bench/README.md, measurement history.)
// Problems here are a few hundred columns (n×2d), far below where an interior-point or
// commercial solver would matter. GLPK's terminal output is switched off during the call.
//
// If the ℓ1 minimiser is not unique, one optimal vertex is returned (the κ → 0 limit of the
// hyperbolic solver may select a different one).
#include "lib/analysis/interpolation_constraint.hpp"
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// Throws ConvergenceFailure if GLPK does not report an optimal solution.
Vector minimum_l1_interpolator(const InterpolationConstraint& constraint);

}  // namespace sgdbias
