#pragma once
// The steps of a run over the horizon t = γ·steps, steps = ceil(time / γ), as the studies with a
// --time option count them, and the bound that keeps them finite. Both --time and the step sizes
// are only bounded separately, so a tiny γ (--step-size 1e-9 --time 1e7) would ask for 1e16 steps
// (a run that never ends) and a tinier one for more than 2^63 (the conversion to Index is then
// undefined: the run failed with "steps must be >= 0, got -9223372036854775808"). The studies'
// validate() calls check_horizon_steps, so such options are refused before anything runs.
#include <optional>
#include <string>
#include <string_view>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias::study {

// As many steps as the fixed-step studies allow (label-noise, sde-variants: --steps ≤ 1e9).
inline constexpr double kMaxHorizonSteps = 1e9;

// ceil(time / step_size); call it only on options that passed check_horizon_steps.
Index horizon_steps(double time, double step_size);

// A message naming the options if ceil(time / smallest_step_size) exceeds kMaxHorizonSteps.
// `step_size_options` names where the smallest step size comes from, e.g. "--step-size-min".
std::optional<std::string> check_horizon_steps(double time, double smallest_step_size,
                                               std::string_view step_size_options);

}  // namespace sgdbias::study
