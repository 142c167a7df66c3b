#pragma once
// Ē(θ) = (1/n) Σ_μ E_μ(θ): the mean loss of a window of n mini-batches, as a problem with gradient
// and Hessian–vector product (averages of the batch ones). The IGR flow of Ē,
// θ̇ = −∇(Ē + (h/4)‖∇Ē‖²) (bea.md §3.1 applied to the window's loss), is what the n SGD steps would
// follow if their ORDER did not matter: it misses Theorem 4's alignment term −(h/n) Σ_μ ∇E_μᵀ G_μ
// (bea.md §3.2), which is O(h) in the modified loss, so its local error against the n steps is
// O(h²) (order 2) where the Theorem-4 flow's is O(h³): the term is needed.
#include <span>
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/flows/batch_window.hpp"

namespace sgdbias {

template <HasBatchHessianVectorProduct Problem>
class WindowMeanLoss {
 public:
  WindowMeanLoss(Problem problem, BatchWindow window)
      : problem_(std::move(problem)), window_(std::move(window)), term_(problem_.dimension()) {}

  Index dimension() const { return problem_.dimension(); }

  double loss(const ConstVectorRef& x) const {
    double sum = 0.0;
    for (const Batch& batch : window_) sum += problem_.batch_loss(x, batch);
    return sum / static_cast<double>(window_.size());
  }

  void gradient(const ConstVectorRef& x, VectorRef out) const {
    out.setZero();
    for (const Batch& batch : window_) {
      problem_.batch_gradient(x, batch, term_);
      out += term_;
    }
    out /= static_cast<double>(window_.size());
  }

  void hessian_vector_product(const ConstVectorRef& x, const ConstVectorRef& direction, VectorRef out) const {
    out.setZero();
    for (const Batch& batch : window_) {
      problem_.batch_hessian_vector_product(x, batch, direction, term_);
      out += term_;
    }
    out /= static_cast<double>(window_.size());
  }

 private:
  Problem problem_;
  BatchWindow window_;
  mutable Vector term_;  // workspace (d)
};

}  // namespace sgdbias
