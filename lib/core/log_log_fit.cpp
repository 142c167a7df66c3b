#include "lib/core/log_log_fit.hpp"

#include <cmath>
#include <string_view>

#include "lib/core/errors.hpp"

namespace sgdbias {

SlopeFit fit_log_log_slope(std::span<const double> step_sizes, std::span<const double> errors) {
  constexpr std::string_view kWhere = "fit_log_log_slope";
  require(step_sizes.size() == errors.size() && step_sizes.size() >= 2, kWhere,
          "need >= 2 (step size, error) pairs of equal count, got ", step_sizes.size(), " and ", errors.size());
  const double m = static_cast<double>(step_sizes.size());
  double mean_x = 0.0, mean_y = 0.0;
  for (std::size_t i = 0; i < step_sizes.size(); ++i) {
    require(step_sizes[i] > 0.0 && errors[i] > 0.0 && std::isfinite(errors[i]), kWhere,
            "step sizes and errors must be finite and > 0, got (", step_sizes[i], ", ", errors[i], ")");
    mean_x += std::log(step_sizes[i]) / m;
    mean_y += std::log(errors[i]) / m;
  }
  double sxx = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < step_sizes.size(); ++i) {
    const double dx = std::log(step_sizes[i]) - mean_x;
    sxx += dx * dx;
    sxy += dx * (std::log(errors[i]) - mean_y);
  }
  require(sxx > 0.0, kWhere, "the step sizes must not all be equal");
  SlopeFit fit;
  fit.slope = sxy / sxx;
  fit.intercept = mean_y - fit.slope * mean_x;
  if (step_sizes.size() > 2) {
    double residuals = 0.0;
    for (std::size_t i = 0; i < step_sizes.size(); ++i) {
      const double r = std::log(errors[i]) - fit.intercept - fit.slope * std::log(step_sizes[i]);
      residuals += r * r;
    }
    fit.standard_error = std::sqrt(residuals / (m - 2.0) / sxx);
  }
  return fit;
}

}  // namespace sgdbias
