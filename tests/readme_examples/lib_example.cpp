// lib/README.md's example, built and run by tests/readme_examples: a problem of your own is any type
// with dimension(), loss(x) and gradient(x, out) (lib/core/problem.hpp), iterate() runs any
// algorithm on it, and an observer written once (lib/core/observer.hpp) runs on GD and flows alike.
#include <cmath>
#include <cstdio>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/flows/gradient_flow.hpp"
#include "lib/flows/integrate_flow.hpp"
#include "lib/observers/loss_integral.hpp"
#include "lib/observers/scalar_trace.hpp"

struct Bowl {  // L(x) = ½‖x‖²
  sgdbias::Index dimension() const { return 3; }
  double loss(const sgdbias::ConstVectorRef& x) const { return 0.5 * x.squaredNorm(); }
  void gradient(const sgdbias::ConstVectorRef& x, sgdbias::VectorRef out) const { out = x; }
};

int main() {
  const Bowl bowl;
  sgdbias::GradientDescent descent(bowl, {.step_size = 0.5});
  sgdbias::LossTrace trace(bowl);  // L at steps 0, 10, ..., 40
  sgdbias::LossIntegral on_gd(bowl), on_flow(bowl);  // ∫L dt as Σ h L(x_k)
  sgdbias::Vector x = sgdbias::Vector::Ones(3);
  sgdbias::iterate(descent, x, {.steps = 40, .record_stride = 10}, trace, on_gd);
  for (std::size_t r = 0; r < trace.steps().size(); ++r)
    std::printf("step %2ld  loss %.6e\n", static_cast<long>(trace.steps()[r]), trace.losses()[r]);
  // The gradient flow x' = −x on [0, 20], h = 1/100: ∫L dt → ∫ 1.5 e^{−2t} dt = 0.75.
  sgdbias::GradientFlow flow(bowl);
  sgdbias::Vector y = sgdbias::Vector::Ones(3);
  sgdbias::integrate_flow_on_grid(flow, y, {.end = 20.0, .steps = 2000}, {}, on_flow);
  std::printf("integral of L: GD (gamma = 1/2) %.6f, gradient flow %.6f\n", on_gd.value(), on_flow.value());
  // Step 1/2 on ½‖x‖² halves x: L_k = 1.5·4^(−k) exactly, Σ_k γL_k = 1 − 4^(−40); the flow's left
  // Riemann sum exceeds 0.75 by at most h·L(0) = 0.015.
  const bool gd_right = trace.losses().back() == 1.5 * std::pow(4.0, -40) && std::abs(on_gd.value() - 1.0) < 1e-15;
  return gd_right && on_flow.value() > 0.75 && on_flow.value() < 0.765 ? 0 : 1;
}
