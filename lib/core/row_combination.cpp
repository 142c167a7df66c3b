#include "lib/core/row_combination.hpp"

#include "lib/core/multiversioned.hpp"

namespace sgdbias {

// Four rows per sweep over `out` (a quarter of the loads and stores of out), added in the same
// order as one at a time: ((out + c₀r₀) + c₁r₁) + ... ; the inner loop vectorises over the row.
SGDBIAS_MULTIVERSIONED
void combine_rows(const double* __restrict rows, Index count, Index length, const double* __restrict coefficients,
                  double* __restrict out) {
  for (Index j = 0; j < length; ++j) out[j] = 0.0;
  Index k = 0;
  for (; k + 4 <= count; k += 4) {
    const double* __restrict r0 = rows + k * length;
    const double* __restrict r1 = r0 + length;
    const double* __restrict r2 = r1 + length;
    const double* __restrict r3 = r2 + length;
    const double c0 = coefficients[k], c1 = coefficients[k + 1], c2 = coefficients[k + 2], c3 = coefficients[k + 3];
    for (Index j = 0; j < length; ++j) out[j] = (((out[j] + c0 * r0[j]) + c1 * r1[j]) + c2 * r2[j]) + c3 * r3[j];
  }
  for (; k < count; ++k) {
    const double* __restrict row = rows + k * length;
    const double c = coefficients[k];
    for (Index j = 0; j < length; ++j) out[j] += c * row[j];
  }
}

}  // namespace sgdbias
