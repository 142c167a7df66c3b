#pragma once
// THE log-log slope fit of the library: least squares of log(error) on log(step size) over all the
// levels given, with the slope's standard error from the residuals. Used by the order checks of
// modified flows (bea.md §2.3, lib/flows/order_check.hpp) and the SDE convergence harness (sde.md
// §3.2 item 5: a fit over all levels, not DiffEqDevTools' endpoint estimator; sde/convergence.hpp).
#include <span>

namespace sgdbias {

struct SlopeFit {
  double slope = 0.0;           // fitted order p
  double standard_error = 0.0;  // of the slope (0 for a two-point fit)
  double intercept = 0.0;       // log C
};

// Least-squares fit of log(errors) against log(step_sizes); all entries must be finite and > 0,
// at least two pairs, not all step sizes equal (InvalidArgument otherwise).
SlopeFit fit_log_log_slope(std::span<const double> step_sizes, std::span<const double> errors);

}  // namespace sgdbias
