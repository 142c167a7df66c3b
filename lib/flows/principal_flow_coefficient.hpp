#pragma once
// The principal-flow coefficient c(x) = log(1 − x)/x (bea.md §4.1), principal branch.
//   x < 1: real, c = log1p(−x)/x (< −1 for 0 < x < 1, in (−1, 0) for x < 0), series near 0;
//   x > 1: complex, Log(1 − x) = log(x − 1) + iπ (the +iπ branch of numpy and the authors' colab,
//          bea.md §4.5), so Im c = π/x; Re c < 0 for 1 < x < 2 and > 0 for x > 2;
//   x = 1: c = −∞ (the step removes that component): rejected, use the closed form.
#include <cmath>
#include <complex>
#include <numbers>

#include "lib/core/errors.hpp"

namespace sgdbias {

inline std::complex<double> principal_flow_coefficient(double x) {
  require(std::isfinite(x) && x != 1.0, "principal_flow_coefficient",
          "x = h·λ must be finite and != 1 (c(1) = −∞: one GD step removes that eigen-component; use "
          "the closed form), got ", x);
  // |x| < 1e-4: four terms of −Σ x^k/(k+1); truncation x⁴/5 < 2e-17, so the switch is continuous.
  if (std::abs(x) < 1e-4) return {-(1.0 + x * (0.5 + x * (1.0 / 3.0 + x * 0.25))), 0.0};
  if (x < 1.0) return {std::log1p(-x) / x, 0.0};
  return std::complex<double>(std::log(x - 1.0), std::numbers::pi) / x;
}

}  // namespace sgdbias
