// Fourier features: the feature formula, the problem contract, interpolation, DLN on them.
#include <cmath>
#include <numbers>
#include <vector>

#include <Eigen/Cholesky>
#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/fourier_features/fourier_features.hpp"
#include "tests/support/problem_contract.hpp"

namespace sgdbias::problems {
namespace {

const Vector kPoints = (Vector(5) << 0.0, 0.1, 0.35, 0.6, 0.9).finished();
const Vector kTargets = (Vector(5) << 1.0, -0.5, 0.3, 0.8, -1.2).finished();

TEST(FourierFeatures, FeaturesAreCosinesAndSinesWithOptionalOneOverK) {
  const Matrix decaying = fourier_features(kPoints, 3, FourierWeighting::kDecaying);
  const Matrix uniform = fourier_features(kPoints, 3, FourierWeighting::kUniform);
  ASSERT_EQ(decaying.cols(), 6);
  const double t = kPoints[2];
  for (int k = 1; k <= 3; ++k) {
    EXPECT_NEAR(uniform(2, 2 * (k - 1)), std::cos(2 * std::numbers::pi * k * t), 1e-15);
    EXPECT_NEAR(uniform(2, 2 * (k - 1) + 1), std::sin(2 * std::numbers::pi * k * t), 1e-15);
    EXPECT_NEAR(decaying(2, 2 * (k - 1)), uniform(2, 2 * (k - 1)) / k, 1e-15);
  }
}

TEST(FourierFeatureRegression, SatisfiesTheProblemContractForBothWeightings) {
  for (const FourierWeighting weighting : {FourierWeighting::kDecaying, FourierWeighting::kUniform}) {
    SCOPED_TRACE(std::string(to_string(weighting)));
    const FourierFeatureRegression problem(kPoints, kTargets, 8, weighting);
    const std::vector<Vector> points = {Vector::Zero(16), Vector::LinSpaced(16, -1, 1)};
    EXPECT_PROBLEM_CONTRACT_HOLDS(problem, points);
  }
}

TEST(FourierFeatureRegression, MinimumNormInterpolantFitsTheDataAndPredictsItBack) {
  const FourierFeatureRegression problem(kPoints, kTargets, 8, FourierWeighting::kDecaying);
  const Matrix& x = problem.features();
  const Vector beta = x.transpose() * (x * x.transpose()).ldlt().solve(kTargets);  // d = 16 > n = 5
  EXPECT_LE(problem.loss(beta), 1e-24);
  Vector prediction(5);
  problem.predict(beta, kPoints, prediction);
  EXPECT_LE((prediction - kTargets).cwiseAbs().maxCoeff(), 1e-11);
}

TEST(FourierFeatures, DatasetFeedsADiagonalNetworkThatSatisfiesTheContract) {
  const DiagonalLinearNetwork network(fourier_feature_dataset(kPoints, kTargets, 4, FourierWeighting::kUniform),
                                      DlnConvention::ppf(0.5));
  EXPECT_PROBLEM_CONTRACT_HOLDS(network, std::vector<Vector>{network.initial_state()});
}

TEST(FourierFeatures, RejectsBadInput) {
  EXPECT_THROW(fourier_features(kPoints, 0, FourierWeighting::kUniform), InvalidArgument);
  EXPECT_THROW(fourier_features(Vector(), 3, FourierWeighting::kUniform), InvalidArgument);
  Vector bad = kPoints;
  bad[1] = std::nan("");
  EXPECT_THROW(fourier_features(bad, 3, FourierWeighting::kUniform), InvalidArgument);
  EXPECT_THROW(fourier_feature_dataset(kPoints, Vector::Ones(4), 3, FourierWeighting::kUniform), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::problems
