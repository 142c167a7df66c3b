#pragma once
// TimeGrid: the fixed-step clock of sde::integrate and of the flows' grid driver
// (integrate_flow_on_grid): step h = (end − start)/steps, time computed as start + k·h (no
// accumulated t += h, odeint's integrate_const), the last point exactly `end`; records on the
// RecordGrid of `record_stride` (default 1: every step).
#include <cmath>
#include <string_view>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/record_grid.hpp"

namespace sgdbias {

struct TimeGrid {
  double start = 0.0;
  double end = 1.0;
  Index steps = 1;
  Index record_stride = 1;

  void validate(std::string_view where) const {
    require(steps >= 1, where, "number of steps must be >= 1, got ", steps);
    require(std::isfinite(start) && std::isfinite(end) && end > start, where,
            "time grid must satisfy start < end (both finite), got [", start, ", ", end, "]");
    require(time_step() > 0.0, where, "time step must be > 0, got ", time_step());
    records().validate(where);
  }
  double time_step() const { return (end - start) / static_cast<double>(steps); }
  double time(Index k) const { return start + static_cast<double>(k) * time_step(); }
  // The time of grid point k as a driver reports it: `end` exactly at k = steps.
  double point_time(Index k) const { return k == steps ? end : time(k); }
  RecordGrid records() const { return {steps, record_stride}; }
};

}  // namespace sgdbias
