#pragma once
// drive_on_grid: THE fixed-step loop over a TimeGrid with observers (lib/core/observer.hpp), shared
// by sde::integrate and integrate_flow_on_grid: step k goes from t_k = start + k·h (no accumulated
// t += h) to t_{k+1}; records at the grid's record steps (the last at exactly `end`), on_step(k,
// x_k, FixedStep{h, t_k}) before each step. The driver's own step is `advance(k, t_k, h)`, which
// updates the state that `state` views (and may throw: the drivers' non-finite guards).
#include "lib/core/linear_algebra.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/record_grid.hpp"
#include "lib/core/time_grid.hpp"

namespace sgdbias {

template <class State, class Advance, class... Observers>
void drive_on_grid(const TimeGrid& grid, const State& state, Advance&& advance, Observers&... observers) {
  const double h = grid.time_step();
  (observer::notify_start(observers, grid.records(), state), ...);
  RecordCountdown countdown(grid.records());
  for (Index k = 0; k < grid.steps; ++k) {
    const double t = grid.time(k);
    if (countdown.due()) {
      (observer::notify_record(observers, RecordPoint{k, t}, state), ...);
      countdown.restart();
    }
    (observer::notify_step(observers, k, state, FixedStep{h, t}), ...);
    advance(k, t, h);
    countdown.advance(1);
  }
  [[maybe_unused]] const RecordPoint last{grid.steps, grid.end};
  (observer::notify_record(observers, last, state), ...);
  (observer::notify_finish(observers, last, state), ...);
}

}  // namespace sgdbias
