#pragma once
// The Theorem-4 flow continued over a whole SGD run (bea.md §2.2): the batch sequence is cut into
// consecutive windows of n steps (a shorter last window if needed); each window's flow is anchored
// at the flow's OWN state at the window start (its anchor gradients recomputed there) and integrated
// for n·h. Global error O(h²) against the SGD run (measured in tests, §8 check 6), versus O(h) for the
// gradient or IGR flow.
#include <algorithm>
#include <span>
#include <string_view>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/flows/batch_window.hpp"
#include "lib/flows/integrate_flow.hpp"
#include "lib/flows/sgd_alignment_flow.hpp"

namespace sgdbias {

struct NoWindowObserver {
  void operator()(const Vector& /*state*/, double /*time*/, Index /*steps_done*/) const {}
};

// Advances `state` through the flow of the SGD run that uses `batch_sequence` (one batch per step,
// in order) with step size h; observe(state, t, steps_done) at t = 0 and after every window.
template <HasBatchHessianVectorProduct Problem, class Observer = NoWindowObserver>
void integrate_piecewise_alignment_flow(const Problem& problem, double step_size, std::span<const Batch> batch_sequence,
                                        Index window_length, Vector& state, Observer&& observe = {},
                                        const FlowIntegrationOptions& integration = {}) {
  constexpr std::string_view kWhere = "integrate_piecewise_alignment_flow";
  require(window_length >= 1, kWhere, "window_length n must be >= 1, got ", window_length);
  require_positive_finite(step_size, kWhere, "step_size h");
  require_valid_window(batch_sequence, problem.num_samples(), kWhere);
  require_size(state.size(), problem.dimension(), kWhere, "state");
  const Index steps = static_cast<Index>(batch_sequence.size());
  observe(std::as_const(state), 0.0, Index{0});
  SgdAlignmentFlow<Problem> flow(problem, step_size, batch_sequence.first(static_cast<std::size_t>(std::min(window_length, steps))),
                                 state);
  for (Index first = 0; first < steps; first += window_length) {
    const Index length = std::min(window_length, steps - first);
    if (first > 0) {
      flow.restart_window(batch_sequence.subspan(static_cast<std::size_t>(first), static_cast<std::size_t>(length)), state);
    }
    const double start_time = static_cast<double>(first) * step_size;
    integrate_flow(flow, state, static_cast<double>(length) * step_size, integration, start_time);
    observe(std::as_const(state), static_cast<double>(first + length) * step_size, first + length);
  }
}

}  // namespace sgdbias
