#pragma once
// The record loop of every driver but iterate() (whose runs between records and stop rule are its
// own), written once on THE observer protocol (lib/core/observer.hpp):
//   drive_steps:   K steps `advance(k)`, records on a RecordGrid at the driver's clock `time_at(k)`
//                  (for drivers whose step is not fixed in advance: DAL's adaptive steps, game GD);
//   drive_on_grid: the fixed-step loop over a TimeGrid of sde::integrate and integrate_flow_on_grid:
//                  step k goes from t_k = start + k·h (no accumulated t += h) to t_{k+1}, the last
//                  record at exactly `end`, on_step(k, x_k, FixedStep{h, t_k}) before each step.
// `state` views what `advance` updates (the observers' x); `advance` may throw (the drivers'
// non-finite guards).
#include "lib/core/linear_algebra.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/record_grid.hpp"
#include "lib/core/time_grid.hpp"

namespace sgdbias {

template <class State, class Clock, class Advance, class... Observers>
void drive_steps(const RecordGrid& records, const State& state, Clock&& time_at, Advance&& advance,
                 Observers&... observers) {
  if constexpr (sizeof...(Observers) == 0) {  // nothing to record: the bare loop (no countdown, no clock)
    for (Index k = 0; k < records.steps; ++k) advance(k);
    return;
  }
  (observer::notify_start(observers, records, state), ...);
  RecordCountdown countdown(records);
  for (Index k = 0; k < records.steps; ++k) {
    if (countdown.due()) {
      (observer::notify_record(observers, RecordPoint{k, time_at(k)}, state), ...);
      countdown.restart();
    }
    advance(k);
    countdown.advance(1);
  }
  [[maybe_unused]] const RecordPoint last{records.steps, time_at(records.steps)};
  (observer::notify_record(observers, last, state), ...);
  (observer::notify_finish(observers, last, state), ...);
}

template <class State, class Advance, class... Observers>
void drive_on_grid(const TimeGrid& grid, const State& state, Advance&& advance, Observers&... observers) {
  const double h = grid.time_step();
  drive_steps(
      grid.records(), state, [&grid](Index k) { return grid.point_time(k); },
      [&](Index k) {
        const double t = grid.time(k);
        (observer::notify_step(observers, k, state, FixedStep{h, t}), ...);
        advance(k, t, h);
      },
      observers...);
}

}  // namespace sgdbias
