#include "lib/core/bound_check.hpp"

#include <algorithm>
#include <cmath>

#include "lib/core/multiversioned.hpp"

namespace sgdbias {

SGDBIAS_MULTIVERSIONED
bool all_within(const double* __restrict values, Index size, double limit) {
  const double cap = std::min(limit, std::numeric_limits<double>::max());
  double outside = 0.0;  // a select, not a branch: a NaN compares false and fails like a large entry
  for (Index i = 0; i < size; ++i) outside = std::abs(values[i]) <= cap ? outside : 1.0;
  return outside == 0.0;
}

}  // namespace sgdbias
