#include "problems/diagonal_linear_network/stochastic_gradient_flow/residual_noise_kernels.hpp"

#include "lib/core/fused_multiply_add.hpp"
#include "lib/core/multiversioned.hpp"

namespace sgdbias {
namespace {

// The four partial sums as one chunk (one AVX2 register, two SSE2 registers): four whatever the
// version's width, so every version rounds alike.
using Lane4 = RegisterChunk<4>;

}  // namespace

SGDBIAS_MULTIVERSIONED
double sum_of_squares(const double* __restrict values, Index n) {
  Lane4 partial = {};
  Index i = 0;
  for (; i + 4 <= n; i += 4) {
    Lane4 chunk;
    load_chunk(values + i, chunk);
    add_product(partial, chunk, chunk);
  }
  double first = partial[0];
  for (; i < n; ++i) add_product(first, values[i], values[i]);
  return (first + partial[1]) + (partial[2] + partial[3]);
}

SGDBIAS_MULTIVERSIONED
void combine_residual_and_noise(Index n, double drift_scale, const double* __restrict residual, double noise_scale,
                                double increment_scale, const double* normals, double* out) {
  for (Index i = 0; i < n; ++i) {
    double z = noise_scale * (increment_scale * normals[i]);
    add_product(z, drift_scale, residual[i]);
    out[i] = z;
  }
}

}  // namespace sgdbias
