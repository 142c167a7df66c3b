#include "lib/flows/order_check.hpp"

#include <cmath>
#include <sstream>

namespace sgdbias {

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
