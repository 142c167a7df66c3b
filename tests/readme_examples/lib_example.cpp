// lib/README.md's example, built and run by tests/readme_examples: a problem of your own is any type
// with dimension(), loss(x) and gradient(x, out) (lib/core/problem.hpp), and iterate() runs any
// algorithm on it with observers (here the loss at every 10th step).
#include <cmath>
#include <cstdio>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/scalar_trace.hpp"

struct Bowl {  // L(x) = ½‖x‖²
  sgdbias::Index dimension() const { return 3; }
  double loss(const sgdbias::ConstVectorRef& x) const { return 0.5 * x.squaredNorm(); }
  void gradient(const sgdbias::ConstVectorRef& x, sgdbias::VectorRef out) const { out = x; }
};

int main() {
  const Bowl bowl;
  sgdbias::GradientDescent descent(bowl, {.step_size = 0.5});
  sgdbias::LossTrace trace(bowl);
  sgdbias::Vector x = sgdbias::Vector::Ones(3);
  sgdbias::iterate(descent, x, {.steps = 40, .record_stride = 10}, trace);
  for (std::size_t r = 0; r < trace.steps().size(); ++r)
    std::printf("step %2ld  loss %.6e\n", static_cast<long>(trace.steps()[r]), trace.losses()[r]);
  // Step 1/2 on ½‖x‖² halves x: L_k = 1.5·4^(−k) exactly (powers of two).
  return trace.losses().back() == 1.5 * std::pow(4.0, -40) ? 0 : 1;
}
