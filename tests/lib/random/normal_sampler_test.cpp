// Statistical tests of the ziggurat normal sampler (lib/random/normal_sampler.hpp).
// Deterministic for a given SGDBIAS_TEST_SEED; tolerances are z-scores of the sampling error
// (z = 5: a correct sampler fails with probability < 1e-6 per check).
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "lib/random/random_stream.hpp"
#include "tests/support/statistics.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using testing::test_seed;

std::vector<double> draw_normals(std::size_t count, std::uint64_t trajectory) {
  RandomStream stream(test_seed(), trajectory, Purpose::kTest);
  std::vector<double> values(count);
  for (double& v : values) v = stream.standard_normal();
  return values;
}

TEST(ZigguratTables, LayersCloseAtTheTopOfTheCurve) {
  // The equal-area recursion must end at x = 0 (f = 1): the last layer's area v is exactly the
  // area x[255]·(1 − f(x[255])) left under the top. A wrong (r, v) pair breaks this.
  const auto& t = detail::kZigguratTables;
  const double top_area = t.x[255] * (1.0 - t.f[255]);
  EXPECT_NEAR(top_area, detail::ZigguratTables::kLayerArea, 1e-9);
  for (int i = 1; i < 256; ++i) EXPECT_LT(t.x[i + 1], t.x[i]) << "layer " << i;
}

TEST(NormalSampler, MomentsMatchStandardNormal) {
  SGDBIAS_TRACE_SEED();
  constexpr std::size_t kCount = 2'000'000;
  const auto moments = testing::sample_moments(draw_normals(kCount, 1));
  const double n = static_cast<double>(kCount);
  // Standard errors of the sample moments of N(0,1): 1/√N, √(2/N), √(6/N), √(24/N).
  EXPECT_NEAR(moments.mean, 0.0, 5.0 / std::sqrt(n));
  EXPECT_NEAR(moments.variance, 1.0, 5.0 * std::sqrt(2.0 / n));
  EXPECT_NEAR(moments.skewness, 0.0, 5.0 * std::sqrt(6.0 / n));
  EXPECT_NEAR(moments.excess_kurtosis, 0.0, 5.0 * std::sqrt(24.0 / n));
}

TEST(NormalSampler, KolmogorovSmirnovAgainstPhiAtOneMillionDraws) {
  SGDBIAS_TRACE_SEED();
  auto values = draw_normals(1'000'000, 2);
  const double statistic = testing::kolmogorov_smirnov_statistic(values, testing::normal_cdf);
  EXPECT_LT(statistic, testing::kolmogorov_smirnov_critical_value(1e-4, values.size()));
}

TEST(NormalSampler, TailFrequenciesBeyondFourSigmaAndTheZigguratTail) {
  SGDBIAS_TRACE_SEED();
  constexpr std::size_t kCount = 20'000'000;
  RandomStream stream(test_seed(), 3, Purpose::kTest);
  double beyond_four = 0, beyond_tail_start = 0, positive_beyond_four = 0;
  for (std::size_t i = 0; i < kCount; ++i) {
    const double z = stream.standard_normal();
    beyond_four += std::abs(z) > 4.0;
    positive_beyond_four += z > 4.0;
    beyond_tail_start += std::abs(z) > detail::ZigguratTables::kTailStart;
  }
  const double n = static_cast<double>(kCount);
  const double p4 = std::erfc(4.0 / std::sqrt(2.0));  // P(|Z| > 4) = 6.334e-5
  const double pr = std::erfc(detail::ZigguratTables::kTailStart / std::sqrt(2.0));
  EXPECT_NEAR(beyond_four, n * p4, testing::binomial_tolerance(n, p4, 5.0));
  EXPECT_NEAR(positive_beyond_four, n * p4 / 2, testing::binomial_tolerance(n, p4 / 2, 5.0));
  EXPECT_NEAR(beyond_tail_start, n * pr, testing::binomial_tolerance(n, pr, 5.0));
}

TEST(NormalSampler, WedgeRegionsHaveTheRightMass) {
  // Mass in [x[i+1], x[i]) for a few layers that need the wedge test, against Φ.
  SGDBIAS_TRACE_SEED();
  constexpr std::size_t kCount = 4'000'000;
  const auto values = draw_normals(kCount, 4);
  const auto& t = detail::kZigguratTables;
  for (int layer : {1, 2, 10, 100, 200, 254}) {
    const double lo = t.x[layer + 1], hi = t.x[layer];
    double count = 0;
    for (double z : values) count += std::abs(z) >= lo && std::abs(z) < hi;
    const double p = 2.0 * (testing::normal_cdf(hi) - testing::normal_cdf(lo));
    const double n = static_cast<double>(kCount);
    EXPECT_NEAR(count, n * p, testing::binomial_tolerance(n, p, 5.0)) << "layer " << layer;
  }
}

}  // namespace
}  // namespace sgdbias
