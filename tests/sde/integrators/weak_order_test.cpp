// Weak order of Euler–Maruyama and the exact moments of the Ornstein–Uhlenbeck process
// (sde.md §2.2 TP-01, TP-03a, TP-08a; §3.2 item 7). Deterministic for a seed.
//
// Weak order: the harness's PAIRED estimator e_k = |mean_p[φ(X_{h_k}) − φ(X_exact(W_T))]| on one
// dyadic path per trajectory (a control variate with known mean: φ(X_exact) has the exact
// expectation, so only the O(h)-variance difference is averaged). The jackknife standard error
// of the fitted slope must be < 0.05, and the slope within 0.15 of the declared weak order 1; the
// exact EM bias on TP-01, x0(e^a − (1 + ah)^{1/h}), has slope 0.97 over these levels.
//
// OU moments: sample mean and variance at T = 1 against closed forms, each a 4.5σ confidence
// interval with the standard error estimated from the same sample.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "problems/reference_sdes/diagonal_noise_sdes.hpp"
#include "problems/reference_sdes/geometric_brownian_motion.hpp"
#include "problems/reference_sdes/ornstein_uhlenbeck.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/convergence.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "sde/integrators/sra1.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::sde {
namespace {

constexpr double kSigmas = 4.5;

template <class Sde, class Observable>
void expect_euler_maruyama_weak_order_one(const Sde& sde, Observable&& observable) {
  const ConvergenceStudyOptions study{.coarsest_level = 3, .finest_level = 8, .path_level = 8,
                                      .trajectories = 40'000, .batches = 20, .seed = testing::test_seed(),
                                      .path_time_integrals = TimeIntegrals::kOff};
  const OrderEstimate fit = estimate_weak_order<EulerMaruyama>(sde, sde.initial_state(), study,
                                                               exact_solution_reference(sde, 1.0), observable);
  const double declared = EulerMaruyama::order(Sde::kNoiseStructure).weak;
  std::printf("[weak order] euler_maruyama %-24s slope %.3f ± %.3f (declared %.0f), e = %.2e ... %.2e\n",
              std::string(Sde::kName).c_str(), fit.slope, fit.standard_error, declared, fit.errors.front(),
              fit.errors.back());
  EXPECT_NEAR(fit.slope, declared, 0.15);
  EXPECT_LT(fit.standard_error, 0.05);
}

TEST(EulerMaruyamaWeakOrder, IsOneOnGeometricBrownianMotionWhereStrongOrderIsOneHalf) {
  SGDBIAS_TRACE_SEED();
  expect_euler_maruyama_weak_order_one(problems::ItoGeometricBrownianMotion(),
                                       [](const Vector& x) { return x[0]; });
}

TEST(EulerMaruyamaWeakOrder, IsOneForTheProductObservableOnDiagonalNoise) {
  SGDBIAS_TRACE_SEED();
  expect_euler_maruyama_weak_order_one(problems::DiagonalGeometricBrownianMotion(),
                                       [](const Vector& x) { return x[0] * x[1]; });
}

TEST(UnpairedWeakOrder, EulerMaruyamaOnOrnsteinUhlenbeckHasItsExactSignedErrorsAndOrderOne) {
  // No per-path reference: independent paths per level against E X_T² = 1.350341478 (TP-08a).
  // EM's own second moment is known in closed form for every h, so each signed error must equal
  // the exact EM bias within 4.5 of its own standard error (the estimator is unbiased and its SE
  // honest), the finest SE must be < bias/8, and the fitted slope 1 within max(0.1, 4 SE). Over h = 2^-2…2^-5
  // the exact EM bias has slope 1.003.
  SGDBIAS_TRACE_SEED();
  const problems::OrnsteinUhlenbeck ou;
  const double exact = ou.variance(1.0) + ou.mean(1.0) * ou.mean(1.0);
  const ConvergenceStudyOptions study{.coarsest_level = 2, .finest_level = 5, .path_level = 5,
                                      .trajectories = 300'000, .batches = 20, .seed = testing::test_seed()};
  const OrderEstimate fit = estimate_weak_order_unpaired<EulerMaruyama>(
      ou, ou.initial_state(), study, [](const Vector& x) { return x[0] * x[0]; }, exact);
  ASSERT_EQ(fit.signed_errors.size(), 4u);
  ASSERT_EQ(fit.error_standard_errors.size(), 4u);
  for (std::size_t k = 0; k < fit.time_steps.size(); ++k) {
    const double h = fit.time_steps[k];
    const Index steps = static_cast<Index>(std::lround(1.0 / h));
    const double mean = ou.euler_maruyama_mean(h, steps);
    const double bias = ou.euler_maruyama_variance(h, steps) + mean * mean - exact;
    std::printf("[unpaired weak] EM OU x^2  h = 2^-%d  error %+.5f ± %.5f (exact EM bias %+.5f)\n",
                study.coarsest_level + static_cast<int>(k), fit.signed_errors[k], fit.error_standard_errors[k], bias);
    EXPECT_NEAR(fit.signed_errors[k], bias, kSigmas * fit.error_standard_errors[k]) << "h = " << h;
    EXPECT_LT(fit.signed_errors[k], 0.0);  // EM underestimates E X² here at every level
  }
  EXPECT_LT(fit.error_standard_errors.back(), std::abs(fit.signed_errors.back()) / 8.0);
  std::printf("[unpaired weak] EM OU x^2 slope %.3f ± %.3f (declared 1)\n", fit.slope, fit.standard_error);
  EXPECT_NEAR(fit.slope, EulerMaruyama::order(problems::OrnsteinUhlenbeck::kNoiseStructure).weak,
              std::max(0.1, 4.0 * fit.standard_error));
  EXPECT_LT(fit.standard_error, 0.1);
}

TEST(UnpairedWeakOrder, RerunsAreBitIdenticalAndTooFewLevelsAreRefused) {
  const problems::OrnsteinUhlenbeck ou;
  const ConvergenceStudyOptions study{.coarsest_level = 2, .finest_level = 4, .path_level = 4,
                                      .trajectories = 40, .batches = 4, .seed = 5};
  const auto square = [](const Vector& x) { return x[0] * x[0]; };
  const OrderEstimate first = estimate_weak_order_unpaired<EulerMaruyama>(ou, ou.initial_state(), study, square, 1.0);
  const OrderEstimate again = estimate_weak_order_unpaired<EulerMaruyama>(ou, ou.initial_state(), study, square, 1.0);
  EXPECT_EQ(first.signed_errors, again.signed_errors);
  EXPECT_EQ(first.error_standard_errors, again.error_standard_errors);
  EXPECT_THROW(estimate_weak_order_unpaired<EulerMaruyama>(ou, ou.initial_state(),
                                                           ConvergenceStudyOptions{.coarsest_level = 3, .finest_level = 4},
                                                           square, 1.0),
               InvalidArgument);  // fewer than 3 levels
}

struct MomentsAtFinalTime {
  double mean = 0.0, mean_error = 0.0;          // sample mean and its standard error
  double variance = 0.0, variance_error = 0.0;  // sample variance and its standard error
};

// X_T over `trajectories` independent paths (stream per trajectory) with `steps` steps on [0, 1].
template <class Integrator>
MomentsAtFinalTime ornstein_uhlenbeck_moments(const problems::OrnsteinUhlenbeck& sde, Index steps,
                                              std::uint64_t trajectories) {
  Integrator integrator(1, 1);
  double sum = 0.0, sum2 = 0.0, sum3 = 0.0, sum4 = 0.0;
  const double shift = sde.mean(1.0);  // centring for a stable variance and fourth moment
  for (std::uint64_t p = 0; p < trajectories; ++p) {
    BrownianIncrements brownian(1, RandomStream(testing::test_seed(), p, Purpose::kBrownian),
                                Integrator::kUsesTimeIntegral ? TimeIntegrals::kOn : TimeIntegrals::kOff);
    Vector x = sde.initial_state();
    integrate(integrator, sde, x, TimeGrid{0.0, 1.0, steps}, brownian);
    const double y = x[0] - shift;
    sum += y;
    sum2 += y * y;
    sum3 += y * y * y;
    sum4 += y * y * y * y;
  }
  const double n = static_cast<double>(trajectories);
  const double mean = sum / n;
  const double variance = sum2 / n - mean * mean;
  const double fourth = sum4 / n - 4.0 * mean * sum3 / n + 6.0 * mean * mean * sum2 / n - 3.0 * std::pow(mean, 4);
  return {mean + shift, std::sqrt(variance / n), variance * n / (n - 1.0),
          std::sqrt((fourth - variance * variance) / n)};
}

void expect_moments(const char* what, const MomentsAtFinalTime& sample, double mean, double variance) {
  std::printf("[OU moments] %-30s mean %.6f ± %.1e (exact %.6f), variance %.6f ± %.1e (exact %.6f)\n", what,
              sample.mean, sample.mean_error, mean, sample.variance, sample.variance_error, variance);
  EXPECT_NEAR(sample.mean, mean, kSigmas * sample.mean_error) << what;
  EXPECT_NEAR(sample.variance, variance, kSigmas * sample.variance_error) << what;
}

TEST(OrnsteinUhlenbeckMoments, Sra1ReproducesTheExactMeanAndVariance) {
  // SRA1's weak error (order 2) at h = 2^-7 is ~1e-5, below the 4.5σ half-widths (~3e-3, 1e-3).
  SGDBIAS_TRACE_SEED();
  const problems::OrnsteinUhlenbeck ou;
  const MomentsAtFinalTime sample = ornstein_uhlenbeck_moments<Sra1>(ou, 128, 100'000);
  expect_moments("SRA1, h = 2^-7", sample, ou.mean(1.0), ou.variance(1.0));
}

TEST(OrnsteinUhlenbeckMoments, EulerMaruyamaHasExactlyItsDiscreteMomentsAndTheyConvergeToTheOnesOfTheSde) {
  // EM's moments are known in closed form for every h (r = 1 − θh): at h = 1/8 they are far from
  // the SDE's (mean bias 0.035 ≈ 40σ) and the sample must match THEM; as h → 0 they converge to
  // the SDE's at rate h (weak order 1, exactly).
  SGDBIAS_TRACE_SEED();
  const problems::OrnsteinUhlenbeck ou;
  const MomentsAtFinalTime sample = ornstein_uhlenbeck_moments<EulerMaruyama>(ou, 8, 100'000);
  expect_moments("Euler-Maruyama, h = 1/8", sample, ou.euler_maruyama_mean(0.125, 8),
                 ou.euler_maruyama_variance(0.125, 8));
  EXPECT_GT(std::abs(ou.euler_maruyama_mean(0.125, 8) - ou.mean(1.0)), 5.0 * kSigmas * sample.mean_error);
  EXPECT_GT(std::abs(ou.euler_maruyama_variance(0.125, 8) - ou.variance(1.0)), kSigmas * sample.variance_error);
  for (Index steps = 1024; steps <= 8192; steps *= 2) {
    const double h = 1.0 / static_cast<double>(steps);
    const double mean_bias = ou.euler_maruyama_mean(h, steps) - ou.mean(1.0);
    const double half_step_bias = ou.euler_maruyama_mean(0.5 * h, 2 * steps) - ou.mean(1.0);
    EXPECT_NEAR(mean_bias / half_step_bias, 2.0, 0.01) << "h = " << h;
  }
}

}  // namespace
}  // namespace sgdbias::sde
