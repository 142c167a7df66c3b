#pragma once
// Largest-magnitude eigenvalue of ∇²L(x) (or of any symmetric operator, e.g. a one-sample Hessian)
// by power iteration on Hessian-vector products (the Hessian is never formed). Used for the
// stability bounds of linear_stability.hpp in divergence messages and by users choosing step
// sizes. Deterministic start vector, so the estimate is reproducible.
#include <cmath>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"

namespace sgdbias {

struct EigenvalueEstimate {
  double eigenvalue = 0.0;  // Rayleigh quotient of the final iterate (signed)
  Index iterations = 0;
  bool converged = false;   // relative change of the Rayleigh quotient ≤ tolerance
};

// Power iteration on a symmetric operator given as apply(direction, out): out = A·direction.
template <class Operator>
EigenvalueEstimate estimate_largest_eigenvalue(Index dimension, Operator&& apply, Index max_iterations = 1000,
                                               double tolerance = 1e-9) {
  Vector direction(dimension), product(dimension);
  for (Index i = 0; i < dimension; ++i) direction[i] = 1.0 + 0.1 * static_cast<double>(i % 7);  // generic, not an eigenvector
  direction.normalize();
  EigenvalueEstimate estimate;
  double previous = 0.0;
  for (Index k = 0; k < max_iterations; ++k) {
    apply(direction, product);
    estimate.eigenvalue = direction.dot(product);
    estimate.iterations = k + 1;
    const double norm = product.norm();
    if (!(norm > 0.0) || !std::isfinite(norm)) break;  // zero operator along the iterate, or overflow
    if (k > 0 && std::abs(estimate.eigenvalue - previous) <= tolerance * std::abs(estimate.eigenvalue)) {
      estimate.converged = true;
      break;
    }
    previous = estimate.eigenvalue;
    direction = product / norm;
  }
  return estimate;
}

template <HasHessianVectorProduct Problem>
EigenvalueEstimate estimate_largest_hessian_eigenvalue(const Problem& problem, const ConstVectorRef& x,
                                                       Index max_iterations = 1000, double tolerance = 1e-9) {
  const auto hessian = [&](const ConstVectorRef& direction, VectorRef out) {
    problem.hessian_vector_product(x, direction, out);
  };
  return estimate_largest_eigenvalue(problem.dimension(), hessian, max_iterations, tolerance);
}

}  // namespace sgdbias
