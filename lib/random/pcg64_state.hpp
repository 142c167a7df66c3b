#pragma once
// The 128-bit LCG inside a pcg64 engine (pcg-cpp's setseq_xsl_rr_128_64), for code that steps the
// same generator several draws at a time (normal_block_sampler.cpp): state s, increment c, the
// default multiplier a, the step s ← a·s + c and the XSL-RR output of the NEW state (pcg64 outputs
// after stepping, unlike the 64-bit-state engines). pcg-cpp keeps state_ and inc_ protected; a
// pointer to member named through a derived class is the standard-conforming way to reach them.
#include <cstdint>

#include <pcg_random.hpp>

namespace sgdbias::detail {

using Uint128 = pcg_extras::pcg128_t;

class Pcg64State : public pcg64 {
 public:
  static Uint128& state(pcg64& engine) { return engine.*(&Pcg64State::state_); }
  static Uint128 increment(const pcg64& engine) { return engine.*(&Pcg64State::inc_); }
  static constexpr Uint128 multiplier() { return pcg_detail::default_multiplier<Uint128>::multiplier(); }

  // XSL-RR: the two 64-bit halves xor-ed, rotated right by the state's top 6 bits.
  static constexpr std::uint64_t output(Uint128 state) {
    const auto high = static_cast<std::uint64_t>(state >> 64), low = static_cast<std::uint64_t>(state);
    const unsigned rotation = static_cast<unsigned>(high >> 58);
    const std::uint64_t folded = high ^ low;
    return (folded >> rotation) | (folded << ((64U - rotation) & 63U));
  }
};

}  // namespace sgdbias::detail
