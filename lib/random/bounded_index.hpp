#pragma once
// Uniform integers in [0, bound) for a bound fixed over many draws (SGD's sample index), drawing
// exactly what pcg-cpp's engine(bound) draws with one 64-bit division per draw instead of two.
//
// pcg-cpp's unbiased method (pcg_extras::bounded_rand): reject r below t = 2^64 mod bound, return
// r mod bound. Its t costs a division on every call; where the calls sit behind the sampler's
// switch the compiler does not hoist it (two `div`s per batch-1 SGD step in the profile). Here t
// is computed once. (A division-free remainder, Lemire, Kaser and Kurz's direct method with a
// 128-bit multiplier, was tried and is not faster where the divider is quick for small bounds:
// bench/README.md, measurement history.)
#include <cstdint>

#include "lib/core/errors.hpp"

namespace sgdbias {

class BoundedIndex {
 public:
  // bound ≥ 1.
  explicit BoundedIndex(std::uint64_t bound) : bound_(bound), threshold_(bound == 0 ? 0 : (0 - bound) % bound) {
    require(bound >= 1, "BoundedIndex", "the bound must be >= 1");
  }

  std::uint64_t bound() const { return bound_; }

  // One draw from `engine` (a 64-bit generator), as engine(bound) would draw it.
  template <class Engine>
  std::uint64_t draw(Engine& engine) const {
    for (;;) {
      const std::uint64_t r = engine();
      if (r >= threshold_) return r % bound_;
    }
  }

 private:
  std::uint64_t bound_;
  std::uint64_t threshold_;  // 2^64 mod bound: the words below it are rejected
};

}  // namespace sgdbias
