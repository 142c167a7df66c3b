#pragma once
// The divergence / non-finite guard run after every step of iterate() and sde::integrate(): one
// branch-free pass over the state (no early exit, so it vectorises; Eigen's allFinite() is a
// scalar loop with a branch per entry, which cost ~15 % of a 200-entry SGF Euler–Maruyama step).
// Multiversioned (lib/core/multiversioned.hpp); a comparison has no rounding, so every version
// answers the same.
#include <limits>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// True iff every |values[i]| ≤ limit. NaN and ±∞ always fail: the limit is capped at the largest
// double, so limit = +∞ means "finite".
bool all_within(const double* values, Index size, double limit);

inline bool all_within(const ConstVectorRef& values, double limit) {
  return all_within(values.data(), values.size(), limit);
}
inline bool all_finite(const ConstVectorRef& values) {
  return all_within(values, std::numeric_limits<double>::infinity());
}

}  // namespace sgdbias
