// fill_standard_normals (lib/random/normal_block_sampler.hpp) against its definition: `count`
// calls of sample_standard_normal on the same engine. Exact identities, so every comparison is
// bit for bit, the engine's state afterwards included (pcg64's operator== compares state and
// stream). On an AVX-512 CPU this checks the leapfrogged lanes and the switches between the
// lanes and the wedge/tail draws; elsewhere the one-by-one fallback, which is the definition.
#include <cmath>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "lib/random/normal_block_sampler.hpp"
#include "lib/random/normal_sampler.hpp"
#include "lib/random/pcg64_state.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

pcg64 engine_for(std::uint64_t index) {
  const std::uint64_t seed = testing::test_seed();
  return pcg64(seed * 0x9e3779b97f4a7c15ULL + index, seed ^ (index * 0xd1b54a32d192ed03ULL));
}

std::vector<double> one_by_one(pcg64& engine, Index count) {
  std::vector<double> values(static_cast<std::size_t>(count));
  for (double& value : values) value = sample_standard_normal(engine);
  return values;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  return a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;  // no null to memcmp
}

TEST(Pcg64State, SteppingTheStateByHandGivesTheEnginesWords) {
  // The LCG step and XSL-RR output that the lanes vectorise, against pcg-cpp itself.
  SGDBIAS_TRACE_SEED();
  pcg64 engine = engine_for(1), by_hand = engine;
  for (int k = 0; k < 1000; ++k) {
    detail::Uint128& state = detail::Pcg64State::state(by_hand);
    state = state * detail::Pcg64State::multiplier() + detail::Pcg64State::increment(by_hand);
    ASSERT_EQ(detail::Pcg64State::output(state), engine()) << "word " << k;
  }
  EXPECT_TRUE(by_hand == engine);
}

TEST(NormalBlockSampler, GivesTheSameBitsAndEngineStateAsOneDrawAtATime) {
  // Counts below, at and around the 8 lanes, the SGF's n = 40, and long runs in which the wedge
  // and tail (which take extra words) interrupt the lanes many times.
  SGDBIAS_TRACE_SEED();
  std::uint64_t index = 0;
  for (const Index count : {0, 1, 2, 7, 8, 9, 15, 16, 17, 40, 41, 63, 64, 65, 1000, 100000}) {
    for (int repeat = 0; repeat < 20; ++repeat) {
      pcg64 block = engine_for(++index), reference = block;
      std::vector<double> values(static_cast<std::size_t>(count));
      fill_standard_normals(block, values.data(), count);
      ASSERT_TRUE(same_bits(values, one_by_one(reference, count))) << "count " << count << ", engine " << index;
      ASSERT_TRUE(block == reference) << "engine state after " << count << " draws, engine " << index;
    }
  }
}

TEST(NormalBlockSampler, ConsecutiveBlocksContinueOneStream) {
  // Blocks of the SGF's size drawn back to back are one stream of normals: each block starts
  // where the previous left the engine, whatever the wedge and tail consumed.
  SGDBIAS_TRACE_SEED();
  pcg64 block = engine_for(7), reference = block;
  std::vector<double> values(40 * 2000);
  for (std::size_t start = 0; start < values.size(); start += 40) fill_standard_normals(block, &values[start], 40);
  const std::vector<double> expected = one_by_one(reference, static_cast<Index>(values.size()));
  ASSERT_TRUE(same_bits(values, expected));
  // The run does go through the tail (|z| > r, probability 2.6e-4 per draw: ~21 expected in
  // 80 000, fewer than 5 with probability < 1e-4), so the out-of-line draws were exercised.
  int tail_draws = 0;
  for (const double z : values) tail_draws += std::abs(z) > detail::ZigguratTables::kTailStart ? 1 : 0;
  EXPECT_GE(tail_draws, 5);
}

}  // namespace
}  // namespace sgdbias
