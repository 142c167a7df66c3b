#pragma once
// The predicted limit β∞ of a converged run, for each kind of run (dln.md §4, §6.3, §7):
//
//   gradient flow (any convention, §4):        argmin_{Xβ=y} H_{κ₀}(β)
//   SGF / label-noise SGF (§6.3–6.4):          argmin_{Xβ=y} H_{κ∞}(β), ln κ∞ from the path integrals
//   GD / SGD / label-noise SGD, finite steps (§7): argmin_{Xβ=y} D_{H_{κ∞}}(β, β̃₀) from the recorded sums Σq±
//
// κ₀ is the run's initial scale (DlnConvention::log_initial_scale(); 2α² for PPF, α² for EPGF).
// All three return the solver's diagnostics (mirror_projection.hpp).
#include "lib/analysis/effective_initialization.hpp"
#include "lib/analysis/interpolation_constraint.hpp"
#include "lib/analysis/mirror_projection.hpp"

namespace sgdbias {

MirrorProjectionResult predict_gradient_flow_limit(const InterpolationConstraint& constraint,
                                                   const ConstVectorRef& log_initial_scale,
                                                   const MirrorProjectionOptions& options = {});

// D = diag(XᵀX/n) is taken from the constraint's X.
MirrorProjectionResult predict_stochastic_gradient_flow_limit(const InterpolationConstraint& constraint,
                                                              const ConstVectorRef& log_initial_scale,
                                                              const SgfPathIntegrals& integrals,
                                                              const MirrorProjectionOptions& options = {});

MirrorProjectionResult predict_discrete_limit(const InterpolationConstraint& constraint,
                                              const ConstVectorRef& log_initial_scale,
                                              const ConstVectorRef& sum_q_plus, const ConstVectorRef& sum_q_minus,
                                              const MirrorProjectionOptions& options = {});

}  // namespace sgdbias
