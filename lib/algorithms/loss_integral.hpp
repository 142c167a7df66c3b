#pragma once
// LossIntegral: an iterate() observer accumulating ∫L dt ≈ Σ_k γ_k L(x_k) (left Riemann sum on
// the clock t = γk of dln.md §6.2/§6.6; L is the problem's full loss, evaluated every step at
// the pre-update state: O(cost of a full loss) per step). Feeds the convention-free bookkeeping
// κ∞ = κ₀⊙exp(−γD∫MSE dt) of dln.md §6.3 (with L = c·MSE, ∫MSE = ∫L/c: c = 1/4 in PPF, where it
// reads α∞ = α⊙exp(−2γD∫L dt), and 1/2 in the product form) and the ∫L identity of dln.md §4.
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"

namespace sgdbias {

template <DifferentiableObjective Problem>
class LossIntegral {
 public:
  explicit LossIntegral(const Problem& problem) : problem_(problem) {}

  template <class Algorithm>
  void on_step(Index /*step*/, const ConstVectorRef& x, const Algorithm& algorithm) {
    integral_ += algorithm.step_size() * problem_.loss(x);
    time_ += algorithm.step_size();
  }

  double value() const { return integral_; }  // ∫₀^t L ds
  double time() const { return time_; }        // t = Σ γ_k

 private:
  const Problem& problem_;
  double integral_ = 0.0;
  double time_ = 0.0;
};

}  // namespace sgdbias
