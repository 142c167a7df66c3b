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
#include "lib/core/observer.hpp"
#include "lib/core/record_grid.hpp"
#include "lib/core/problem.hpp"
#include "lib/flows/batch_window.hpp"
#include "lib/flows/integrate_flow.hpp"
#include "lib/flows/sgd_alignment_flow.hpp"

namespace sgdbias {

// Advances `state` through the flow of the SGD run that uses `batch_sequence` (K batches, one per
// step, in order) with step size h. Observers of THE protocol (lib/core/observer.hpp) see the
// records of RecordGrid{K, n}: the window ends, step = SGD steps done, time = steps·h (no on_step:
// a window is integrated in one call).
template <HasBatchHessianVectorProduct Problem, class... Observers>
void integrate_piecewise_alignment_flow(const Problem& problem, double step_size, std::span<const Batch> batch_sequence,
                                        Index window_length, Vector& state, const FlowIntegrationOptions& integration,
                                        Observers&&... observers) {
  constexpr std::string_view kWhere = "integrate_piecewise_alignment_flow";
  require(window_length >= 1, kWhere, "window_length n must be >= 1, got ", window_length);
  require_positive_finite(step_size, kWhere, "step_size h");
  require_valid_window(batch_sequence, problem.num_samples(), kWhere);
  require_size(state.size(), problem.dimension(), kWhere, "state");
  const Index steps = static_cast<Index>(batch_sequence.size());
  const RecordGrid records{steps, window_length};
  const Vector& view = state;
  (observer::notify_start(observers, records, view), ...);
  SgdAlignmentFlow<Problem> flow(problem, step_size, batch_sequence.first(static_cast<std::size_t>(std::min(window_length, steps))),
                                 state);
  for (Index first = 0; first < steps; first += window_length) {
    (observer::notify_record(observers, RecordPoint{first, static_cast<double>(first) * step_size}, view), ...);
    const Index length = std::min(window_length, steps - first);
    if (first > 0) {
      flow.restart_window(batch_sequence.subspan(static_cast<std::size_t>(first), static_cast<std::size_t>(length)), state);
    }
    const double start_time = static_cast<double>(first) * step_size;
    integrate_flow(flow, state, static_cast<double>(length) * step_size, integration, start_time);
  }
  [[maybe_unused]] const RecordPoint last{steps, static_cast<double>(steps) * step_size};
  (observer::notify_record(observers, last, view), ...);
  (observer::notify_finish(observers, last, view), ...);
}

}  // namespace sgdbias
