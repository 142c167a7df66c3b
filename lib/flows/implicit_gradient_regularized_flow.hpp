#pragma once
// IGR flow (Barrett & Dherin 2021; bea.md §3.1): θ̇ = −∇Ẽ = −(g + (h/2) H g), Ẽ = E + (h/4)‖∇E‖².
// Local error O(h³) against one GD step of size h, and also against n full-batch GD steps with
// the SAME coefficient h/4 (bea.md §3.3: the n-step flow does not depend on n; nh/4 would be
// only O(h²) — the printed h/2 of [RD] eqs (11)–(12) is wrong, bea.md §9 E1).
// Cost per right-hand side: one gradient and one HVP at the current state.
#include <string_view>
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {

template <HasHessianVectorProduct Problem>
class ImplicitGradientRegularizedFlow {
 public:
  ImplicitGradientRegularizedFlow(Problem problem, double step_size)
      : problem_(std::move(problem)), step_size_(step_size),
        gradient_(problem_.dimension()), correction_(problem_.dimension()) {
    require_positive_finite(step_size, "ImplicitGradientRegularizedFlow", "step_size h");
  }

  void operator()(const Vector& x, Vector& dxdt, double /*t*/) {
    problem_.gradient(x, gradient_);
    problem_.hessian_vector_product(x, gradient_, correction_);
    dxdt = -(gradient_ + 0.5 * step_size_ * correction_);
  }

  double step_size() const { return step_size_; }

 private:
  Problem problem_;
  double step_size_;
  Vector gradient_, correction_;
};

// The modified flow of n full-batch GD steps (bea.md §3.3): matching the h² term of n steps gives
// f₁ = −Hg/(2n), i.e. the IGR flow for every n ≥ 1. Integrate it for time n·h.
template <HasHessianVectorProduct Problem>
ImplicitGradientRegularizedFlow<Problem> make_full_batch_window_flow(Problem problem, double step_size,
                                                                     Index window_length) {
  require(window_length >= 1, "make_full_batch_window_flow", "window_length n must be >= 1, got ",
          window_length);
  return ImplicitGradientRegularizedFlow<Problem>(std::move(problem), step_size);
}

// Ẽ = E + (h/4)‖∇E‖² as a problem (DifferentiableObjective), so GD can run on it as an explicit
// regulariser and it can be evaluated along any trajectory. ∇Ẽ = g + (h/2)Hg.
template <HasHessianVectorProduct Problem>
class ImplicitGradientRegularizedLoss {
 public:
  ImplicitGradientRegularizedLoss(Problem problem, double step_size)
      : problem_(std::move(problem)), step_size_(step_size),
        gradient_(problem_.dimension()), correction_(problem_.dimension()) {
    require_positive_finite(step_size, "ImplicitGradientRegularizedLoss", "step_size h");
  }

  Index dimension() const { return problem_.dimension(); }

  double loss(const ConstVectorRef& x) const {
    problem_.gradient(x, gradient_);
    return problem_.loss(x) + 0.25 * step_size_ * gradient_.squaredNorm();
  }

  void gradient(const ConstVectorRef& x, VectorRef out) const {
    problem_.gradient(x, gradient_);
    problem_.hessian_vector_product(x, gradient_, correction_);
    out = gradient_ + 0.5 * step_size_ * correction_;
  }

  const Problem& problem() const { return problem_; }
  double step_size() const { return step_size_; }

 private:
  Problem problem_;
  double step_size_;
  mutable Vector gradient_, correction_;
};

}  // namespace sgdbias
