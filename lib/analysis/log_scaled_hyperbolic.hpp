#pragma once
// Scalar hyperbolic functions of a scale κ given by its logarithm ℓ = ln κ (dln.md §5,
// "Overflow-safe evaluations"). κ itself is never formed where it could under- or overflow:
// the effective scale of long (label-noise) runs has |ln κ| ≫ 700 (dln.md §3, last remark), and
// the mirror coordinate θ of the dual Newton solver can exceed 710. Every function returns the
// correctly rounded limit (0 or ±∞) instead of NaN when the true value leaves double range.
#include <cmath>
#include <numbers>

namespace sgdbias::log_scaled {

// κ·sinh θ = sign(θ)·exp(|θ| + ℓ − ln 2)·(1 − e^{−2|θ|}); expm1 keeps small |θ| accurate.
inline double scaled_sinh(double theta, double log_scale) {
  const double magnitude = std::abs(theta);
  const double value = std::exp(magnitude + log_scale - std::numbers::ln2) * -std::expm1(-2.0 * magnitude);
  return std::copysign(value, theta);
}

// κ·cosh θ = exp(|θ| + ℓ − ln 2)·(1 + e^{−2|θ|}) (= √(β² + κ²) at β = κ sinh θ).
inline double scaled_cosh(double theta, double log_scale) {
  const double magnitude = std::abs(theta);
  return std::exp(magnitude + log_scale - std::numbers::ln2) * (1.0 + std::exp(-2.0 * magnitude));
}

// √(κ·cosh θ) = exp((|θ| + ℓ − ln 2)/2)·√(1 + e^{−2|θ|}): finite while κ cosh θ < e^{1418}.
inline double root_scaled_cosh(double theta, double log_scale) {
  const double magnitude = std::abs(theta);
  return std::exp(0.5 * (magnitude + log_scale - std::numbers::ln2)) * std::sqrt(1.0 + std::exp(-2.0 * magnitude));
}

// κ·(cosh θ − 1) = exp(|θ| + ℓ − ln 2)·(1 − e^{−|θ|})², exact identity without cancellation.
inline double scaled_cosh_minus_one(double theta, double log_scale) {
  const double magnitude = std::abs(theta);
  const double factor = std::expm1(-magnitude);
  return std::exp(magnitude + log_scale - std::numbers::ln2) * (factor * factor);
}

// asinh(β/κ). For |β| ≥ κ: with t = ln|β| − ℓ ≥ 0, asinh(e^t) = t + ln(1 + √(1 + e^{−2t})),
// which neither overflows (κ → 0) nor loses digits; for |β| < κ the ratio is < 1 and safe.
inline double asinh_of_ratio(double beta, double log_scale) {
  if (beta == 0.0) return 0.0;
  const double log_ratio = std::log(std::abs(beta)) - log_scale;
  if (log_ratio < 0.0) return std::asinh(std::copysign(std::exp(log_ratio), beta));
  const double magnitude = log_ratio + std::log1p(std::sqrt(1.0 + std::exp(-2.0 * log_ratio)));
  return std::copysign(magnitude, beta);
}

// √(β² + κ²), +∞ only if the true value overflows.
inline double scaled_hypot(double beta, double log_scale) { return std::hypot(beta, std::exp(log_scale)); }

// One term of H_κ (dln.md §2): β·asinh(β/κ) − (√(β²+κ²) − κ), with the cancellation-free
// √(β²+κ²) − κ = β²/(√(β²+κ²) + κ).
inline double entropy_term(double beta, double log_scale) {
  if (beta == 0.0) return 0.0;
  const double scale = std::exp(log_scale);
  const double hypot = std::hypot(beta, scale);
  return beta * asinh_of_ratio(beta, log_scale) - (beta / (hypot + scale)) * beta;
}

// 1/√(β² + κ²); at β = 0 with κ underflowing this is e^{−ℓ} (possibly +∞), never 1/0 by accident.
inline double inverse_scaled_hypot(double beta, double log_scale) {
  const double hypot = scaled_hypot(beta, log_scale);
  return hypot > 0.0 ? 1.0 / hypot : std::exp(-log_scale);
}

}  // namespace sgdbias::log_scaled
