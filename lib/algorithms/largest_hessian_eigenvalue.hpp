#pragma once
// Largest-magnitude eigenvalue of ∇²L(x) by power iteration on Hessian-vector products (the
// Hessian is never formed). Used for the GD stability bound γ < 2/λ_max (dln.md §7, "Linear
// stability") in divergence messages and by users choosing step sizes. Deterministic start
// vector, so the estimate is reproducible.
#include <cmath>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"

namespace sgdbias {

struct EigenvalueEstimate {
  double eigenvalue = 0.0;  // Rayleigh quotient of the final iterate (signed)
  Index iterations = 0;
  bool converged = false;   // relative change of the Rayleigh quotient ≤ tolerance
};

template <HasHessianVectorProduct Problem>
EigenvalueEstimate estimate_largest_hessian_eigenvalue(const Problem& problem, const ConstVectorRef& x,
                                                       Index max_iterations = 1000, double tolerance = 1e-9) {
  const Index n = problem.dimension();
  Vector direction(n), product(n);
  for (Index i = 0; i < n; ++i) direction[i] = 1.0 + 0.1 * static_cast<double>(i % 7);  // generic, not an eigenvector
  direction.normalize();
  EigenvalueEstimate estimate;
  double previous = 0.0;
  for (Index k = 0; k < max_iterations; ++k) {
    problem.hessian_vector_product(x, direction, product);
    estimate.eigenvalue = direction.dot(product);
    estimate.iterations = k + 1;
    const double norm = product.norm();
    if (!(norm > 0.0) || !std::isfinite(norm)) break;  // zero Hessian along the iterate, or overflow
    if (k > 0 && std::abs(estimate.eigenvalue - previous) <= tolerance * std::abs(estimate.eigenvalue)) {
      estimate.converged = true;
      break;
    }
    previous = estimate.eigenvalue;
    direction = product / norm;
  }
  return estimate;
}

}  // namespace sgdbias
