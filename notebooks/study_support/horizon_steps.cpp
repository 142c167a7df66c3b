#include "notebooks/study_support/horizon_steps.hpp"

#include <cmath>

#include "lib/core/errors.hpp"
#include "notebooks/experiment/option_field.hpp"

namespace sgdbias::study {

Index horizon_steps(double time, double step_size) {
  const double steps = std::ceil(time / step_size);
  require(steps <= kMaxHorizonSteps, "horizon_steps", "time ", time, " / step size ", step_size, " gives ", steps,
          " steps, more than ", kMaxHorizonSteps);
  return static_cast<Index>(steps);
}

std::optional<std::string> check_horizon_steps(double time, double smallest_step_size,
                                               std::string_view step_size_options) {
  const double steps = std::ceil(time / smallest_step_size);
  if (steps <= kMaxHorizonSteps) return std::nullopt;
  return describe("--time ", format_real(time), " with step size ", format_real(smallest_step_size), " (",
                  step_size_options, ") needs ", format_real(steps), " steps, more than ",
                  format_real(kMaxHorizonSteps), "; raise ", step_size_options, " or lower --time");
}

}  // namespace sgdbias::study
