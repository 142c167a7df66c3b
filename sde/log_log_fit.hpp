#pragma once
// Least-squares slope of log(error) on log(time step) (sde.md §3.2 item 5: a fit over all levels,
// not DiffEqDevTools' endpoint estimator).
#include <cmath>
#include <span>

#include "lib/core/errors.hpp"

namespace sgdbias::sde {

inline double log_log_slope(std::span<const double> time_steps, std::span<const double> errors) {
  require(time_steps.size() == errors.size() && time_steps.size() >= 2, "log_log_slope",
          "need at least two (time step, error) pairs of equal count, got ", time_steps.size(),
          " and ", errors.size());
  const double count = static_cast<double>(errors.size());
  double mean_x = 0.0, mean_y = 0.0;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    require(time_steps[i] > 0.0 && errors[i] > 0.0, "log_log_slope",
            "time steps and errors must be > 0, got h = ", time_steps[i], ", error = ", errors[i]);
    mean_x += std::log(time_steps[i]) / count;
    mean_y += std::log(errors[i]) / count;
  }
  double sxy = 0.0, sxx = 0.0;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    const double dx = std::log(time_steps[i]) - mean_x;
    sxy += dx * (std::log(errors[i]) - mean_y);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

}  // namespace sgdbias::sde
