#pragma once
// The minimum-ℓ1 interpolator argmin ‖β‖₁ s.t. Xβ = y (dln.md §5; the κ → 0 / rich limit of
// §2.1), by linear programming:  min 1ᵀ(p + m)  s.t.  X(p − m) = y,  p, m ≥ 0  (2d variables,
// n equality rows), β = p − m.
//
// LP library: GLPK (Debian libglpk-dev). Chosen because it has a small, stable C API (one
// problem object, a handful of calls), is packaged in Debian, and offers an exact simplex
// (glp_exact, rational arithmetic) on top of the double-precision one: the LP is first solved
// by glp_simplex and the optimal basis then re-verified by glp_exact, so the reported vertex is
// the exact optimum of the LP with the given (double) data, rounded once. Problems here are a
// few hundred columns (n×2d), far below where an interior-point or commercial solver would
// matter. GLPK's terminal output is switched off for the duration of the call.
//
// If the ℓ1 minimiser is not unique, one optimal vertex is returned (the κ → 0 limit of the
// hyperbolic solver may select a different one).
#include "lib/analysis/interpolation_constraint.hpp"
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

struct MinimumL1Options {
  // Re-verify the double-precision optimum with GLPK's rational-arithmetic simplex.
  bool exact_arithmetic = true;
};

// Throws ConvergenceFailure if GLPK does not report an optimal solution.
Vector minimum_l1_interpolator(const InterpolationConstraint& constraint, const MinimumL1Options& options = {});

}  // namespace sgdbias
