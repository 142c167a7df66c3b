// combine_rows (lib/core/row_combination.hpp) against a one-row-at-a-time loop of fused
// multiply-adds (std::fma: one rounding per term) written here: equal BIT FOR BIT for counts around the 4-row sweep and lengths around every vector width,
// whichever multiversioned version (AVX-512, AVX2, baseline) the loader picked on this CPU; and
// equal to Eigen's X·β and Xᵀz within the rounding bound of a sum of `count` products.
// Deterministic for a seed.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "lib/core/row_combination.hpp"
#include "lib/random/random_stream.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

Matrix normal_rows(Index count, Index length) {
  RandomStream stream(testing::test_seed(), static_cast<std::uint64_t>(count * 1000 + length), Purpose::kTest);
  Matrix out(length, count);  // column k = row k: the rows lie one after another in memory
  Eigen::Map<Vector> entries(out.data(), out.size());
  stream.fill_standard_normal(entries);
  return out;
}

TEST(RowCombination, AddsTheRowsInOrderBitForBit) {
  SGDBIAS_TRACE_SEED();
  for (Index count : {0, 1, 3, 4, 5, 8, 9, 40}) {
    for (Index length : {1, 3, 4, 7, 8, 9, 16, 17, 100}) {
      const Matrix rows = normal_rows(count, length);
      const Matrix coefficient_column = normal_rows(1, count);
      const Vector coefficients = Eigen::Map<const Vector>(coefficient_column.data(), count);
      Vector out(length);
      combine_rows(rows.data(), count, length, coefficients.data(), out.data());
      for (Index j = 0; j < length; ++j) {
        double expected = 0.0;
        for (Index k = 0; k < count; ++k) expected = std::fma(coefficients[k], rows(j, k), expected);
        ASSERT_EQ(out[j], expected) << "count " << count << ", length " << length << ", entry " << j;
      }
    }
  }
}

// K paths at once (panels of 8 paths with AVX-512, of 4 at the narrower widths, then single paths)
// give each path exactly combine_rows' bits, for path counts around both panel widths and strides
// larger than the vectors (column blocks).
TEST(RowCombination, ManyPathsGiveEachPathTheSingleCombinationBitForBit) {
  SGDBIAS_TRACE_SEED();
  for (Index paths : {1, 3, 4, 5, 7, 8, 9, 17}) {
    for (Index count : {1, 5, 40}) {
      for (Index length : {3, 8, 40, 100}) {
        const Matrix rows = normal_rows(count, length);
        const Index coefficient_stride = count + 2, out_stride = length + 3;
        const Matrix coefficients = normal_rows(paths, coefficient_stride);  // column p: path p's coefficients
        Matrix out = Matrix::Constant(out_stride, paths, -7.0);
        combine_rows_for_paths(rows.data(), count, length, paths, coefficients.data(), coefficient_stride,
                               out.data(), out_stride);
        Vector single(length);
        for (Index p = 0; p < paths; ++p) {
          combine_rows(rows.data(), count, length, coefficients.col(p).data(), single.data());
          for (Index j = 0; j < length; ++j) {
            ASSERT_EQ(out(j, p), single[j]) << paths << " paths, count " << count << ", length " << length
                                            << ": path " << p << ", entry " << j;
          }
          for (Index j = length; j < out_stride; ++j) ASSERT_EQ(out(j, p), -7.0) << "wrote past the output";
        }
      }
    }
  }
}

// |computed − exact| ≤ count·ε·Σ_k |c_k row_k[j]| for a recursive sum (Higham, Accuracy and Stability,
// §3.1); Eigen's product obeys the same bound, so the two differ by at most twice it.
TEST(RowCombination, IsTheMatrixVectorProductToRounding) {
  SGDBIAS_TRACE_SEED();
  const Index n = 40, d = 100;
  const Matrix features = normal_rows(d, n);  // column-major n×d: its d columns lie one after another
  const Matrix beta_column = normal_rows(1, d);
  const Vector beta = Eigen::Map<const Vector>(beta_column.data(), d);
  Vector product(n);
  combine_rows(features.data(), d, n, beta.data(), product.data());
  const Vector bound = static_cast<double>(d + 1) * std::numeric_limits<double>::epsilon() *
                       (features.cwiseAbs() * beta.cwiseAbs());
  const Vector eigen = features * beta;
  for (Index i = 0; i < n; ++i) EXPECT_NEAR(product[i], eigen[i], 2.0 * bound[i]) << "row " << i;
}

}  // namespace
}  // namespace sgdbias
