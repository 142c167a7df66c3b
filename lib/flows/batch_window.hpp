#pragma once
// A window of n SGD steps (bea.md §1): the batches X^t, …, X^{t+n−1} in order of use. A batch
// may appear more than once; window averages count it once per use.
#include <span>
#include <string_view>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {

using Batch = std::vector<Index>;
using BatchWindow = std::vector<Batch>;

// Every batch non-empty with indices in [0, num_samples); at least one batch (n ≥ 1).
inline void require_valid_window(std::span<const Batch> window, Index num_samples, std::string_view where) {
  require(!window.empty(), where, "the window must contain n >= 1 batches, got 0");
  for (std::size_t mu = 0; mu < window.size(); ++mu) {
    require(!window[mu].empty(), where, "batch ", mu, " of the window is empty");
    for (Index i : window[mu]) {
      require(i >= 0 && i < num_samples, where, "batch ", mu, " holds sample index ", i,
              ", allowed range is [0, ", num_samples, ")");
    }
  }
}

// The n discrete SGD steps of a window, θ ← θ − h ∇E_μ(θ) for μ = 0..n−1 (bea.md §1). This is
// the reference map of the order checks; the randomised SGD of lib/algorithms draws its batches.
template <FiniteSumObjective Problem>
void sgd_steps_in_order(const Problem& problem, double step_size, std::span<const Batch> window, VectorRef x) {
  constexpr std::string_view kWhere = "sgd_steps_in_order";
  require_positive_finite(step_size, kWhere, "step_size h");
  require_size(x.size(), problem.dimension(), kWhere, "x");
  require_valid_window(window, problem.num_samples(), kWhere);
  Vector gradient(problem.dimension());
  for (const Batch& batch : window) {
    problem.batch_gradient(x, batch, gradient);
    x -= step_size * gradient;
  }
}

// `steps` full-batch GD steps θ ← θ − h ∇E(θ).
template <DifferentiableObjective Problem>
void gradient_descent_steps(const Problem& problem, double step_size, Index steps, VectorRef x) {
  constexpr std::string_view kWhere = "gradient_descent_steps";
  require_positive_finite(step_size, kWhere, "step_size h");
  require(steps >= 0, kWhere, "steps must be >= 0, got ", steps);
  require_size(x.size(), problem.dimension(), kWhere, "x");
  Vector gradient(problem.dimension());
  for (Index k = 0; k < steps; ++k) {
    problem.gradient(x, gradient);
    x -= step_size * gradient;
  }
}

}  // namespace sgdbias
