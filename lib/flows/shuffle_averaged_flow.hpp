#pragma once
// Smith, Dherin, Barrett & De (2021): the modified flow of one epoch of n SGD steps averaged over
// all n! batch orders (bea.md §3.4). Autonomous gradient flow θ̇ = −∇Ẽ_SGD with
//
//   Ẽ_SGD(θ) = Ē(θ) + (h/(4n)) Σ_k ‖∇E_k(θ)‖²  =  Ē + (h/4)‖∇Ē‖² + (h/(4n)) Σ_k ‖∇E_k − ∇Ē‖²,
//   F(θ)     = −ḡ(θ) − (h/(2n)) Σ_k H_k(θ) g_k(θ).
//
// O(h³)-accurate for the MEAN over orders of the SGD endpoint after n steps; for any single order
// only O(h²) (bea.md §2.4, §8 check 5). n is the number of batches of the epoch (Smith's m).
#include <span>
#include <string_view>
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"
#include "lib/flows/batch_window.hpp"

namespace sgdbias {

namespace detail {

template <HasBatchHessianVectorProduct Problem>
class ShuffleAveragedTerms {
 public:
  ShuffleAveragedTerms(Problem problem, double step_size, std::span<const Batch> epoch, std::string_view where)
      : problem_(std::move(problem)), step_size_(step_size), epoch_(epoch.begin(), epoch.end()),
        gradient_(problem_.dimension()), product_(problem_.dimension()) {
    require_positive_finite(step_size, where, "step_size h");
    require_valid_window(epoch, problem_.num_samples(), where);
  }

  // out = −ḡ − (h/(2n)) Σ_k H_k g_k.
  void field(const ConstVectorRef& x, VectorRef out) {
    const double n = static_cast<double>(epoch_.size());
    out.setZero();
    for (const Batch& batch : epoch_) {
      problem_.batch_gradient(x, batch, gradient_);
      problem_.batch_hessian_vector_product(x, batch, gradient_, product_);
      out -= gradient_ / n + (0.5 * step_size_ / n) * product_;
    }
  }

  double modified_loss(const ConstVectorRef& x) {
    const double n = static_cast<double>(epoch_.size());
    double value = 0.0;
    for (const Batch& batch : epoch_) {
      problem_.batch_gradient(x, batch, gradient_);
      value += problem_.batch_loss(x, batch) / n + (0.25 * step_size_ / n) * gradient_.squaredNorm();
    }
    return value;
  }

  Index dimension() const { return problem_.dimension(); }

 private:
  Problem problem_;
  double step_size_;
  BatchWindow epoch_;
  Vector gradient_, product_;
};

}  // namespace detail

template <HasBatchHessianVectorProduct Problem>
class ShuffleAveragedFlow {
 public:
  ShuffleAveragedFlow(Problem problem, double step_size, std::span<const Batch> epoch)
      : terms_(std::move(problem), step_size, epoch, "ShuffleAveragedFlow") {}
  void operator()(const Vector& x, Vector& dxdt, double /*t*/) { terms_.field(x, dxdt); }

 private:
  detail::ShuffleAveragedTerms<Problem> terms_;
};

// Ẽ_SGD as a problem: GD on it is SGD's implicit regulariser made explicit (full-batch IGR plus a
// gradient-variance penalty).
template <HasBatchHessianVectorProduct Problem>
class ShuffleAveragedLoss {
 public:
  ShuffleAveragedLoss(Problem problem, double step_size, std::span<const Batch> epoch)
      : terms_(std::move(problem), step_size, epoch, "ShuffleAveragedLoss") {}
  Index dimension() const { return terms_.dimension(); }
  double loss(const ConstVectorRef& x) const { return terms_.modified_loss(x); }
  void gradient(const ConstVectorRef& x, VectorRef out) const {
    terms_.field(x, out);
    out = -out;
  }

 private:
  mutable detail::ShuffleAveragedTerms<Problem> terms_;
};

// The Theorem-4 loss averaged over all orders of the window's batches, as a function of θ with
// the anchor θ_{t−1} fixed (bea.md §3.4, corrected form of [RD] eqs (107)–(109), §9 E3):
//   E_σ[Ẽ](θ) = Ē + (nh/4)‖ḡ‖² − (nh/2) ḡ(θ)ᵀḡ(θ_{t−1}) + (h/(2n)) Σ_k ∇E_k(θ)ᵀ∇E_k(θ_{t−1}).
template <FiniteSumObjective Problem>
double order_averaged_alignment_loss(const Problem& problem, double step_size, std::span<const Batch> window,
                                     const ConstVectorRef& window_start, const ConstVectorRef& x) {
  constexpr std::string_view kWhere = "order_averaged_alignment_loss";
  require_positive_finite(step_size, kWhere, "step_size h");
  require_valid_window(window, problem.num_samples(), kWhere);
  require_size(window_start.size(), problem.dimension(), kWhere, "window_start");
  require_size(x.size(), problem.dimension(), kWhere, "x");
  const Index d = problem.dimension();
  const double n = static_cast<double>(window.size());
  Vector gradient(d), anchor_gradient(d), mean_gradient = Vector::Zero(d), mean_anchor = Vector::Zero(d);
  double mean_loss = 0.0, per_batch_cross = 0.0;
  for (const Batch& batch : window) {
    problem.batch_gradient(x, batch, gradient);
    problem.batch_gradient(window_start, batch, anchor_gradient);
    mean_loss += problem.batch_loss(x, batch) / n;
    mean_gradient += gradient / n;
    mean_anchor += anchor_gradient / n;
    per_batch_cross += gradient.dot(anchor_gradient);
  }
  return mean_loss + 0.25 * n * step_size * mean_gradient.squaredNorm() -
         0.5 * n * step_size * mean_gradient.dot(mean_anchor) + (0.5 * step_size / n) * per_batch_cross;
}

}  // namespace sgdbias
