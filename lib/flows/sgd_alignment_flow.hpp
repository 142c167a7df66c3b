#pragma once
// The multi-step SGD modified flow of Theorem 4 of Rosca & Deisenroth 2023 (bea.md §3.2): over a
// window of n SGD steps starting at θ_{t−1}, with G_μ = Σ_{τ<μ} ∇E_τ(θ_{t−1}) (G₀ = 0),
//
//   F(θ) = −ḡ(θ) + Σ_μ H_μ(θ) w_μ,   w_μ = −(h/2) ḡ(θ) + (h/n) G_μ,
//
// integrated for time n·h from θ_{t−1}. It is −∇Ẽ of
//   Ẽ(θ) = Ē(θ) + (nh/4)‖∇Ē(θ)‖² − (h/n) Σ_{μ≥1} ∇E_μ(θ)ᵀ G_μ       (SgdAlignmentLoss),
// and matches the n steps through O(h²) (local error O(h³), bea.md §2.4). n = 1 is the IGR flow;
// n identical full batches give the IGR flow again (§3.3). The anchor gradients are computed once
// per window (restart_window); per right-hand side: n batch gradients and n batch HVPs at θ.
//
// AlignmentAnchor::kMovingState replaces G_μ by Σ_{τ<μ} ∇E_τ(θ): same value at θ_{t−1}, hence the
// same O(h³) accuracy, but a non-symmetric Jacobian — no modified loss (bea.md §3.2, §8 check 4).
#include <span>
#include <string_view>
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"
#include "lib/flows/batch_window.hpp"

namespace sgdbias {

enum class AlignmentAnchor { kWindowStart, kMovingState };

namespace detail {

// Window state shared by the flow and the loss: the batches, h, and the anchor prefix sums.
template <HasBatchHessianVectorProduct Problem>
class AlignmentWindow {
 public:
  AlignmentWindow(Problem problem, double step_size, std::string_view where)
      : problem_(std::move(problem)), step_size_(step_size), where_(where) {
    require_positive_finite(step_size, where_, "step_size h");
  }

  // Re-anchors at `window_start` (the paper's θ_{t−1}) for the batches `window` (n ≥ 1).
  void restart(std::span<const Batch> window, const ConstVectorRef& window_start) {
    require_valid_window(window, problem_.num_samples(), where_);
    require_size(window_start.size(), problem_.dimension(), where_, "window_start");
    require_all_finite(window_start, where_, "window_start");
    window_.assign(window.begin(), window.end());
    const Index d = problem_.dimension(), n = window_length();
    batch_gradients_.resize(d, n);
    anchor_sums_.resize(d, n);
    mean_gradient_.resize(d);
    direction_.resize(d);
    product_.resize(d);
    compute_batch_gradients(window_start);
    prefix_sums_of_batch_gradients(anchor_sums_);
  }

  // out = −ḡ(θ) + Σ_μ H_μ(θ) w_μ with w_μ = −(h/2)·penalty_weight·ḡ(θ) + (h/n)·A_μ, where A_μ is the
  // window-start prefix sum G_μ or, for kMovingState, Σ_{τ<μ} ∇E_τ(θ).
  void field(const ConstVectorRef& x, AlignmentAnchor anchor, double penalty_weight, VectorRef out) {
    compute_batch_gradients(x);
    if (anchor == AlignmentAnchor::kMovingState) prefix_sums_of_batch_gradients(anchor_sums_);
    const double n = static_cast<double>(window_length());
    out = -mean_gradient_;
    for (Index mu = 0; mu < window_length(); ++mu) {
      direction_ = (-0.5 * step_size_ * penalty_weight) * mean_gradient_ + (step_size_ / n) * anchor_sums_.col(mu);
      problem_.batch_hessian_vector_product(x, window_[static_cast<std::size_t>(mu)], direction_, product_);
      out += product_;
    }
  }

  // Ẽ(θ) = Ē + (nh/4)·penalty_weight·‖ḡ‖² − (h/n) Σ_μ ∇E_μ(θ)ᵀ G_μ.
  double modified_loss(const ConstVectorRef& x, double penalty_weight) {
    compute_batch_gradients(x);
    const double n = static_cast<double>(window_length());
    double mean_loss = 0.0, alignment = 0.0;
    for (Index mu = 0; mu < window_length(); ++mu) {
      mean_loss += problem_.batch_loss(x, window_[static_cast<std::size_t>(mu)]);
      alignment += batch_gradients_.col(mu).dot(anchor_sums_.col(mu));
    }
    return mean_loss / n + 0.25 * n * step_size_ * penalty_weight * mean_gradient_.squaredNorm() -
           (step_size_ / n) * alignment;
  }

  const Problem& problem() const { return problem_; }
  double step_size() const { return step_size_; }
  Index window_length() const { return static_cast<Index>(window_.size()); }
  const Matrix& anchor_sums() const { return anchor_sums_; }

 private:
  void compute_batch_gradients(const ConstVectorRef& x) {
    require_size(x.size(), problem_.dimension(), where_, "state");
    for (Index mu = 0; mu < window_length(); ++mu) {
      problem_.batch_gradient(x, window_[static_cast<std::size_t>(mu)], batch_gradients_.col(mu));
    }
    mean_gradient_ = batch_gradients_.rowwise().mean();
  }

  void prefix_sums_of_batch_gradients(Matrix& sums) const {
    sums.col(0).setZero();
    for (Index mu = 1; mu < window_length(); ++mu) sums.col(mu) = sums.col(mu - 1) + batch_gradients_.col(mu - 1);
  }

  Problem problem_;
  double step_size_;
  std::string_view where_;
  BatchWindow window_;
  Matrix batch_gradients_, anchor_sums_;
  Vector mean_gradient_, direction_, product_;
};

}  // namespace detail

template <HasBatchHessianVectorProduct Problem>
class SgdAlignmentFlow {
 public:
  SgdAlignmentFlow(Problem problem, double step_size, std::span<const Batch> window,
                   const ConstVectorRef& window_start, AlignmentAnchor anchor = AlignmentAnchor::kWindowStart)
      : window_(std::move(problem), step_size, "SgdAlignmentFlow"), anchor_(anchor) {
    window_.restart(window, window_start);
  }

  // Starts a new window at `window_start` (piecewise continuation over an SGD run, bea.md §2.2).
  void restart_window(std::span<const Batch> window, const ConstVectorRef& window_start) {
    window_.restart(window, window_start);
  }

  void operator()(const Vector& x, Vector& dxdt, double /*t*/) { window_.field(x, anchor_, 1.0, dxdt); }

  Index window_length() const { return window_.window_length(); }
  // The flow models the window over time n·h.
  double window_duration() const { return static_cast<double>(window_length()) * window_.step_size(); }

 private:
  detail::AlignmentWindow<Problem> window_;
  AlignmentAnchor anchor_;
};

// Which terms of Ẽ to keep: the full Theorem-4 loss, or the loss plus the mini-batch alignment
// reward only (an explicit regulariser without the full-batch gradient-norm penalty).
enum class AlignmentLossTerms { kFull, kAlignmentOnly };

// Ẽ of Theorem 4 as a problem (DifferentiableObjective): evaluate it along any trajectory or run GD
// on it as an explicit regulariser (restart_window to re-anchor, e.g. every n GD steps).
template <HasBatchHessianVectorProduct Problem>
class SgdAlignmentLoss {
 public:
  SgdAlignmentLoss(Problem problem, double step_size, std::span<const Batch> window,
                   const ConstVectorRef& window_start, AlignmentLossTerms terms = AlignmentLossTerms::kFull)
      : window_(std::move(problem), step_size, "SgdAlignmentLoss"),
        penalty_weight_(terms == AlignmentLossTerms::kFull ? 1.0 : 0.0) {
    window_.restart(window, window_start);
  }

  void restart_window(std::span<const Batch> window, const ConstVectorRef& window_start) {
    window_.restart(window, window_start);
  }

  Index dimension() const { return window_.problem().dimension(); }
  double loss(const ConstVectorRef& x) const { return window_.modified_loss(x, penalty_weight_); }
  void gradient(const ConstVectorRef& x, VectorRef out) const {
    window_.field(x, AlignmentAnchor::kWindowStart, penalty_weight_, out);
    out = -out;
  }

 private:
  mutable detail::AlignmentWindow<Problem> window_;
  double penalty_weight_;
};

}  // namespace sgdbias
