// Quadratic: problem contract (indefinite A too, where L ≥ 0 does not hold), the centered form.
#include <vector>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "problems/quadratic/quadratic.hpp"
#include "tests/support/problem_contract.hpp"

namespace sgdbias::problems {
namespace {

Matrix symmetric_matrix(Index n, std::uint64_t trajectory) {
  RandomStream stream(testing::test_seed(), trajectory, Purpose::kTest);
  Matrix a(n, n);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < n; ++j) a(i, j) = stream.standard_normal();
  return 0.5 * (a + a.transpose());
}

TEST(Quadratic, SatisfiesTheProblemContract) {
  SGDBIAS_TRACE_SEED();
  const Matrix a = symmetric_matrix(4, 0);
  const Quadratic indefinite(a, Vector::LinSpaced(4, -1, 1), 0.3);
  const std::vector<Vector> points = {Vector::Zero(4), Vector::LinSpaced(4, 2, -3)};
  testing::ProblemContractOptions options;
  options.loss_is_nonnegative = false;
  testing::expect_problem_contract_holds(indefinite, points, options);
  const Quadratic positive = Quadratic::centered(a * a.transpose() + Matrix::Identity(4, 4), Vector::Ones(4));
  EXPECT_PROBLEM_CONTRACT_HOLDS(positive, points);
}

TEST(Quadratic, CenteredFormVanishesWithZeroGradientAtItsMinimiser) {
  const Matrix a = symmetric_matrix(3, 1);
  const Vector minimiser = Vector::LinSpaced(3, -1, 4);
  const Quadratic quadratic = Quadratic::centered(a * a.transpose() + Matrix::Identity(3, 3), minimiser);
  EXPECT_NEAR(quadratic.loss(minimiser), 0.0, 1e-12);
  Vector gradient(3);
  quadratic.gradient(minimiser, gradient);
  EXPECT_LE(gradient.cwiseAbs().maxCoeff(), 1e-12);
}

TEST(Quadratic, RejectsBadInput) {
  EXPECT_THROW(Quadratic(Matrix(2, 3)), InvalidArgument);
  Matrix asymmetric = Matrix::Identity(2, 2);
  asymmetric(0, 1) = 1.0;
  EXPECT_THROW(Quadratic{asymmetric}, InvalidArgument);
  Matrix with_nan = Matrix::Identity(2, 2);
  with_nan(1, 1) = std::nan("");
  EXPECT_THROW(Quadratic{with_nan}, InvalidArgument);
  EXPECT_THROW(Quadratic(Matrix::Identity(2, 2), Vector::Ones(3)), InvalidArgument);
  const Quadratic quadratic(Matrix::Identity(2, 2));
  EXPECT_THROW((void)quadratic.loss(Vector::Ones(3)), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::problems
