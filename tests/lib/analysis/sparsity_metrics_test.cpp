// Sparsity/recovery metrics, the Gain shape and the interpolator sharpness S(β, κ) (dln.md §7).
#include "lib/analysis/sparsity_metrics.hpp"

#include <cmath>

#include <Eigen/Eigenvalues>
#include <gtest/gtest.h>

#include "lib/analysis/gain.hpp"
#include "lib/analysis/interpolator_sharpness.hpp"
#include "lib/analysis/mirror_projection.hpp"
#include "lib/analysis/paper_potentials.hpp"
#include "lib/core/errors.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "tests/lib/analysis/section_8_4_data.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

TEST(SparsityMetrics, EffectiveSparsityCountsEqualMagnitudeEntries) {
  Vector beta = Vector::Zero(10);
  beta.head(3) << 2.0, -2.0, 2.0;
  EXPECT_DOUBLE_EQ(effective_sparsity(beta), 3.0);
  EXPECT_DOUBLE_EQ(effective_sparsity(Vector::Ones(7)), 7.0);
  EXPECT_DOUBLE_EQ(l1_norm(beta), 6.0);
  EXPECT_THROW(effective_sparsity(Vector::Zero(3)), InvalidArgument);
}

TEST(SparsityMetrics, SupportRecoveryCountsTruePositivesAtTheThreshold) {
  const Vector teacher = (Vector(6) << 1.0, -2.0, 0.0, 0.0, 0.5, 0.0).finished();
  const Vector beta = (Vector(6) << 0.9, -1e-3, 0.2, 1e-9, 0.4, 0.0).finished();
  const SupportRecovery recovery = support_recovery(beta, teacher, 1e-2);
  EXPECT_EQ(recovery.true_positives, 2);   // coordinates 0 and 4
  EXPECT_EQ(recovery.false_positives, 1);  // coordinate 2
  EXPECT_EQ(recovery.false_negatives, 1);  // coordinate 1
  EXPECT_DOUBLE_EQ(recovery.precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(recovery.recall, 2.0 / 3.0);
  EXPECT_THROW(support_recovery(beta, teacher, -1.0), InvalidArgument);
}

// For x ~ N(0, I) the held-out MSE estimates ‖β − β*‖² (noiseless labels): within 5 standard errors.
TEST(SparsityMetrics, TestMseEstimatesTheSquaredDistanceForIsotropicFeatures) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  const Vector beta = minimum_entropy_interpolator(setup.constraint, ppf_log_scale(Vector::Constant(100, 0.3))).beta;
  const double distance = squared_distance(beta, setup.data.teacher);
  const double mse = test_mean_squared_error(beta, setup.data.test.features, setup.data.test.targets);
  // ⟨x, β − β*⟩² has mean ‖β−β*‖² and variance 2‖β−β*‖⁴: SE = ‖β−β*‖²·√(2/m), m = 200.
  EXPECT_NEAR(mse, distance, 5.0 * distance * std::sqrt(2.0 / 200.0));
}

TEST(Gain, ShapeSeparatesSupportFromOffSupportAndCorrelatesWithMoments) {
  const Vector teacher = (Vector(5) << 1.0, 0.0, -1.0, 0.0, 0.0).finished();
  const Vector moments = (Vector(5) << 1.0, 2.0, 3.0, 4.0, 5.0).finished();
  const Vector log_initial = Vector::Constant(5, -2.0);
  const Vector log_final = log_initial - 0.1 * moments;  // SGD-like gain ∝ D
  const GainShape shape = gain_shape(gain(log_initial, log_final), teacher, moments);
  EXPECT_NEAR(shape.support_mean, 0.2, 1e-15);
  EXPECT_NEAR(shape.off_support_mean, 1.1 / 3.0, 1e-15);
  ASSERT_TRUE(shape.correlation_with_feature_moments.has_value());
  EXPECT_NEAR(*shape.correlation_with_feature_moments, 1.0, 1e-14);
  const GainShape flat = gain_shape(Vector::Ones(5), teacher, moments);
  EXPECT_FALSE(flat.correlation_with_feature_moments.has_value());
  EXPECT_DOUBLE_EQ(flat.support_ratio, 1.0);
  EXPECT_THROW(gain_shape(Vector::Ones(5), Vector::Zero(5), moments), InvalidArgument);
}

// §7: at an interpolator the non-zero eigenvalues of the network's loss Hessian (PPF, L = MSE/4)
// are those of (2/n) X diag(√(β²+κ²)) Xᵀ. The Hessian is assembled column by column from the
// problem's Hessian-vector products.
TEST(InterpolatorSharpness, EqualsTheLargestEigenvalueOfTheNetworkHessianAtAnInterpolator) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed(), 12, 30);
  const double alpha = 0.3;
  const Vector log_scale = ppf_log_scale(Vector::Constant(30, alpha));
  const Vector beta = minimum_entropy_interpolator(setup.constraint, log_scale).beta;
  // PPF state with β = u² − v², 2uv = κ: u² = (√(β²+κ²) + β)/2, v² = (√(β²+κ²) − β)/2.
  const Vector kappa = log_scale.array().exp().matrix();
  const Eigen::ArrayXd root = (beta.array().square() + kappa.array().square()).sqrt();
  Vector x(60);
  x.head(30) = ((root + beta.array()) / 2).sqrt().matrix();
  x.tail(30) = ((root - beta.array()) / 2).sqrt().matrix();
  const problems::DiagonalLinearNetwork network(setup.data.train, problems::DlnConvention::ppf(alpha));
  ASSERT_LT(network.mean_squared_error(x), 1e-20);
  Matrix hessian(60, 60);
  Vector column(60);
  for (Index k = 0; k < 60; ++k) {
    network.hessian_vector_product(x, Vector::Unit(60, k), column);
    hessian.col(k) = column;
  }
  const double largest = Eigen::SelfAdjointEigenSolver<Matrix>(hessian, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
  EXPECT_NEAR(interpolator_sharpness(setup.constraint.features(), beta, log_scale), largest, 1e-10 * largest);
}

}  // namespace
}  // namespace sgdbias
