// LinearRegression: problem contract, loss = c·MSE, constant Hessian, bad input.
#include <vector>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "problems/data/sparse_regression_data.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "tests/support/problem_contract.hpp"

namespace sgdbias::problems {
namespace {

Dataset small_data() {
  SparseRegressionOptions options{.samples = 7, .dimension = 5, .sparsity = 2};
  return make_sparse_regression(options, testing::test_seed()).train;
}

TEST(LinearRegression, SatisfiesTheProblemContract) {
  for (const double loss_scale : {0.5, 0.25}) {
    const LinearRegression problem(small_data(), loss_scale);
    RandomStream stream(testing::test_seed(), 2, Purpose::kTest);
    std::vector<Vector> points(3, Vector(5));
    for (Vector& point : points) stream.fill_standard_normal(point);
    EXPECT_PROBLEM_CONTRACT_HOLDS(problem, points);
  }
}

TEST(LinearRegression, LossIsScaledMeanSquaredErrorAndVanishesAtTheTeacher) {
  SparseRegressionOptions options{.samples = 7, .dimension = 5, .sparsity = 2};
  const SparseRegressionData data = make_sparse_regression(options, testing::test_seed());
  const LinearRegression problem(data.train);
  EXPECT_LE(problem.loss(data.teacher), 1e-28);
  const Vector zero = Vector::Zero(5);
  EXPECT_NEAR(problem.loss(zero), 0.5 * data.train.targets.squaredNorm() / 7, 1e-14);
}

TEST(LinearRegression, HessianIsScaledGramMatrix) {
  const Dataset data = small_data();
  const LinearRegression problem(data, 0.25);
  const Matrix gram = 0.5 * data.features.transpose() * data.features / 7.0;
  Vector direction = Vector::LinSpaced(5, -1.0, 2.0), out(5);
  problem.hessian_vector_product(Vector::Zero(5), direction, out);
  EXPECT_TRUE(out.isApprox(gram * direction, 1e-14));
}

TEST(LinearRegression, RejectsBadInput) {
  EXPECT_THROW(LinearRegression(small_data(), 0.0), InvalidArgument);
  EXPECT_THROW(LinearRegression(small_data(), std::nan("")), InvalidArgument);
  EXPECT_THROW(LinearRegression(Dataset{Matrix(0, 0), Vector(0)}), InvalidArgument);
  Dataset with_nan = small_data();
  with_nan.targets[3] = std::nan("");
  EXPECT_THROW(LinearRegression{with_nan}, InvalidArgument);
  const LinearRegression problem(small_data());
  Vector gradient(5);
  EXPECT_THROW(problem.gradient(Vector::Zero(4), gradient), InvalidArgument);
  EXPECT_THROW(problem.batch_gradient(Vector::Zero(5), std::vector<Index>{-1}, gradient), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::problems
