#pragma once
// The gradient flow θ̇ = −∇E(θ): the O(h) model of gradient descent (bea.md §3.1, the h⁰ term;
// local error O(h²) against one GD step, §2.4).
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"

namespace sgdbias {

template <DifferentiableObjective Problem>
class GradientFlow {
 public:
  explicit GradientFlow(Problem problem) : problem_(std::move(problem)) {}

  // odeint System signature.
  void operator()(const Vector& x, Vector& dxdt, double /*t*/) {
    problem_.gradient(x, dxdt);
    dxdt = -dxdt;
  }

  const Problem& problem() const { return problem_; }

 private:
  Problem problem_;
};

}  // namespace sgdbias
