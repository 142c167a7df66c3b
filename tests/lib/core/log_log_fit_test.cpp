// The one log-log slope fit (lib/core/log_log_fit.hpp): exact power laws, residual spread, bad input.
#include "lib/core/log_log_fit.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"

namespace sgdbias {
namespace {

TEST(FitLogLogSlope, RecoversAnExactPowerLawWithZeroStandardError) {
  const std::vector<double> h = {0.1, 0.05, 0.025, 0.0125};
  std::vector<double> e;
  for (double x : h) e.push_back(3.0 * std::pow(x, 2.5));
  const SlopeFit fit = fit_log_log_slope(h, e);
  EXPECT_NEAR(fit.slope, 2.5, 1e-12);
  EXPECT_NEAR(fit.intercept, std::log(3.0), 1e-11);
  EXPECT_LE(fit.standard_error, 1e-12);
  e[1] *= 1.1;
  EXPECT_GT(fit_log_log_slope(h, e).standard_error, 1e-3);
}

TEST(FitLogLogSlope, RejectsNonPositiveOrMismatchedInput) {
  EXPECT_THROW(fit_log_log_slope(std::vector<double>{0.1, 0.05}, std::vector<double>{1.0, 0.0}), InvalidArgument);
  EXPECT_THROW(fit_log_log_slope(std::vector<double>{0.1}, std::vector<double>{1.0}), InvalidArgument);
  EXPECT_THROW(fit_log_log_slope(std::vector<double>{0.1, 0.1}, std::vector<double>{1.0, 2.0}), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
