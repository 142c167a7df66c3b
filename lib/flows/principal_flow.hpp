#pragma once
// The principal flow (PF, Rosca, Wu, Qin & Dherin 2023; bea.md §4): θ̇ = c(hH(θ)) ∇E(θ) with
// c(x) = log(1 − x)/x, i.e. Σ_i c(hλ_i)(u_iᵀg)u_i over the eigenpairs of the Hessian. It keeps every
// BEA term built from H and g only (−g − (h/2)Hg − (h²/3)H²g − …): O(h³) local error against one GD
// step on non-quadratic losses (bea.md §4.4), exact on quadratics (§4.3, QuadraticPrincipalFlow).
//
// This real-state version needs every hλ_i < 1 at the states it visits (then c is real); it forms
// the Hessian from D HVPs (cost O(D) HVPs + one D×D eigendecomposition per right-hand side), so it
// is meant for small D. When some hλ_i > 1 the PF leaves R^D: use QuadraticPrincipalFlow.
#include <string_view>
#include <utility>

#include <Eigen/Eigenvalues>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"
#include "lib/flows/principal_flow_coefficient.hpp"

namespace sgdbias {

// H(x) column by column from HVPs with unit vectors, symmetrised (removes round-off asymmetry).
template <HasHessianVectorProduct Problem>
void dense_hessian(const Problem& problem, const ConstVectorRef& x, Matrix& hessian) {
  const Index d = problem.dimension();
  hessian.resize(d, d);
  Vector unit = Vector::Zero(d);
  for (Index j = 0; j < d; ++j) {
    unit[j] = 1.0;
    problem.hessian_vector_product(x, unit, hessian.col(j));
    unit[j] = 0.0;
  }
  hessian = 0.5 * (hessian + hessian.transpose()).eval();
}

template <HasHessianVectorProduct Problem>
class PrincipalFlow {
 public:
  PrincipalFlow(Problem problem, double step_size)
      : problem_(std::move(problem)), step_size_(step_size), gradient_(problem_.dimension()),
        coefficients_(problem_.dimension()), projection_(problem_.dimension()) {
    require_positive_finite(step_size, "PrincipalFlow", "step_size h");
  }

  void operator()(const Vector& x, Vector& dxdt, double /*t*/) {
    problem_.gradient(x, gradient_);
    dense_hessian(problem_, x, hessian_);
    eigen_.compute(hessian_);
    for (Index i = 0; i < coefficients_.size(); ++i) {
      const double scaled = step_size_ * eigen_.eigenvalues()[i];
      if (scaled >= 1.0) {
        throw NumericalFailure("PrincipalFlow", describe("h·λ = ", scaled, " >= 1 at this state: the principal "
                                                         "flow is complex here (bea.md §4.2); use "
                                                         "QuadraticPrincipalFlow or a smaller h"));
      }
      coefficients_[i] = principal_flow_coefficient(scaled).real();
    }
    projection_.noalias() = eigen_.eigenvectors().transpose() * gradient_;
    projection_.array() *= coefficients_.array();
    dxdt.noalias() = eigen_.eigenvectors() * projection_;
  }

 private:
  Problem problem_;
  double step_size_;
  Vector gradient_, coefficients_, projection_;
  Matrix hessian_;
  Eigen::SelfAdjointEigenSolver<Matrix> eigen_;
};

}  // namespace sgdbias
