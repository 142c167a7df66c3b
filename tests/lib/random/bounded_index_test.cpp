// BoundedIndex (bounded_index.hpp): its draws are pcg-cpp's engine(bound) draws bit for bit, engine
// state included, so that SGD's sample indices are unchanged by it; bounds from 1 to 2^64 − 1,
// among them those where about half of the words are rejected. Deterministic for a seed.
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>
#include <pcg_random.hpp>

#include "lib/core/errors.hpp"
#include "lib/random/bounded_index.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

// Small, typical (n = 40), around 2^32 and 2^63 (where the rejection threshold is largest) and
// at the top of the range.
const std::vector<std::uint64_t> kBounds = {
    1, 2, 3, 7, 40, 1000, (1ULL << 32) - 1, 1ULL << 32, (1ULL << 32) + 1, (1ULL << 63) - 1, 1ULL << 63,
    (1ULL << 63) + 1, kMax - 1, kMax};

TEST(BoundedIndex, DrawsArePcgBoundedDrawsBitForBit) {
  SGDBIAS_TRACE_SEED();
  for (std::size_t b = 0; b < kBounds.size(); ++b) {
    pcg64 engine(testing::test_seed(), b), reference = engine;
    const BoundedIndex index(kBounds[b]);
    for (int k = 0; k < 20000; ++k) {
      ASSERT_EQ(index.draw(engine), reference(kBounds[b])) << "draw " << k << ", bound = " << kBounds[b];
    }
    EXPECT_TRUE(engine == reference) << "bound = " << kBounds[b];  // as many words consumed
  }
}

TEST(BoundedIndex, ABoundOfZeroIsRejected) { EXPECT_THROW(BoundedIndex(0), InvalidArgument); }

}  // namespace
}  // namespace sgdbias
