// all_within / all_finite (lib/core/bound_check.hpp), whichever multiversioned version the loader
// picked on this CPU, against the definition entry by entry: |x_i| ≤ min(limit, largest double),
// with NaN failing. Each special value is planted at every position of vectors around the vector
// widths (1, 2, 4, 8 doubles), so a lane or a tail the loop forgot would show. Deterministic.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "lib/core/bound_check.hpp"

namespace sgdbias {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(BoundCheck, EveryEntryAtEveryPositionIsSeen) {
  for (Index size : {1, 3, 7, 8, 9, 17, 100, 201}) {
    for (Index at = 0; at < size; ++at) {
      for (double planted : {kNaN, kInf, -kInf, 2.0, -2.0}) {
        Vector x = Vector::Constant(size, -1.0);
        x[at] = planted;
        EXPECT_FALSE(all_within(x, 1.5)) << "size " << size << ", entry " << at << " = " << planted;
        EXPECT_EQ(all_finite(x), std::isfinite(planted)) << "size " << size << ", entry " << at;
        // +∞ as the limit means "finite": ±∞ and NaN still fail.
        EXPECT_EQ(all_within(x, kInf), std::isfinite(planted)) << "size " << size << ", entry " << at;
      }
      Vector x = Vector::Constant(size, -1.5);
      EXPECT_TRUE(all_within(x, 1.5)) << "the bound itself is within (|x_i| ≤ limit)";
      x[at] = std::numeric_limits<double>::max();
      EXPECT_TRUE(all_finite(x)) << "the largest double is finite";
    }
  }
  EXPECT_TRUE(all_finite(Vector(0))) << "an empty state has no entry outside";
}

}  // namespace
}  // namespace sgdbias
