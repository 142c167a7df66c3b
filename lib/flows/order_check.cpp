#include "lib/flows/order_check.hpp"

#include <cmath>
#include <sstream>

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

namespace {

void finish(OrderStudy& study, std::size_t first_fitted) {
  for (std::size_t j = 0; j + 1 < study.errors.size(); ++j) {
    study.successive_slopes.push_back(std::log2(study.errors[j] / study.errors[j + 1]));
  }
  study.fit = fit_log_log_slope(std::span(study.step_sizes).subspan(first_fitted),
                                std::span(study.errors).subspan(first_fitted));
}

}  // namespace

std::string OrderStudy::report() const {
  std::ostringstream out;
  out.precision(4);
  for (std::size_t j = 0; j < step_sizes.size(); ++j) {
    out << "h = " << step_sizes[j] << "  error = " << errors[j];
    if (j < successive_slopes.size()) out << "  log2 ratio = " << successive_slopes[j];
    out << '\n';
  }
  out << "fitted slope " << fit.slope << " ± " << fit.standard_error << '\n';
  return out.str();
}

OrderStudy local_order_study(const StateMap& discrete, const StateMap& flow, const ConstVectorRef& start,
                             const LocalOrderOptions& options) {
  constexpr std::string_view kWhere = "local_order_study";
  require_positive_finite(options.largest_step_size, kWhere, "largest_step_size");
  require(options.fitted_levels >= 2 && options.fitted_levels <= options.levels, kWhere,
          "need 2 <= fitted_levels <= levels, got ", options.fitted_levels, " and ", options.levels);
  OrderStudy study;
  for (Index j = 0; j < options.levels; ++j) {
    const double h = std::ldexp(options.largest_step_size, -static_cast<int>(j));
    Vector by_steps = start, by_flow = start;
    discrete(h, by_steps);
    flow(h, by_flow);
    study.step_sizes.push_back(h);
    study.errors.push_back((by_flow - by_steps).norm());
  }
  finish(study, static_cast<std::size_t>(options.levels - options.fitted_levels));
  return study;
}

OrderStudy global_order_study(const RunMap& discrete, const RunMap& flow, const ConstVectorRef& start,
                              const GlobalOrderOptions& options) {
  constexpr std::string_view kWhere = "global_order_study";
  require_positive_finite(options.horizon, kWhere, "horizon");
  require_positive_finite(options.largest_step_size, kWhere, "largest_step_size");
  require(options.levels >= 2, kWhere, "levels must be >= 2, got ", options.levels);
  OrderStudy study;
  for (Index j = 0; j < options.levels; ++j) {
    const double h = std::ldexp(options.largest_step_size, -static_cast<int>(j));
    const double steps_exact = options.horizon / h;
    const Index steps = static_cast<Index>(std::llround(steps_exact));
    require(steps >= 1 && std::abs(steps_exact - static_cast<double>(steps)) < 1e-9 * steps_exact, kWhere,
            "horizon ", options.horizon, " is not a multiple of h = ", h);
    Vector by_steps = start, by_flow = start;
    discrete(h, steps, by_steps);
    flow(h, steps, by_flow);
    study.step_sizes.push_back(h);
    study.errors.push_back((by_flow - by_steps).norm());
  }
  finish(study, 0);
  return study;
}

}  // namespace sgdbias
