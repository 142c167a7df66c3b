#pragma once
// Linear-stability step-size bounds of the discrete algorithms at a state x, quoted when a run
// diverges (iterate.hpp) and available to users choosing step sizes (dln.md §7, "Step-size
// conditions" and "Linear stability").
//
// Near x a step with curvature H multiplies the component along H's top eigenvector by 1 − γλ_max:
//   * full batch (GD): H = ∇²L, stable iff γ < 2/λ_max(∇²L);
//   * minibatch B (SGD, label-noise SGD): step k uses H_B = (1/b)Σ_{i∈B} ∇²ℓ_i, so every step is
//     stable iff γ < 2/max_B λ_max(H_B). For b = 1 this is 2/max_i λ_max(∇²ℓ_i); for any b,
//     λ_max(H_B) ≤ max_i λ_max(∇²ℓ_i), so 2/max_i λ_max(∇²ℓ_i) keeps every batch step stable, and
//     GD's bound is the limit b = n. The per-sample curvature is the larger one
//     (λ_max(∇²L) ≤ max_i λ_max(∇²ℓ_i)): for least squares ∇²ℓ_i = 2c x_i x_iᵀ, so the bound is
//     1/(c·max_i‖x_i‖²) — EPGF's SGD smoothness constant max_i‖x_i‖² (dln.md §7) — against GD's
//     1/(c·λ_max(XᵀX/n)), about n/d times larger for Gaussian features;
//     The per-sample bound is sufficient, the full-batch one necessary (the mean step E[H_B] = ∇²L
//     diverges above it); SGD's own threshold lies between. Measured on the dln.md §8.4 network
//     (PPF, α = 0.1, b = 1, 20 000 steps, 10 seeds): per-sample bound at x₀ 0.19, GD's 1.37; SGD
//     survived γ = 0.15 in 10/10 runs and diverged at 0.2 in 6/10, at 0.3 in 10/10.
//   * heavy-ball momentum μ: on curvature λ the characteristic polynomial z² − (1 + μ − γλ)z + μ
//     has both roots inside the unit circle iff 0 < γλ < 2(1 + μ): the bounds above times (1 + μ).
// Eigenvalues come from power iteration on (batch) Hessian-vector products; their magnitude is
// used (a negative curvature of the same size grows as fast).
#include <algorithm>
#include <array>
#include <cmath>
#include <span>

#include <string>
#include <type_traits>

#include "lib/algorithms/largest_hessian_eigenvalue.hpp"
#include "lib/algorithms/step_policy.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"

namespace sgdbias {

// 2/|λ_max(∇²L(x))|; +∞ if the Hessian is zero along the power iteration.
template <HasHessianVectorProduct Problem>
double full_batch_stability_bound(const Problem& problem, const ConstVectorRef& x) {
  return 2.0 / std::abs(estimate_largest_hessian_eigenvalue(problem, x).eigenvalue);
}

// 2/max_i |λ_max(∇²ℓ_i(x))|: every minibatch step (any b) is linearly stable below it. Costs n power
// iterations on single-sample HVPs (at most `max_iterations` each).
template <HasBatchHessianVectorProduct Problem>
double per_sample_stability_bound(const Problem& problem, const ConstVectorRef& x, Index max_iterations = 300,
                                  double tolerance = 1e-6) {
  double largest = 0.0;
  for (Index i = 0; i < problem.num_samples(); ++i) {
    const std::array<Index, 1> sample{i};
    const auto sample_hessian = [&](const ConstVectorRef& direction, VectorRef out) {
      problem.batch_hessian_vector_product(x, std::span<const Index>(sample), direction, out);
    };
    const EigenvalueEstimate estimate =
        estimate_largest_eigenvalue(problem.dimension(), sample_hessian, max_iterations, tolerance);
    largest = std::max(largest, std::abs(estimate.eigenvalue));
  }
  return 2.0 / largest;
}

// Above this many samples the per-sample bound (n power iterations) is not computed for messages.
inline constexpr Index kPerSampleBoundMaxSamples = 10'000;

// The advice of a divergence message: the bound that applies to `algorithm` (its batch size and
// momentum, read after prepare()) at the state x; "reduce the step size" when the problem has no
// Hessian-vector products or the curvature there is zero.
template <StepPolicy Algorithm>
std::string stability_advice(const Algorithm& algorithm, const ConstVectorRef& x) {
  using Problem = std::remove_cvref_t<decltype(algorithm.problem())>;
  std::string advice = "reduce the step size";
  if constexpr (HasHessianVectorProduct<Problem>) {
    const Problem& problem = algorithm.problem();
    double factor = 1.0;  // 1 + μ with momentum
    if constexpr (requires { algorithm.options().momentum; }) factor = 1.0 + algorithm.options().momentum;
    const std::string two = factor > 1.0 ? "2(1 + μ)" : "2";
    const double full_batch = factor * full_batch_stability_bound(problem, x);
    if (!std::isfinite(full_batch)) return advice;
    advice = describe("full-batch steps are linearly stable only for step size < ", two,
                      "/λ_max(∇²L); at the initial state that is step size < ", full_batch, " (dln.md §7)");
    if constexpr (HasBatchHessianVectorProduct<Problem>) {
      const auto batch_size = static_cast<Index>(algorithm.batch().size());
      const Index n = problem.num_samples();
      if (batch_size < 1 || batch_size >= n) return advice;
      if (n > kPerSampleBoundMaxSamples) {
        return describe(advice, "; minibatches need less (the per-sample bound is not computed for n > ",
                        kPerSampleBoundMaxSamples, ")");
      }
      const double per_sample = factor * per_sample_stability_bound(problem, x);
      const std::string noise = algorithm.label_shifts().empty() ? "" : "; label noise adds variance and may need less";
      return describe("every ", batch_size == 1 ? "single-sample" : "minibatch",
                      " step is linearly stable for step size < ", two,
                      "/max_i λ_max(∇²ℓ_i); at the initial state that is step size < ", per_sample,
                      "; the method's own limit lies between that and gradient descent's ", two,
                      "/λ_max(∇²L) ≈ ", full_batch, ", above which even its mean step diverges (dln.md §7", noise, ")");
    }
  }
  return advice;
}

}  // namespace sgdbias
