#pragma once
// Linear stability at an interpolator (dln.md §7, "edge of stability"): the non-zero eigenvalues of
// the loss Hessian of the network (PPF or product convention, both) at an interpolator β with scale
// κ are those of (2/n) X diag(√(β² + κ²)) Xᵀ. Its largest eigenvalue S(β, κ) gives the GD stability
// condition γ S ≤ 2.
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// S(β, κ) = λ_max((2/n) X diag(√(β² + κ²)) Xᵀ), κ = e^{log_scale}.
double interpolator_sharpness(const ConstMatrixRef& features, const ConstVectorRef& beta,
                              const ConstVectorRef& log_scale);

}  // namespace sgdbias
