// GradedNormalEquations (the Newton system of dln.md §5 for extreme κ): weights e^{+100} on some
// columns of X and e^{−100} on the rest, where the solution is known to relative accuracy e^{−200}
// from block elimination.
#include "lib/analysis/graded_normal_equations.hpp"

#include <cmath>
#include <type_traits>
#include <utility>

#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <gtest/gtest.h>

#include "lib/random/random_stream.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

// It keeps a reference to X: built from a temporary matrix or an Eigen expression it would dangle,
// so that does not compile (issue 21), while a named matrix does.
static_assert(std::is_constructible_v<GradedNormalEquations, const Matrix&>);
static_assert(!std::is_constructible_v<GradedNormalEquations, Matrix>);
static_assert(!std::is_constructible_v<GradedNormalEquations, decltype(2.0 * std::declval<const Matrix&>())>);

// X = [X_A X_B] with rank(X_A) = r < n, weights a on A and b on B, a/b = e^{200}. In an orthonormal
// basis [U V] of R^n with range(U) = range(X_A), G = X diag(w) Xᵀ is block [[aA + bB₁₁, bB₁₂],
// [bB₂₁, bB₂₂]] with B = [U V]ᵀ X_B X_Bᵀ [U V]; eliminating the U block gives
// s = V (b B₂₂)⁻¹ Vᵀ g up to a relative O(b/a) = O(e^{−200}). Forming G loses the b terms entirely
// (b/a ≪ ε), so a Cholesky of the formed matrix cannot find this s.
TEST(GradedNormalEquations, SolvesSystemsWhoseWeightsSpanEMinus100ToEPlus100) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const Index n = 6, d = 10, r = 3;
  RandomStream stream(testing::test_seed(), 0, Purpose::kTest);
  Matrix features(n, d);
  for (Index j = 0; j < d; ++j) {
    Vector column(n);
    stream.fill_standard_normal(column);
    features.col(j) = column;
  }
  Vector rhs(n);
  stream.fill_standard_normal(rhs);
  const double a = std::exp(100.0), b = std::exp(-100.0);
  Vector root_weights(d);
  // Heavy columns interleaved with light ones, so the solver's row sorting is exercised.
  Matrix heavy(n, r), light(n, d - r);
  for (Index j = 0, h = 0, l = 0; j < d; ++j) {
    const bool is_heavy = j % 3 == 0 && h < r;
    root_weights[j] = std::sqrt(is_heavy ? a : b);
    if (is_heavy) heavy.col(h++) = features.col(j);
    else light.col(l++) = features.col(j);
  }
  const Eigen::HouseholderQR<Matrix> basis_qr(heavy);
  const Matrix basis = basis_qr.householderQ() * Matrix::Identity(n, n);
  const Matrix complement = basis.rightCols(n - r);
  const Matrix light_block = complement.transpose() * light * light.transpose() * complement;
  const Vector expected = complement * (b * light_block).ldlt().solve(complement.transpose() * rhs);

  GradedNormalEquations equations(features);
  ASSERT_TRUE(equations.factor(root_weights, 0.0));
  Vector step(n);
  equations.solve(rhs, step);
  // Backward-stable QR of a graded matrix: relative error ≈ κ(b B₂₂)·ε, with B₂₂ a 3×3 Gram matrix
  // of Gaussian columns (condition ~10²); 1e-10 leaves a wide margin.
  EXPECT_LE((step - expected).norm(), 1e-10 * expected.norm()) << "expected scale " << expected.norm();
}

TEST(GradedNormalEquations, DampingIsAddedToTheDiagonalAndAZeroWeightSingularSystemIsReported) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const Index n = 4, d = 7;
  RandomStream stream(testing::test_seed(), 1, Purpose::kTest);
  Matrix features(n, d);
  for (Index j = 0; j < d; ++j) {
    Vector column(n);
    stream.fill_standard_normal(column);
    features.col(j) = column;
  }
  Vector root_weights(d), rhs(n), step(n);
  stream.fill_standard_normal(rhs);
  for (Index j = 0; j < d; ++j) root_weights[j] = 0.5 + stream.uniform01();
  const double damping = 0.3;
  // Well-conditioned case: agrees with the formed matrix.
  const Matrix formed = features * root_weights.array().square().matrix().asDiagonal() * features.transpose() +
                        damping * Matrix::Identity(n, n);
  GradedNormalEquations equations(features);
  ASSERT_TRUE(equations.factor(root_weights, damping));
  equations.solve(rhs, step);
  const Vector expected = formed.llt().solve(rhs);
  EXPECT_LE((step - expected).norm(), 1e-13 * expected.norm());
  // All weights zero and no damping: G = 0, reported instead of solved.
  EXPECT_FALSE(equations.factor(Vector::Zero(d), 0.0));
}

}  // namespace
}  // namespace sgdbias
