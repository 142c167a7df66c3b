#pragma once
// RandomStream: an independent pcg64 stream derived from (seed, trajectory, purpose).
//
// Why hashing: pcg streams differ only in the LCG increment, and nearby increments with equal
// states give correlated sequences (imneme/pcg-cpp#49, rust-random/rand#907). So all three inputs
// are mixed (splitmix64 finaliser, a bijection with full avalanche) into BOTH the 128-bit state
// and the 128-bit increment. Same inputs → same bits, whatever thread creates the stream and in
// whatever order: ensembles are bit-identical for any thread count.
//
// The distributions are our own (no <random> distributions, whose algorithms are
// implementation-defined): uniform01 from the top 53 bits, pcg's unbiased bounded integers, and a
// ziggurat normal sampler (normal_sampler.hpp).
#include <cstdint>

#include <pcg_random.hpp>

#include "lib/core/linear_algebra.hpp"
#include "lib/random/bounded_index.hpp"
#include "lib/random/normal_block_sampler.hpp"
#include "lib/random/normal_sampler.hpp"
#include "lib/random/purpose.hpp"

namespace sgdbias {

class RandomStream {
 public:
  using result_type = std::uint64_t;  // UniformRandomBitGenerator, for code that needs one

  RandomStream(std::uint64_t seed, std::uint64_t trajectory, Purpose purpose);

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return engine_(); }

  // Uniform on [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, bound), unbiased (pcg's rejection-based bounded draw). bound ≥ 1.
  Index uniform_index(Index bound) {
    return static_cast<Index>(engine_(static_cast<std::uint64_t>(bound)));
  }

  // The same draw for a bound prepared once (bounded_index.hpp): one division per draw, not two.
  Index uniform_index(const BoundedIndex& bound) { return static_cast<Index>(bound.draw(engine_)); }

  // +1 or −1 with probability ½ each.
  double random_sign() { return (engine_() >> 63) != 0 ? 1.0 : -1.0; }

  double standard_normal() { return sample_standard_normal(engine_); }
  // out.size() successive standard_normal() draws, the same bits, several at a time
  // (normal_block_sampler.hpp).
  void fill_standard_normal(VectorRef out) { fill_standard_normals(engine_, out.data(), out.size()); }

  std::uint64_t seed() const { return seed_; }
  std::uint64_t trajectory() const { return trajectory_; }
  Purpose purpose() const { return purpose_; }

 private:
  pcg64 engine_;
  std::uint64_t seed_;
  std::uint64_t trajectory_;
  Purpose purpose_;
};

}  // namespace sgdbias
