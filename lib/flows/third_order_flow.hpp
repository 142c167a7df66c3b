#pragma once
// The modified flow of GD through O(h³) (bea.md §3.1, "next order"):
//   θ̇ = −g − (h/2)Hg − h²( (1/3) H²g + (1/12) D³E[g,g] ),   D³E[g,g] = ∇_θ(gᵀH(θ)g), g frozen,
// local error O(h⁴) against one GD step. D³E[g,g] is the directional derivative of θ ↦ H(θ)g
// along g (symmetry of the third-derivative tensor), taken here by a central difference of HVPs
// with a probe of length `probe` along ĝ: exact up to round-off when H is quadratic in θ (DLN and
// every loss of degree ≤ 4), otherwise with relative error O(probe²).
// Cost per right-hand side: one gradient and four HVPs.
#include <string_view>
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {

template <HasHessianVectorProduct Problem>
class ThirdOrderModifiedFlow {
 public:
  ThirdOrderModifiedFlow(Problem problem, double step_size, double probe = 1e-3)
      : problem_(std::move(problem)), step_size_(step_size), probe_(probe), gradient_(problem_.dimension()),
        hessian_gradient_(problem_.dimension()), second_(problem_.dimension()), plus_(problem_.dimension()),
        minus_(problem_.dimension()), shifted_(problem_.dimension()) {
    require_positive_finite(step_size, "ThirdOrderModifiedFlow", "step_size h");
    require_positive_finite(probe, "ThirdOrderModifiedFlow", "probe");
  }

  void operator()(const Vector& x, Vector& dxdt, double /*t*/) {
    const double h = step_size_;
    problem_.gradient(x, gradient_);
    problem_.hessian_vector_product(x, gradient_, hessian_gradient_);
    problem_.hessian_vector_product(x, hessian_gradient_, second_);
    dxdt = -gradient_ - (0.5 * h) * hessian_gradient_ - (h * h / 3.0) * second_;
    const double gradient_norm = gradient_.norm();
    if (gradient_norm == 0.0) return;
    const double scale = probe_ / gradient_norm;  // shift of length `probe` along ĝ
    shifted_ = x + scale * gradient_;
    problem_.hessian_vector_product(shifted_, gradient_, plus_);
    shifted_ = x - scale * gradient_;
    problem_.hessian_vector_product(shifted_, gradient_, minus_);
    dxdt -= (h * h / 12.0) / (2.0 * scale) * (plus_ - minus_);
  }

 private:
  Problem problem_;
  double step_size_, probe_;
  Vector gradient_, hessian_gradient_, second_, plus_, minus_, shifted_;
};

}  // namespace sgdbias
