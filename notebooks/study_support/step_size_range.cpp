#include "notebooks/study_support/step_size_range.hpp"

#include "notebooks/study_support/study_problem.hpp"

namespace sgdbias::study {

std::vector<OptionField<StepSizeRange>> StepSizeRange::fields() {
  using O = StepSizeRange;
  return {
      real_option("step-size-min", &O::min, "smallest step size gamma", {0, 100, true}),
      real_option("step-size-max", &O::max, "largest step size gamma", {0, 100, true}),
      integer_option("step-size-points", &O::points, "step sizes, log-spaced", {1, 1000}),
  };
}

std::optional<std::string> StepSizeRange::validate() const {
  if (max < min) return "--step-size-max must be >= --step-size-min";
  return std::nullopt;
}

std::vector<double> StepSizeRange::values() const { return log_spaced(min, max, points); }

}  // namespace sgdbias::study
