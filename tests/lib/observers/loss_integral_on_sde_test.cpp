// LossIntegral (lib/observers/loss_integral.hpp) on sde::integrate paths: for Euler–Maruyama on the
// Ornstein–Uhlenbeck process (problems/reference_sdes, TP-08a) the moments of X_k are known exactly
// for every h, so E[Σ_{k<K} h X_k²] = h Σ_{k<K} (m_k² + v_k); the mean over paths must fall in its
// 4.5σ confidence interval (standard error from the same sample). Seeded, bit-identical reruns.
#include <cmath>
#include <cstdint>
#include <cstdio>

#include <gtest/gtest.h>

#include "lib/core/time_grid.hpp"
#include "lib/observers/loss_integral.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/reference_sdes/ornstein_uhlenbeck.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "tests/lib/observers/square_problem.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

TEST(LossIntegralOnSde, MeanOverOrnsteinUhlenbeckPathsIsTheExactEulerMaruyamaExpectation) {
  SGDBIAS_TRACE_SEED();
  const problems::OrnsteinUhlenbeck ou;
  const testing::Square square;
  const TimeGrid grid{0.0, 1.0, 16};
  const double h = grid.time_step();
  double expected = 0.0;
  for (Index k = 0; k < grid.steps; ++k) {
    const double mean = ou.euler_maruyama_mean(h, k);
    expected += h * (mean * mean + ou.euler_maruyama_variance(h, k));
  }
  constexpr int kPaths = 20000;
  sde::EulerMaruyama integrator(1, 1);
  double sum = 0.0, sum_of_squares = 0.0;
  for (int path = 0; path < kPaths; ++path) {
    sde::BrownianIncrements brownian(1, RandomStream(testing::test_seed(), static_cast<std::uint64_t>(path),
                                                     Purpose::kBrownian));
    Vector x = ou.initial_state();
    LossIntegral integral(square);
    sde::integrate(integrator, ou, x, grid, brownian, integral);
    ASSERT_NEAR(integral.time(), grid.end, 1e-12);
    sum += integral.value();
    sum_of_squares += integral.value() * integral.value();
  }
  const double mean = sum / kPaths;
  const double standard_error = std::sqrt((sum_of_squares / kPaths - mean * mean) / (kPaths - 1));
  std::printf("OU, EM h = 1/16: mean of h sum X_k^2 = %.5f +- %.5f, exact %.5f\n", mean, standard_error, expected);
  EXPECT_NEAR(mean, expected, 4.5 * standard_error);
  // The interval is informative: far narrower than the gap to the deterministic path's sum (σ = 0).
  EXPECT_LT(4.5 * standard_error, 0.05 * expected);
}

}  // namespace
}  // namespace sgdbias
