#pragma once
// RiemannSum and LossIntegral: observers (lib/core/observer.hpp) accumulating ∫f(x) dt ≈
// Σ_k h_k f(x_k), the left Riemann sum over the steps of any driver: h_k = γ on iterate's clock
// t = γk (dln.md §6.2/§6.6), the grid's h on an SDE path or a flow. f is evaluated every step at
// the pre-update state. LossIntegral is f = L, the problem's full loss (O(cost of a full loss) per
// step); it feeds the convention-free bookkeeping κ∞ = κ₀⊙exp(−γD∫MSE dt) of dln.md §6.3 (with
// L = c·MSE, ∫MSE = ∫L/c: c = 1/4 in PPF, where it reads α∞ = α⊙exp(−2γD∫L dt), and 1/2 in the
// product form) and the ∫L identity of dln.md §4.
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"

namespace sgdbias {

template <class Function>
class RiemannSum {
 public:
  explicit RiemannSum(Function function) : function_(std::move(function)) {}

  template <class Stepper>
  void on_step(Index /*step*/, const ConstVectorRef& x, const Stepper& stepper) {
    integral_ += stepper.step_size() * function_(x);
    time_ += stepper.step_size();
  }

  double value() const { return integral_; }  // ∫₀^t f ds
  double time() const { return time_; }        // t = Σ h_k

 private:
  Function function_;
  double integral_ = 0.0;
  double time_ = 0.0;
};

// ∫₀^t L(x) ds on `problem` (held by reference, like the algorithms: it must outlive the observer,
// and a temporary is refused at compile time).
template <DifferentiableObjective Problem>
class LossIntegral {
 public:
  explicit LossIntegral(const Problem& problem) : sum_(Loss{&problem}) {}
  explicit LossIntegral(const Problem&& temporary) = delete;  // would dangle (problem_ownership_test.cpp)

  template <class Stepper>
  void on_step(Index step, const ConstVectorRef& x, const Stepper& stepper) {
    sum_.on_step(step, x, stepper);
  }

  double value() const { return sum_.value(); }  // ∫₀^t L ds
  double time() const { return sum_.time(); }    // t = Σ h_k

 private:
  struct Loss {
    const Problem* problem;
    double operator()(const ConstVectorRef& x) const { return problem->loss(x); }
  };
  RiemannSum<Loss> sum_;
};

}  // namespace sgdbias
