// dln.md §9 check 9 (§6.3): along ONE SGF path, ln κ_T = ln κ₀ − γ D ∫₀^T MSE dt (convention-free
// bookkeeping, ∫ as the left Riemann sum of the same path). The log-Euler stepper (EM on the log
// light-cone form) keeps it to round-off; Euler–Maruyama in x = [u; v] only up to an error that
// shrinks like √h. Deterministic for a seed (bit-identical reruns).
#include <array>
#include <cmath>
#include <span>
#include <cstdio>

#include <gtest/gtest.h>

#include "lib/observers/loss_integral.hpp"

#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "sde/exact_covariance_sgf.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/isotropic_noise_sdes.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/log_light_cone_sgf.hpp"
#include "tests/problems/diagonal_linear_network/stochastic_gradient_flow/sgf_test_problem.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::sde {
namespace {

constexpr double kStepSize = 0.05;  // γ
constexpr double kHorizon = 5.0;    // T (the identity is pathwise at every T)

// Left-Riemann ∫ MSE dt of the observed path: `mse(state)` at every grid time except the last.

TEST(SgfPathwiseEffectiveScale, LogEulerKeepsTheKappaIdentityToRoundOff) {
  SGDBIAS_TRACE_SEED();
  const auto network = testing::sgf_test_network(testing::test_seed());
  const LogLightConeSgf<problems::DiagonalLinearNetwork> sgf(network, {.step_size = kStepSize});
  EulerMaruyama log_euler(sgf.state_dimension(), sgf.noise_dimension());
  BrownianIncrements brownian(sgf.noise_dimension(), RandomStream(testing::test_seed(), 0, Purpose::kBrownian));
  Vector y(sgf.state_dimension()), x(sgf.state_dimension());
  sgf.from_parameters(network.initial_state(), y);
  const TimeGrid grid{0.0, kHorizon, static_cast<Index>(std::lround(kHorizon / (kStepSize / 100.0)))};
  RiemannSum mse_integral([&](const ConstVectorRef& state) {
    sgf.to_parameters(state, x);
    return network.mean_squared_error(x);
  });
  integrate(log_euler, sgf, y, grid, brownian, mse_integral);
  const double integral = mse_integral.value();
  Vector log_scale(network.num_features());
  sgf.log_scale(y, log_scale);
  const Vector predicted = network.log_initial_scale() - kStepSize * integral * network.feature_second_moments();
  std::printf("[check 9] log-Euler max_j |ln kappa_T - formula| = %.2e (integral of MSE %.3f)\n",
              (log_scale - predicted).cwiseAbs().maxCoeff(), integral);
  EXPECT_GT(integral, 1e-2);  // the path did shrink κ (no vacuous pass)
  EXPECT_LE((log_scale - predicted).cwiseAbs().maxCoeff(), 1e-10);
}

// max_j |ln κ_T − ln κ_formula| of an EM run in x = [u; v] with time step h, mean over paths.
double euler_maruyama_scale_error(const problems::DiagonalLinearNetwork& network, double time_step) {
  const DiagonalNetworkSgf<problems::DiagonalLinearNetwork> sgf(network, {.step_size = kStepSize});
  EulerMaruyama euler(sgf.state_dimension(), sgf.noise_dimension());
  const TimeGrid grid{0.0, kHorizon, static_cast<Index>(std::lround(kHorizon / time_step))};
  double total = 0.0;
  constexpr int kPaths = 4;
  for (int path = 0; path < kPaths; ++path) {
    BrownianIncrements brownian(sgf.noise_dimension(),
                                RandomStream(testing::test_seed(), static_cast<std::uint64_t>(path), Purpose::kBrownian));
    Vector x = network.initial_state();
    RiemannSum mse_integral([&](const ConstVectorRef& state) { return network.mean_squared_error(state); });
    integrate(euler, sgf, x, grid, brownian, mse_integral);
    const double integral = mse_integral.value();
    Vector log_scale(network.num_features());
    network.log_scale(x, log_scale);
    const Vector predicted = network.log_initial_scale() - kStepSize * integral * network.feature_second_moments();
    total += (log_scale - predicted).cwiseAbs().maxCoeff() / kPaths;
  }
  return total;
}

TEST(SgfPathwiseEffectiveScale, EulerMaruyamaErrorIsSmallAndShrinksLikeSquareRootOfTimeStep) {
  SGDBIAS_TRACE_SEED();
  const auto network = testing::sgf_test_network(testing::test_seed());
  const double coarse = euler_maruyama_scale_error(network, kStepSize / 25.0);
  const double fine = euler_maruyama_scale_error(network, kStepSize / 100.0);
  std::printf("[check 9] EM error h = gamma/25: %.2e, h = gamma/100: %.2e\n", coarse, fine);
  EXPECT_LE(fine, 3e-2);  // dln.md §9 check 9 at γ = 0.05, h = γ/100
  // √h: quartering h halves the error (ratio 2; a first-order error would give 4).
  EXPECT_NEAR(coarse / fine, 2.0, 0.6) << "coarse " << coarse << ", fine " << fine;
}

using Network = problems::DiagonalLinearNetwork;
static_assert(StochasticDifferentialEquation<DiagonalNetworkSgf<Network>>);
static_assert(StochasticDifferentialEquation<LogLightConeSgf<Network>>);
static_assert(StochasticDifferentialEquation<ExactCovarianceSgf<Network>>);
static_assert(StochasticDifferentialEquation<WrongSgf<Network>>);
static_assert(StochasticDifferentialEquation<OverdampedLangevin<Network>>);
// The SGF's noise is state-dependent and non-commutative: only the general-noise schemes apply.
static_assert(IntegratorFor<EulerMaruyama, DiagonalNetworkSgf<Network>>);

TEST(StochasticGradientFlowNoise, ExactCovarianceFactorReproducesSgdGradientCovariance) {
  // G Gᵀ must equal (γ/b_eff)·Cov_i(∇ℓ_i) exactly: check G(Gᵀ-free) through unit vectors.
  const auto network = testing::sgf_test_network(testing::test_seed());
  const ExactCovarianceSgf<Network> sgf(network, {.step_size = 0.05});
  const Vector x = network.initial_state() + 0.01 * Vector::Ones(network.dimension());
  const Index n = network.num_samples();
  Matrix factor(sgf.state_dimension(), n);
  Vector unit = Vector::Zero(n), column(sgf.state_dimension());
  for (Index i = 0; i < n; ++i) {
    unit[i] = 1.0;
    sgf.apply(0.0, x, unit, column);
    factor.col(i) = column;
    unit[i] = 0.0;
  }
  Matrix gradients(sgf.state_dimension(), n);
  Vector full(sgf.state_dimension());
  network.gradient(x, full);
  for (Index i = 0; i < n; ++i) {
    const std::array<Index, 1> sample{i};
    network.batch_gradient(x, std::span<const Index>(sample), column);
    gradients.col(i) = column - full;
  }
  const Matrix expected = 0.05 * gradients * gradients.transpose() / static_cast<double>(n);
  const Matrix actual = factor * factor.transpose();
  EXPECT_LE((actual - expected).norm(), 1e-12 * expected.norm());
}

TEST(StochasticGradientFlowNoise, MinibatchFactorsFollowSamplingScheme) {
  const SgfOptions with{.step_size = 0.1, .batch_size = 4, .sampling = BatchSampling::kWithReplacement};
  const SgfOptions without{.step_size = 0.1, .batch_size = 4, .sampling = BatchSampling::kWithoutReplacement};
  EXPECT_DOUBLE_EQ(with.covariance_factor(40), 0.25);
  EXPECT_DOUBLE_EQ(without.covariance_factor(40), 36.0 / (4.0 * 39.0));
  const SgfOptions full_batch{.batch_size = 40, .sampling = BatchSampling::kWithoutReplacement};
  EXPECT_DOUBLE_EQ(full_batch.covariance_factor(40), 0.0);
  EXPECT_THROW(SgfOptions{.batch_size = 41}.validate(40), InvalidArgument);
  EXPECT_THROW(SgfOptions{.step_size = -1.0}.validate(40), InvalidArgument);
}

TEST(StochasticGradientFlowNoise, LabelNoiseAddsFourDeltaSquaredToTheMeanSquaredError) {
  // dln.md §6.4/§6.6: σ² ∝ MSE + 4δ_t², and δ_t switches off after the schedule's duration.
  const auto network = testing::sgf_test_network(testing::test_seed());
  const DiagonalNetworkSgf<Network> plain(network, {.step_size = 0.02});
  const DiagonalNetworkSgf<Network> noisy(network, {.step_size = 0.02, .label_noise = 1.0, .label_noise_duration = 20.0});
  const Vector x = network.initial_state();
  const double mse = network.mean_squared_error(x);
  const double ratio = std::pow(noisy.noise_scale(0.0, x) / plain.noise_scale(0.0, x), 2);
  EXPECT_NEAR(ratio, (mse + 4.0) / mse, 1e-12 * ratio);
  EXPECT_DOUBLE_EQ(noisy.noise_scale(20.0, x), plain.noise_scale(20.0, x));
}

}  // namespace
}  // namespace sgdbias::sde
