#pragma once
// Drift-adjusted learning rates DAL and DAL-p (Rosca, Wu, Qin & Dherin 2023; bea.md §5, with the
// garbled slide formula corrected as in §9 E6): with ĝ = g/‖g‖,
//   h_p(θ) = min( 2 / ‖H(θ) ĝ(θ)‖^p , max_step_size ),   DAL = p = 1, p = 0: the fixed step size.
// The cap mirrors the authors' `max_lr_scale` (default 5, as an absolute learning rate: their
// multiplier is clipped at max_lr_scale/static_lr). Outside the iterations (scaling_start,
// scaling_stop) the fixed step size is used, as in their code. For g along an eigenvector with
// eigenvalue λ, h_1 = 2/λ: the GD stability edge of that direction.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {

struct DriftAdjustedLearningRateOptions {
  double power = 1.0;            // p ≥ 0
  double fixed_step_size = 0.1;  // used when p = 0 and outside the active iterations
  double max_step_size = 5.0;    // cap on h_p
  Index scaling_start = -1;      // active for scaling_start < iteration < scaling_stop
  Index scaling_stop = std::numeric_limits<Index>::max();

  void validate(std::string_view where) const {
    require(std::isfinite(power) && power >= 0.0, where, "power p must be finite and >= 0, got ", power);
    require_positive_finite(fixed_step_size, where, "fixed_step_size");
    require_positive_finite(max_step_size, where, "max_step_size");
  }
};

// A step policy: step_size(x, gradient, iteration) for a gradient already computed at x.
template <HasHessianVectorProduct Problem>
class DriftAdjustedLearningRate {
 public:
  DriftAdjustedLearningRate(Problem problem, DriftAdjustedLearningRateOptions options)
      : problem_(std::move(problem)), options_(options), product_(problem_.dimension()) {
    options_.validate("DriftAdjustedLearningRate");
  }

  double step_size(const ConstVectorRef& x, const ConstVectorRef& gradient, Index iteration) {
    const bool active = iteration > options_.scaling_start && iteration < options_.scaling_stop;
    if (options_.power == 0.0 || !active) return options_.fixed_step_size;
    const double gradient_norm = gradient.norm();
    if (gradient_norm == 0.0) return options_.fixed_step_size;  // at a critical point nothing moves
    problem_.hessian_vector_product(x, gradient, product_);
    const double drift = product_.norm() / gradient_norm;  // ‖H ĝ‖
    if (drift == 0.0) return options_.max_step_size;
    return std::min(2.0 / std::pow(drift, options_.power), options_.max_step_size);
  }

 private:
  Problem problem_;
  DriftAdjustedLearningRateOptions options_;
  Vector product_;
};

// GD with the DAL-p step size: θ ← θ − h_p(θ) ∇E(θ) (a step policy over one driver, style D7).
template <HasHessianVectorProduct Problem>
class DriftAdjustedGradientDescent {
 public:
  DriftAdjustedGradientDescent(Problem problem, DriftAdjustedLearningRateOptions options)
      : problem_(problem), learning_rate_(std::move(problem), options), gradient_(problem_.dimension()) {}

  void step(VectorRef x) {
    problem_.gradient(x, gradient_);
    last_step_size_ = learning_rate_.step_size(x, gradient_, iteration_++);
    x -= last_step_size_ * gradient_;
  }

  double last_step_size() const { return last_step_size_; }

 private:
  Problem problem_;
  DriftAdjustedLearningRate<Problem> learning_rate_;
  Vector gradient_;
  Index iteration_ = 0;
  double last_step_size_ = 0.0;
};

}  // namespace sgdbias
