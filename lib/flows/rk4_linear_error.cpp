#include "lib/flows/rk4_linear_error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "lib/core/errors.hpp"

namespace sgdbias {
namespace {

constexpr Index kMaxSubsteps = 10'000'000;

std::complex<double> rk4_amplification(std::complex<double> z) {
  return 1.0 + z * (1.0 + z * (0.5 + z * (1.0 / 6.0 + z / 24.0)));
}

}  // namespace

double rk4_linear_relative_error(std::complex<double> rate, double duration, Index substeps) {
  const double steps = static_cast<double>(substeps);
  const std::complex<double> z = rate * (duration / steps);
  const double size = std::abs(z);
  if (!(size < 6.0)) return std::numeric_limits<double>::infinity();
  const double local = std::pow(size, 5) / (120.0 * (1.0 - size / 6.0));  // ≥ |e^z − R(z)|
  const double growth = std::max(std::abs(rk4_amplification(z)), std::exp(z.real()));
  // N·|R − e^z|·m^{N−1} / max(1, |e^{Nz}|), in logarithms so long windows neither over- nor underflow.
  const double log_bound = std::log(steps * local) + (steps - 1.0) * std::log(growth) -
                           std::max(0.0, steps * z.real());
  return std::exp(log_bound);
}

double rk4_linear_relative_error(const ComplexVector& rates, double duration, Index substeps) {
  double worst = 0.0;
  for (Index i = 0; i < rates.size(); ++i) worst = std::max(worst, rk4_linear_relative_error(rates[i], duration, substeps));
  return worst;
}

Index rk4_substeps_for_linear_flow(const ComplexVector& rates, double duration, double tolerance,
                                   Index minimum_substeps) {
  constexpr const char* kWhere = "rk4_substeps_for_linear_flow";
  require(std::isfinite(duration) && duration >= 0.0, kWhere, "duration must be finite and >= 0, got ", duration);
  require(std::isfinite(tolerance) && tolerance > 0.0, kWhere, "tolerance must be finite and > 0, got ", tolerance);
  require(minimum_substeps >= 1, kWhere, "minimum_substeps must be >= 1, got ", minimum_substeps);
  require(rates.allFinite(), kWhere, "the rates must be finite (a rate of −∞ is h·λ = 1: use the closed form)");
  const double largest = rates.size() > 0 ? rates.cwiseAbs().maxCoeff() * duration : 0.0;
  // Start from the leading term (|μ|T)⁵/(120N⁴) = tolerance, then step up until the bound holds.
  const double estimate = std::ceil(std::pow(largest, 1.25) / std::pow(120.0 * tolerance, 0.25));
  Index substeps = std::max(minimum_substeps, static_cast<Index>(std::min(estimate, static_cast<double>(kMaxSubsteps))));
  while (rk4_linear_relative_error(rates, duration, substeps) > tolerance) {
    require(substeps < kMaxSubsteps, kWhere, "RK4 would need more than ", kMaxSubsteps, " substeps for relative error ",
            tolerance, " over a window of ", duration, " with rates up to |μ| = ", largest / duration,
            "; use a closed form (e.g. QuadraticPrincipalFlow::at_time) or shorter windows");
    substeps = std::min(kMaxSubsteps, substeps + std::max<Index>(1, substeps / 16));
  }
  return substeps;
}

}  // namespace sgdbias
