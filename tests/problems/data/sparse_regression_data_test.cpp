// make_sparse_regression: structure of β*, labels, stream separation, and the distribution of
// the design (sample moments within 5 standard errors). Deterministic for a seed.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "problems/data/sparse_regression_data.hpp"
#include "tests/support/statistics.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::problems {
namespace {

TEST(SparseRegressionData, TeacherHasExactlyKNonzerosWithTheRequestedValues) {
  SGDBIAS_TRACE_SEED();
  SparseRegressionOptions options{.samples = 5, .dimension = 30, .sparsity = 4};
  const Vector gaussian = make_sparse_regression(options, testing::test_seed()).teacher;
  EXPECT_EQ((gaussian.array() != 0.0).count(), 4);
  options.teacher_values = TeacherValues::kSigns;
  const Vector signs = make_sparse_regression(options, testing::test_seed()).teacher;
  EXPECT_EQ((signs.array().abs() == 1.0).count(), 4);
  EXPECT_EQ((signs.array() == 0.0).count(), 26);
  options.teacher_values = TeacherValues::kFixed;
  options.teacher_value = 2.5;
  options.teacher_support = TeacherSupport::kFirst;
  const Vector fixed = make_sparse_regression(options, testing::test_seed()).teacher;
  EXPECT_EQ(fixed.head(4), Vector::Constant(4, 2.5));
  EXPECT_EQ(fixed.tail(26), Vector::Zero(26));
}

TEST(SparseRegressionData, RandomSupportIsUniform) {
  // Each coordinate is in a uniform k-subset with probability k/d.
  SGDBIAS_TRACE_SEED();
  SparseRegressionOptions options{.samples = 1, .dimension = 10, .sparsity = 3};
  std::vector<double> counts(10, 0.0);
  const int draws = 4000;
  for (int seed = 0; seed < draws; ++seed) {
    const Vector teacher = make_sparse_regression(options, testing::test_seed() + static_cast<std::uint64_t>(seed)).teacher;
    for (Index j = 0; j < 10; ++j) counts[static_cast<std::size_t>(j)] += teacher[j] != 0.0 ? 1.0 : 0.0;
  }
  for (double count : counts) EXPECT_NEAR(count, draws * 0.3, testing::binomial_tolerance(draws, 0.3, 5.0));
}

TEST(SparseRegressionData, NoiselessLabelsAreExactAndNoisyLabelsHaveTheRequestedSpread) {
  SGDBIAS_TRACE_SEED();
  SparseRegressionOptions options{.samples = 4000, .dimension = 5, .sparsity = 2};
  const SparseRegressionData clean = make_sparse_regression(options, testing::test_seed());
  EXPECT_LE((clean.train.features * clean.teacher - clean.train.targets).cwiseAbs().maxCoeff(), 1e-13);
  options.label_noise = 0.5;
  const SparseRegressionData noisy = make_sparse_regression(options, testing::test_seed());
  const Vector noise = noisy.train.targets - noisy.train.features * noisy.teacher;
  const double variance = noise.squaredNorm() / 4000.0;
  EXPECT_NEAR(variance, 0.25, 5.0 * 0.25 * std::sqrt(2.0 / 4000.0));  // SE of a χ² mean
  EXPECT_EQ(noisy.teacher, clean.teacher);  // noise draws come after the teacher's
}

TEST(SparseRegressionData, TestSetComesFromItsOwnStream) {
  SGDBIAS_TRACE_SEED();
  SparseRegressionOptions options{.samples = 10, .dimension = 6, .sparsity = 2, .test_samples = 0};
  const SparseRegressionData without = make_sparse_regression(options, testing::test_seed());
  options.test_samples = 50;
  const SparseRegressionData with = make_sparse_regression(options, testing::test_seed());
  EXPECT_EQ(without.train.features, with.train.features);
  EXPECT_EQ(without.train.targets, with.train.targets);
  EXPECT_EQ(without.test.num_samples(), 0);
  EXPECT_EQ(with.test.num_samples(), 50);
  EXPECT_LE((with.test.features * with.teacher - with.test.targets).cwiseAbs().maxCoeff(), 1e-13);
  EXPECT_NE(make_sparse_regression(options, testing::test_seed() + 1).train.features, with.train.features);
  EXPECT_EQ(make_sparse_regression(options, testing::test_seed()).train.features, with.train.features);
}

TEST(SparseRegressionData, AnisotropicDesignHasTheRequestedCovariance) {
  // Sample covariance of N rows: entry (i, j) has standard error √((Σ_ii Σ_jj + Σ_ij²)/N).
  SGDBIAS_TRACE_SEED();
  Matrix covariance(3, 3);
  covariance << 4.0, 1.0, 0.0, 1.0, 1.0, -0.3, 0.0, -0.3, 0.25;
  SparseRegressionOptions options{.samples = 20'000, .dimension = 3, .sparsity = 1, .covariance = covariance};
  const Matrix x = make_sparse_regression(options, testing::test_seed()).train.features;
  const Matrix sample = x.transpose() * x / 20'000.0;
  for (Index i = 0; i < 3; ++i)
    for (Index j = 0; j < 3; ++j) {
      const double se = std::sqrt((covariance(i, i) * covariance(j, j) + covariance(i, j) * covariance(i, j)) / 20'000.0);
      EXPECT_NEAR(sample(i, j), covariance(i, j), 5.0 * se) << i << "," << j;
    }
}

TEST(SparseRegressionData, RejectsInvalidOptions) {
  const auto make = [](SparseRegressionOptions options) { return make_sparse_regression(options, 1); };
  EXPECT_THROW(make({.samples = 0}), InvalidArgument);
  EXPECT_THROW(make({.samples = 5, .dimension = 0}), InvalidArgument);
  EXPECT_THROW(make({.samples = 5, .dimension = 3, .sparsity = 4}), InvalidArgument);
  EXPECT_THROW(make({.samples = 5, .dimension = 3, .sparsity = 1, .test_samples = -1}), InvalidArgument);
  EXPECT_THROW(make({.samples = 5, .dimension = 3, .sparsity = 1, .label_noise = -0.1}), InvalidArgument);
  EXPECT_THROW(make({.samples = 5, .dimension = 3, .sparsity = 1, .covariance = Matrix::Identity(2, 2)}),
               InvalidArgument);
  Matrix indefinite = Matrix::Identity(3, 3);
  indefinite(2, 2) = -1.0;
  EXPECT_THROW(make({.samples = 5, .dimension = 3, .sparsity = 1, .covariance = indefinite}), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::problems
