// QuantileSketch: exact below capacity, within its proven rank-error bound above it, and
// deterministic. Draws come from RandomStream(test_seed(), ...): bit-identical for a seed.
#include "lib/monte_carlo/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "lib/random/random_stream.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

std::vector<double> normal_values(std::size_t count, std::uint64_t trajectory) {
  RandomStream stream(testing::test_seed(), trajectory, Purpose::kTest);
  std::vector<double> values(count);
  for (double& value : values) value = stream.standard_normal();
  return values;
}

// Type-1 inverse empirical CDF of sorted values.
double exact_quantile(const std::vector<double>& sorted, double q) {
  const double target = std::max(1.0, std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[static_cast<std::size_t>(target) - 1];
}

TEST(QuantileSketch, IsExactWhileCountStaysWithinCapacity) {
  SGDBIAS_TRACE_SEED();
  std::vector<double> values = normal_values(1000, 1);
  QuantileSketch first(1024), second(1024);
  for (std::size_t i = 0; i < values.size(); ++i) (i < 300 ? first : second).add(values[i]);
  first.merge(second);
  std::sort(values.begin(), values.end());
  ASSERT_TRUE(first.is_exact());
  for (double q : {0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0}) {
    EXPECT_EQ(first.quantile(q), exact_quantile(values, q)) << "q = " << q;
  }
}

TEST(QuantileSketch, RankErrorStaysWithinTheCompactorBoundAfterMerges) {
  SGDBIAS_TRACE_SEED();
  std::vector<double> values = normal_values(100000, 2);
  QuantileSketch merged(256);
  for (std::size_t begin = 0; begin < values.size(); begin += 777) {
    QuantileSketch part(256);
    for (std::size_t i = begin; i < std::min(values.size(), begin + 777); ++i) part.add(values[i]);
    merged.merge(part);
  }
  ASSERT_EQ(merged.count(), 100000);
  ASSERT_FALSE(merged.is_exact());
  std::sort(values.begin(), values.end());
  const double bound = static_cast<double>(merged.rank_error_bound());
  for (double q : {0.01, 0.1, 0.5, 0.9, 0.99}) {
    const double estimate = merged.quantile(q);
    const double rank = static_cast<double>(std::upper_bound(values.begin(), values.end(), estimate) - values.begin());
    EXPECT_LE(std::abs(rank - q * 100000), bound + 1) << "q = " << q;
  }
}

TEST(QuantileSketch, SameAddsAndMergesGiveTheSameBits) {
  SGDBIAS_TRACE_SEED();
  const std::vector<double> values = normal_values(20000, 3);
  QuantileSketch a(64), b(64);
  for (double value : values) {
    a.add(value);
    b.add(value);
  }
  for (double q : {0.1, 0.5, 0.9}) EXPECT_EQ(a.quantile(q), b.quantile(q));
}

TEST(QuantileSketch, RejectsQuantileLevelsOutsideTheUnitInterval) {
  QuantileSketch sketch;
  sketch.add(1);
  EXPECT_THROW(sketch.quantile(1.5), InvalidArgument);
  EXPECT_TRUE(std::isnan(QuantileSketch().quantile(0.5)));
}

}  // namespace
}  // namespace sgdbias
