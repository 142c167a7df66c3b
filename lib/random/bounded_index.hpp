#pragma once
// Uniform integers in [0, bound) for a bound fixed over many draws (SGD's sample index), drawing
// exactly what pcg-cpp's engine(bound) draws without its two 64-bit divisions per draw.
//
// pcg-cpp's unbiased method (pcg_extras::bounded_rand): reject r below t = 2^64 mod bound, return
// r mod bound. Here t is computed once, and r mod bound by the direct remainder of Lemire, Kaser
// and Kurz ("Faster remainder by direct computation", Software: Practice and Experience, 2019):
// with M = ⌈2^128 / bound⌉, r mod bound = ⌊((M·r) mod 2^128) · bound / 2^128⌋, exact for every
// 64-bit r since the 128-bit M carries twice the numerator's bits. Four multiplications instead of
// a division on the critical path of a batch-1 SGD step.
#include <cstdint>

#include "lib/core/errors.hpp"

namespace sgdbias {

class BoundedIndex {
 public:
  using Wide = __uint128_t;  // GCC's and Clang's, as pcg-cpp's pcg128_t

  // bound ≥ 1. For bound = 1, M = 2^128 wraps to 0 and every remainder is 0, as it should be.
  explicit BoundedIndex(std::uint64_t bound)
      : bound_(bound), threshold_(bound == 0 ? 0 : (0 - bound) % bound),
        multiplier_(bound == 0 ? 0 : ~Wide{0} / bound + 1) {
    require(bound >= 1, "BoundedIndex", "the bound must be >= 1");
  }

  std::uint64_t bound() const { return bound_; }

  // One draw from `engine` (a 64-bit generator), as engine(bound) would draw it.
  template <class Engine>
  std::uint64_t draw(Engine& engine) const {
    for (;;) {
      const std::uint64_t r = engine();
      if (r >= threshold_) return remainder(r);
    }
  }

  // r mod bound, by the direct remainder above.
  std::uint64_t remainder(std::uint64_t r) const {
    const Wide fraction = multiplier_ * r;  // mod 2^128: the fractional part of r / bound
    const Wide low = static_cast<Wide>(static_cast<std::uint64_t>(fraction)) * bound_;
    const Wide high = (fraction >> 64) * bound_;
    return static_cast<std::uint64_t>((high + (low >> 64)) >> 64);
  }

 private:
  std::uint64_t bound_;
  std::uint64_t threshold_;
  Wide multiplier_;
};

}  // namespace sgdbias
