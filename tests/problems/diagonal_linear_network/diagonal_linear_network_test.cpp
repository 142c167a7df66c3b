// DiagonalLinearNetwork: the problem contract for every convention, the β-space views, and the
// exact identities of dln.md §3 and §7 that other components rely on. Deterministic for a seed.
#include <cmath>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "problems/data/sparse_regression_data.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "tests/support/problem_contract.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::problems {
namespace {

Dataset small_data() {
  SparseRegressionOptions options;
  options.samples = 6;
  options.dimension = 4;
  options.sparsity = 2;
  return make_sparse_regression(options, testing::test_seed()).train;
}

std::vector<DlnConvention> all_conventions() {
  return {DlnConvention::ppf(0.3), DlnConvention::product_equivalent_to_ppf(0.3), DlnConvention::epgf(0.3),
          DlnConvention::slides_literal(0.3),
          DlnConvention::custom(DlnParametrisation::kSquareDifference, Vector::Constant(1, 0.5),
                                Vector::Constant(1, 0.2), 0.7)};
}

std::vector<Vector> contract_points(const DiagonalLinearNetwork& network) {
  RandomStream stream(testing::test_seed(), 1, Purpose::kTest);
  std::vector<Vector> points = {network.initial_state()};
  for (int k = 0; k < 2; ++k) {
    Vector x(network.dimension());
    stream.fill_standard_normal(x);
    points.push_back(0.7 * x);
  }
  return points;
}

TEST(DiagonalLinearNetwork, SatisfiesTheProblemContractInEveryConvention) {
  for (const DlnConvention& convention : all_conventions()) {
    SCOPED_TRACE(convention.name());
    const DiagonalLinearNetwork network(small_data(), convention);
    EXPECT_PROBLEM_CONTRACT_HOLDS(network, contract_points(network));
  }
}

TEST(DiagonalLinearNetwork, LossIsTheConventionScaleTimesTheMeanSquaredError) {
  SGDBIAS_TRACE_SEED();
  const Dataset data = small_data();
  for (const DlnConvention& convention : all_conventions()) {
    const DiagonalLinearNetwork network(data, convention);
    const Vector x = contract_points(network)[1];
    const Index d = network.num_features();
    const Vector beta = network.parametrisation() == DlnParametrisation::kProduct
                            ? Vector(x.head(d).cwiseProduct(x.tail(d)))
                            : Vector(x.head(d).cwiseAbs2() - x.tail(d).cwiseAbs2());
    EXPECT_TRUE(network.beta(x).isApprox(beta, 1e-15));
    const Vector residual = data.features * beta - data.targets;
    EXPECT_NEAR(network.mean_squared_error(x), residual.squaredNorm() / 6.0, 1e-13);
    EXPECT_NEAR(network.loss(x), convention.loss_scale() * residual.squaredNorm() / 6.0, 1e-13);
  }
}

TEST(DiagonalLinearNetwork, ScaleAndMirrorCoordinateReconstructBeta) {
  // β = κ ⊙ sinh ζ exactly (dln.md §3.1–§3.2), in both parametrisations.
  SGDBIAS_TRACE_SEED();
  for (const DlnConvention& convention : all_conventions()) {
    const DiagonalLinearNetwork network(small_data(), convention);
    const Vector x = contract_points(network)[2];
    const Index d = network.num_features();
    Vector kappa(d), log_kappa(d), zeta(d);
    network.scale(x, kappa);
    network.log_scale(x, log_kappa);
    network.mirror_coordinate(x, zeta);
    const Vector beta = network.beta(x);
    for (Index j = 0; j < d; ++j) {
      EXPECT_NEAR(kappa[j] * std::sinh(zeta[j]), beta[j], 1e-13 * (1 + std::abs(beta[j])));
      EXPECT_NEAR(std::exp(log_kappa[j]), kappa[j], 1e-15 * kappa[j]);
    }
  }
}

TEST(DiagonalLinearNetwork, InitialStateHasTheConventionScale) {
  for (const DlnConvention& convention : all_conventions()) {
    const DiagonalLinearNetwork network(small_data(), convention);
    Vector log_kappa(network.num_features());
    network.log_scale(network.initial_state(), log_kappa);
    EXPECT_TRUE(log_kappa.isApprox(network.log_initial_scale(), 1e-14)) << convention.name();
  }
}

TEST(DiagonalLinearNetwork, OneGradientStepMultipliesTheScaleByOneMinusStepSquaredTimesMultiplierSquared) {
  // dln.md §7: w± ← (1 ∓ γm)w±, hence κ ← |1 − γ²m²| κ, for full and label-noise minibatch steps.
  SGDBIAS_TRACE_SEED();
  const std::vector<Index> batch = {1, 4, 4};
  const std::vector<double> shifts = {2.0, -2.0, 0.5};
  for (const DlnConvention& convention : all_conventions()) {
    SCOPED_TRACE(convention.name());
    const DiagonalLinearNetwork network(small_data(), convention);
    const Index d = network.num_features();
    const Vector x = contract_points(network)[1];
    const double step_size = 0.3;
    Vector gradient(network.dimension()), multiplier(d), before(d), after(d);
    network.log_scale(x, before);
    network.batch_gradient(x, batch, shifts, gradient);
    network.batch_multiplier_gradient(x, batch, shifts, multiplier);
    network.log_scale(x - step_size * gradient, after);
    const Vector predicted =
        before.array() + (1.0 - step_size * step_size * multiplier.array().square()).abs().log();
    EXPECT_LE((after - predicted).cwiseAbs().maxCoeff(), 1e-13);

    network.gradient(x, gradient);
    network.multiplier_gradient(x, multiplier);
    network.log_scale(x - step_size * gradient, after);
    const Vector full = before.array() + (1.0 - step_size * step_size * multiplier.array().square()).abs().log();
    EXPECT_LE((after - full).cwiseAbs().maxCoeff(), 1e-13);
  }
}

TEST(DiagonalLinearNetwork, NamedConventionsShareTheConventionFreeMultiplier) {
  // For ppf / product conventions the multiplier is (1/n)Xᵀr = ∇_β(MSE/2) (dln.md §6.6, §7).
  SGDBIAS_TRACE_SEED();
  const Dataset data = small_data();
  for (const DlnConvention& convention : {DlnConvention::ppf(0.2), DlnConvention::epgf(0.2)}) {
    const DiagonalLinearNetwork network(data, convention);
    const Vector x = contract_points(network)[1];
    Vector multiplier(network.num_features());
    network.multiplier_gradient(x, multiplier);
    const Vector expected = data.features.transpose() * (data.features * network.beta(x) - data.targets) / 6.0;
    EXPECT_TRUE(multiplier.isApprox(expected, 1e-13)) << convention.name();
  }
}

TEST(DiagonalLinearNetwork, FeatureSecondMomentsAreTheDiagonalOfTheGramMatrix) {
  const Dataset data = small_data();
  const DiagonalLinearNetwork network(data, DlnConvention::ppf(0.1));
  const Vector expected = (data.features.transpose() * data.features).diagonal() / 6.0;
  EXPECT_TRUE(network.feature_second_moments().isApprox(expected, 1e-14));
}

TEST(DiagonalLinearNetwork, RejectsBadInputWithClearErrors) {
  const DiagonalLinearNetwork network(small_data(), DlnConvention::ppf(0.1));
  Vector gradient(network.dimension());
  EXPECT_THROW(network.gradient(Vector::Ones(5), gradient), InvalidArgument);
  EXPECT_THROW((void)network.loss(Vector::Ones(3)), InvalidArgument);
  Vector wrong(3);
  EXPECT_THROW(network.gradient(network.initial_state(), wrong), InvalidArgument);
  const std::vector<Index> outside = {0, 6};
  EXPECT_THROW(network.batch_gradient(network.initial_state(), outside, gradient), InvalidArgument);
  EXPECT_THROW(network.batch_gradient(network.initial_state(), std::vector<Index>{}, gradient), InvalidArgument);
  const std::vector<double> too_many_shifts = {1.0, 2.0, 3.0};
  const std::vector<Index> pair = {0, 1};
  EXPECT_THROW(network.batch_gradient(network.initial_state(), pair, too_many_shifts, gradient), InvalidArgument);

  Dataset with_nan = small_data();
  with_nan.features(2, 1) = std::nan("");
  EXPECT_THROW(DiagonalLinearNetwork(with_nan, DlnConvention::ppf(0.1)), InvalidArgument);
  Dataset label_nan = small_data();
  label_nan.targets[0] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(DiagonalLinearNetwork(label_nan, DlnConvention::ppf(0.1)), InvalidArgument);
  EXPECT_THROW(DiagonalLinearNetwork(Dataset{Matrix(0, 4), Vector(0)}, DlnConvention::ppf(0.1)), InvalidArgument);
  Dataset mismatch = small_data();
  mismatch.targets.resize(5);
  EXPECT_THROW(DiagonalLinearNetwork(mismatch, DlnConvention::ppf(0.1)), InvalidArgument);
  EXPECT_THROW(DiagonalLinearNetwork(small_data(), DlnConvention::ppf(Vector::Constant(3, 0.1))), InvalidArgument);
}

TEST(DiagonalLinearNetwork, ErrorMessagesSayWhereAndWhat) {
  const DiagonalLinearNetwork network(small_data(), DlnConvention::ppf(0.1));
  try {
    (void)network.loss(Vector::Ones(3));
    FAIL() << "expected InvalidArgument";
  } catch (const InvalidArgument& error) {
    EXPECT_NE(std::string(error.what()).find("DiagonalLinearNetwork::"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("expected 2d = 8"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace sgdbias::problems
