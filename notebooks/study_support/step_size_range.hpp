#pragma once
// The step sizes γ a study sweeps, log-spaced from --step-size-min to --step-size-max in
// --step-size-points values: an option group (notebooks/experiment/option_group.hpp) embedded as
// `study::StepSizeRange step_size{min, max, points};` with the study's own defaults, so the three
// rows, their ranges and the min ≤ max check are written once.
#include <optional>
#include <string>
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "notebooks/experiment/option_field.hpp"

namespace sgdbias::study {

struct StepSizeRange {
  double min = 0.005;
  double max = 0.02;
  Index points = 3;

  static std::vector<OptionField<StepSizeRange>> fields();
  std::optional<std::string> validate() const;
  std::vector<double> values() const;  // log_spaced(min, max, points)
};

}  // namespace sgdbias::study
