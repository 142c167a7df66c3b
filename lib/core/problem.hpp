#pragma once
// Problem concepts: what algorithms, integrators and flows may ask of a problem.
//
// Conventions shared by every problem:
//   * The state x is a flat Vector of size dimension() (e.g. [u; v] for a diagonal network).
//   * Outputs go into caller-owned, already-sized storage (VectorRef): no allocation per call.
//   * A problem object is NOT thread-safe: its const methods may use internal `mutable`
//     workspace. Copies share the immutable data (features, targets) and are cheap: give each
//     thread / trajectory its own copy.
//   * Hessians are never formed: curvature is available only as Hessian-vector products.
#include <concepts>
#include <span>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// A loss L(x) with its gradient.
template <class P>
concept DifferentiableObjective =
    requires(const P& problem, const ConstVectorRef& x, VectorRef gradient) {
      { problem.dimension() } -> std::convertible_to<Index>;
      { problem.loss(x) } -> std::convertible_to<double>;
      problem.gradient(x, gradient);
    };

// Curvature as an operator: out = ∇²L(x)·direction.
template <class P>
concept HasHessianVectorProduct =
    DifferentiableObjective<P> &&
    requires(const P& problem, const ConstVectorRef& x, const ConstVectorRef& direction,
             VectorRef out) { problem.hessian_vector_product(x, direction, out); };

// L(x) = (1/n) Σ_i ℓ_i(x): minibatch losses and gradients are averages over the batch, so the
// batch of all samples gives back loss() and gradient() exactly (tested by the problem contract).
template <class P>
concept FiniteSumObjective =
    DifferentiableObjective<P> &&
    requires(const P& problem, const ConstVectorRef& x, std::span<const Index> batch,
             VectorRef gradient) {
      { problem.num_samples() } -> std::convertible_to<Index>;
      { problem.batch_loss(x, batch) } -> std::convertible_to<double>;
      problem.batch_gradient(x, batch, gradient);
    };

// Minibatch curvature: out = ∇²L_B(x)·direction.
template <class P>
concept HasBatchHessianVectorProduct =
    FiniteSumObjective<P> && HasHessianVectorProduct<P> &&
    requires(const P& problem, const ConstVectorRef& x, std::span<const Index> batch,
             const ConstVectorRef& direction, VectorRef out) {
      problem.batch_hessian_vector_product(x, batch, direction, out);
    };

}  // namespace sgdbias
