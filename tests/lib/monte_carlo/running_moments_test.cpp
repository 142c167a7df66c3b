// RunningMoments: streaming and merged moments agree with a two-pass computation.
// Deterministic: draws come from RandomStream(test_seed(), ...), bit-identical for a seed.
#include "lib/monte_carlo/running_moments.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "lib/random/random_stream.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

struct TwoPass {
  double mean = 0, variance = 0;
};

TwoPass two_pass(const std::vector<double>& values, std::size_t begin, std::size_t end) {
  TwoPass result;
  for (std::size_t i = begin; i < end; ++i) result.mean += values[i];
  result.mean /= static_cast<double>(end - begin);
  for (std::size_t i = begin; i < end; ++i) result.variance += (values[i] - result.mean) * (values[i] - result.mean);
  result.variance /= static_cast<double>(end - begin - 1);
  return result;
}

// Values with a large offset: the case where the naive Σx² − n·mean² formula loses all digits.
std::vector<double> offset_values(std::size_t count) {
  RandomStream stream(testing::test_seed(), 0, Purpose::kTest);
  std::vector<double> values(count);
  for (double& value : values) value = 1e6 + stream.standard_normal();
  return values;
}

TEST(RunningMoments, StreamingMomentsEqualTwoPassMomentsToRoundOff) {
  SGDBIAS_TRACE_SEED();
  const std::vector<double> values = offset_values(10000);
  RunningMoments moments;
  for (double value : values) moments.add(value);
  const TwoPass exact = two_pass(values, 0, values.size());
  EXPECT_EQ(moments.count(), 10000);
  EXPECT_NEAR(moments.mean(), exact.mean, 1e-15 * 1e6 * 10);
  EXPECT_NEAR(moments.variance(), exact.variance, 1e-9 * exact.variance);
  EXPECT_NEAR(moments.standard_error(), std::sqrt(exact.variance / 10000), 1e-9);
}

TEST(RunningMoments, MergingChunksOfAnySizeEqualsTwoPassMoments) {
  SGDBIAS_TRACE_SEED();
  const std::vector<double> values = offset_values(5003);
  for (std::size_t chunk : {1u, 7u, 64u, 1000u, 5003u}) {
    RunningMoments merged;
    for (std::size_t begin = 0; begin < values.size(); begin += chunk) {
      RunningMoments part;
      for (std::size_t i = begin; i < std::min(values.size(), begin + chunk); ++i) part.add(values[i]);
      merged.merge(part);
    }
    const TwoPass exact = two_pass(values, 0, values.size());
    EXPECT_EQ(merged.count(), 5003);
    EXPECT_NEAR(merged.mean(), exact.mean, 1e-8) << "chunk " << chunk;
    EXPECT_NEAR(merged.variance(), exact.variance, 1e-9 * exact.variance) << "chunk " << chunk;
  }
}

TEST(RunningMoments, MinimumAndMaximumSurviveMerging) {
  RunningMoments a, b;
  a.add(3);
  a.add(-1);
  b.add(7);
  a.merge(b);
  EXPECT_EQ(a.minimum(), -1);
  EXPECT_EQ(a.maximum(), 7);
  EXPECT_DOUBLE_EQ(a.mean(), 3);
  EXPECT_DOUBLE_EQ(a.variance(), 16);  // ((0)²+(−4)²+(4)²)/2
}

TEST(RunningMoments, EmptyAndSingleValueReportNaNWhereUndefined) {
  RunningMoments moments;
  EXPECT_TRUE(std::isnan(moments.mean()));
  moments.add(2);
  EXPECT_EQ(moments.mean(), 2);
  EXPECT_TRUE(std::isnan(moments.variance()));
  RunningMoments empty;
  moments.merge(empty);
  EXPECT_EQ(moments.count(), 1);
}

}  // namespace
}  // namespace sgdbias
