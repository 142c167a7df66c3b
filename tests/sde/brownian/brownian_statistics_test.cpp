// The law of the Brownian layer (sde.md §2.0, §3.2 item 9): ΔW ~ N(0, h), Var I_(1,0) = h³/3,
// Cov(I_(1,0), ΔW) = h²/2, increments of different steps uncorrelated, standardised ΔW passes a
// Kolmogorov–Smirnov test, and the same holds for the COARSE levels of a DyadicBrownianPath
// (which tests the composition rule I10_c = I10_a + I10_b + ΔW_a·h_b in law, not only as an
// identity). Every moment check is a 4.5σ confidence interval with the standard error estimated
// from the same sample (two-sided false-alarm rate ≈ 7e-6 per check). Deterministic for a seed.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lib/random/random_stream.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/brownian/dyadic_brownian_path.hpp"
#include "tests/support/statistics.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::sde {
namespace {

constexpr double kSigmas = 4.5;

// Mean of products a_i·b_i with its standard error (the exact means of a, b are 0, so this is the
// covariance estimator whose variance is Var(ab)/N).
struct ProductMoment {
  double value = 0.0;
  double standard_error = 0.0;
};
ProductMoment product_moment(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  double sum = 0.0, sum_squares = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double product = a[i] * b[i];
    sum += product;
    sum_squares += product * product;
  }
  const double mean = sum / n;
  return {mean, std::sqrt((sum_squares / n - mean * mean) / n)};
}

void expect_moment(const std::string& what, const ProductMoment& moment, double expected) {
  std::printf("[brownian] %-34s %.6e ± %.1e (exact %.6e)\n", what.c_str(), moment.value,
              moment.standard_error, expected);
  EXPECT_NEAR(moment.value, expected, kSigmas * moment.standard_error) << what;
  if (expected != 0.0) {
    EXPECT_LT(moment.standard_error, 0.01 * std::abs(expected)) << what << ": too few samples to mean anything";
  }
}

struct Samples {
  std::vector<double> dw, time_integral, next_dw, ones;
};

void expect_brownian_law(const std::string& source, const Samples& samples, double h) {
  expect_moment(source + " E dW", product_moment(samples.dw, samples.ones), 0.0);
  expect_moment(source + " Var dW = h", product_moment(samples.dw, samples.dw), h);
  expect_moment(source + " Var I10 = h^3/3", product_moment(samples.time_integral, samples.time_integral),
                h * h * h / 3.0);
  expect_moment(source + " Cov(I10, dW) = h^2/2", product_moment(samples.time_integral, samples.dw), h * h / 2.0);
  const ProductMoment lag = product_moment(samples.dw, samples.next_dw);
  EXPECT_NEAR(lag.value, 0.0, kSigmas * lag.standard_error) << source << ": consecutive increments correlated";
  std::vector<double> standardised;
  for (double value : samples.dw) standardised.push_back(value / std::sqrt(h));
  const double statistic = testing::kolmogorov_smirnov_statistic(standardised, testing::normal_cdf);
  EXPECT_LT(statistic, testing::kolmogorov_smirnov_critical_value(1e-5, standardised.size())) << source;
}

TEST(BrownianLaw, StreamingIncrementsHaveTheExactMomentsOfDwAndI10) {
  SGDBIAS_TRACE_SEED();
  constexpr Index kNoise = 4, kSteps = 50'000;
  constexpr double kTimeStep = 0.3;
  BrownianIncrements brownian(kNoise, RandomStream(testing::test_seed(), 0, Purpose::kBrownian), TimeIntegrals::kOn);
  Samples samples;
  Vector previous(kNoise);
  for (Index k = 0; k < kSteps; ++k) {
    const BrownianIncrement increment = brownian.increment(k, kTimeStep);
    for (Index j = 0; j < kNoise; ++j) {
      samples.dw.push_back(increment.dw[j]);
      samples.time_integral.push_back(increment.time_integral[j]);
      samples.ones.push_back(1.0);
      samples.next_dw.push_back(k == 0 ? 0.0 : previous[j]);  // pairs (ΔW_k, ΔW_{k−1})
    }
    previous = increment.dw;
  }
  expect_brownian_law("streaming h = 0.3", samples, kTimeStep);
}

TEST(BrownianLaw, CoarseLevelsOfTheDyadicPathHaveTheExactMomentsOfTheirStepSize) {
  SGDBIAS_TRACE_SEED();
  constexpr Index kNoise = 2;
  constexpr double kDuration = 2.0;
  constexpr int kFinest = 6;
  constexpr std::uint64_t kPaths = 20'000;
  DyadicBrownianPath path(kNoise, kDuration, kFinest);
  for (int level : {0, 2}) {
    Samples samples;
    for (std::uint64_t p = 0; p < kPaths; ++p) {
      RandomStream stream(testing::test_seed(), p, Purpose::kBrownian);
      path.sample(stream);
      const Matrix& dw = path.increments(level);
      const Matrix& integral = path.time_integrals(level);
      for (Index k = 0; k < dw.cols(); ++k) {
        for (Index j = 0; j < kNoise; ++j) {
          samples.dw.push_back(dw(j, k));
          samples.time_integral.push_back(integral(j, k));
          samples.ones.push_back(1.0);
          samples.next_dw.push_back(k + 1 < dw.cols() ? dw(j, k + 1) : dw(1 - j, k));  // other step or component
        }
      }
    }
    expect_brownian_law("dyadic level " + std::to_string(level), samples, kDuration / std::ldexp(1.0, level));
  }
}

}  // namespace
}  // namespace sgdbias::sde
