// problems/README.md's example, built and run by tests/readme_examples: a concrete problem of
// problems/ under an algorithm of lib/. GD on L(x) = ½(x − x*)ᵀA(x − x*) with step γ < 2/λ_max(A)
// contracts by max|1 − γλ| per step (problems/quadratic/quadratic.hpp).
#include <cmath>
#include <cstdio>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "problems/quadratic/quadratic.hpp"

int main() {
  const sgdbias::Matrix hessian = sgdbias::Vector::LinSpaced(4, 1.0, 4.0).asDiagonal();
  const sgdbias::Vector minimizer = sgdbias::Vector::Constant(4, 2.0);
  const auto quadratic = sgdbias::problems::Quadratic::centered(hessian, minimizer);
  sgdbias::GradientDescent descent(quadratic, {.step_size = 0.25});  // 2/λ_max = 0.5
  sgdbias::Vector x = sgdbias::Vector::Zero(4);
  sgdbias::iterate(descent, x, {.steps = 100});
  // Slowest mode λ = 1: |1 − 0.25| = 0.75 per step, so the distance is 2·0.75^100 ≈ 6.4e-13, plus
  // the rounding of x ≈ 2 (half an ulp, 2.2e-16, per operation: < 100·2·2.2e-16 in 100 steps).
  const double bound = 2.0 * std::pow(0.75, 100) + 100 * 2 * 2.2e-16;
  const double distance = (x - minimizer).cwiseAbs().maxCoeff();
  std::printf("max |x - x*| after 100 steps: %.3e (bound %.3e)\n", distance, bound);
  return distance <= bound ? 0 : 1;
}
