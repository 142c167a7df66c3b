// The SGF's residual loops (problems/diagonal_linear_network/stochastic_gradient_flow/residual_noise_kernels.hpp) against scalar loops written here
// in the documented order with std::fma: equal BIT FOR BIT for n around the 4 partial sums,
// whichever multiversioned version (AVX-512, AVX2, baseline) the loader picked on this CPU; the
// sum of squares also within the rounding bound of the exact sum. Deterministic for a seed.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "problems/diagonal_linear_network/stochastic_gradient_flow/residual_noise_kernels.hpp"
#include "lib/random/random_stream.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

constexpr Index kSizes[] = {0, 1, 3, 4, 5, 7, 8, 9, 40, 41, 203};

Vector normals(Index size, std::uint64_t trajectory) {
  RandomStream stream(testing::test_seed(), trajectory, Purpose::kTest);
  Vector out(size);
  stream.fill_standard_normal(out);
  return out;
}

double reference_sum_of_squares(const Vector& values) {
  const Index n = values.size(), full = n - n % 4;
  double partial[4] = {0.0, 0.0, 0.0, 0.0};
  for (Index i = 0; i < full; ++i) partial[i % 4] = std::fma(values[i], values[i], partial[i % 4]);
  for (Index i = full; i < n; ++i) partial[0] = std::fma(values[i], values[i], partial[0]);
  return (partial[0] + partial[1]) + (partial[2] + partial[3]);
}

TEST(ResidualNoiseKernels, SumOfSquaresHasTheDocumentedRoundingBitForBit) {
  SGDBIAS_TRACE_SEED();
  for (Index n : kSizes) {
    const Vector r = normals(n, static_cast<std::uint64_t>(n));
    const double kernel = sum_of_squares(r.data(), n);
    EXPECT_EQ(kernel, reference_sum_of_squares(r)) << "n = " << n;
    // A sum of n nonnegative terms with ≤ 2 roundings each is within (n + 1)·ε·Σ r_i² of the exact
    // value (Higham, Accuracy and Stability, §3.1); Eigen's sum obeys the same bound.
    const double exact_ish = r.squaredNorm();
    EXPECT_NEAR(kernel, exact_ish, 2.0 * static_cast<double>(n + 1) * std::numeric_limits<double>::epsilon() * exact_ish)
        << "n = " << n;
  }
}

TEST(ResidualNoiseKernels, CombinationIsOneFusedMultiplyAddPerEntryAlsoInPlace) {
  SGDBIAS_TRACE_SEED();
  const double drift_scale = 0.37, noise_scale = 1.9, increment_scale = std::sqrt(0.01);
  for (Index n : kSizes) {
    const Vector r = normals(n, 100 + static_cast<std::uint64_t>(n)), xi = normals(n, 200 + static_cast<std::uint64_t>(n));
    Vector out(n), in_place = xi;
    combine_residual_and_noise(n, drift_scale, r.data(), noise_scale, increment_scale, xi.data(), out.data());
    combine_residual_and_noise(n, drift_scale, r.data(), noise_scale, increment_scale, in_place.data(),
                               in_place.data());
    for (Index i = 0; i < n; ++i) {
      const double expected = std::fma(drift_scale, r[i], noise_scale * (increment_scale * xi[i]));
      ASSERT_EQ(out[i], expected) << "n = " << n << ", i = " << i;
      ASSERT_EQ(in_place[i], expected) << "n = " << n << ", i = " << i;
    }
  }
}

}  // namespace
}  // namespace sgdbias
