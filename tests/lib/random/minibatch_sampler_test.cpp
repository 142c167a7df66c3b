// MinibatchSampler: inclusion frequencies against their exact probabilities, structural facts
// of each scheme, and clear errors on bad input.
#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "lib/random/minibatch_sampler.hpp"
#include "tests/support/statistics.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

constexpr Index kSamples = 10;
constexpr Index kBatch = 3;
constexpr int kSteps = 100'000;

MinibatchSampler make_sampler(BatchSampling sampling) {
  return MinibatchSampler(kSamples, kBatch, sampling, RandomStream(testing::test_seed(), 0, Purpose::kMinibatch));
}

// Fraction of steps in which each index appears at least once.
std::vector<double> inclusion_counts(MinibatchSampler& sampler) {
  std::vector<double> counts(kSamples, 0.0);
  for (int step = 0; step < kSteps; ++step) {
    std::set<Index> seen;
    for (Index i : sampler.next()) seen.insert(i);
    for (Index i : seen) counts[static_cast<std::size_t>(i)] += 1;
  }
  return counts;
}

TEST(MinibatchSampler, WithReplacementInclusionProbabilityIsOneMinusMissProbability) {
  SGDBIAS_TRACE_SEED();
  auto sampler = make_sampler(BatchSampling::kWithReplacement);
  const double p = 1.0 - std::pow(1.0 - 1.0 / kSamples, kBatch);  // 0.271
  for (double count : inclusion_counts(sampler))
    EXPECT_NEAR(count, kSteps * p, testing::binomial_tolerance(kSteps, p, 5.0));
}

TEST(MinibatchSampler, WithoutReplacementGivesDistinctIndicesWithInclusionBOverN) {
  SGDBIAS_TRACE_SEED();
  auto sampler = make_sampler(BatchSampling::kWithoutReplacement);
  for (int step = 0; step < 1000; ++step) {
    const auto batch = sampler.next();
    ASSERT_EQ(std::set<Index>(batch.begin(), batch.end()).size(), static_cast<std::size_t>(kBatch));
  }
  const double p = static_cast<double>(kBatch) / kSamples;
  for (double count : inclusion_counts(sampler))
    EXPECT_NEAR(count, kSteps * p, testing::binomial_tolerance(kSteps, p, 5.0));
}

TEST(MinibatchSampler, WithoutReplacementPairsAreUniform) {
  // A uniform b-subset includes a given pair with probability b(b−1)/(n(n−1)) = 1/15.
  SGDBIAS_TRACE_SEED();
  auto sampler = make_sampler(BatchSampling::kWithoutReplacement);
  double pair_count = 0;
  for (int step = 0; step < kSteps; ++step) {
    const auto batch = sampler.next();
    const bool has0 = std::find(batch.begin(), batch.end(), 0) != batch.end();
    const bool has9 = std::find(batch.begin(), batch.end(), 9) != batch.end();
    pair_count += has0 && has9;
  }
  const double p = static_cast<double>(kBatch * (kBatch - 1)) / (kSamples * (kSamples - 1));
  EXPECT_NEAR(pair_count, kSteps * p, testing::binomial_tolerance(kSteps, p, 5.0));
}

TEST(MinibatchSampler, EpochShufflingUsesEverySampleOncePerEpoch) {
  MinibatchSampler sampler(12, 4, BatchSampling::kEpochShuffling,
                           RandomStream(testing::test_seed(), 0, Purpose::kMinibatch));
  for (int epoch = 0; epoch < 50; ++epoch) {
    std::vector<Index> seen;
    for (int b = 0; b < 3; ++b)
      for (Index i : sampler.next()) seen.push_back(i);
    std::sort(seen.begin(), seen.end());
    std::vector<Index> all(12);
    for (Index i = 0; i < 12; ++i) all[static_cast<std::size_t>(i)] = i;
    ASSERT_EQ(seen, all) << "epoch " << epoch;
  }
}

TEST(MinibatchSampler, RejectsBatchSizesOutsideOneToN) {
  const RandomStream stream(1, 0, Purpose::kMinibatch);
  EXPECT_THROW(MinibatchSampler(10, 0, BatchSampling::kWithReplacement, stream), InvalidArgument);
  EXPECT_THROW(MinibatchSampler(10, 11, BatchSampling::kWithoutReplacement, stream), InvalidArgument);
  EXPECT_THROW(MinibatchSampler(0, 1, BatchSampling::kEpochShuffling, stream), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
