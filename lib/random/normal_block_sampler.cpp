// pcg64's words eight at a time by leapfrogging (Knuth TAOCP vol. 2 §3.6; L'Ecuyer 1990): lane
// k = 0…7 holds the LCG state k + 1 steps ahead of the engine's, s_k = a^(k+1)·s + c·(1 + a + … + a^k),
// and every lane advances 8 steps with one affine map, s ← a^8·s + c·(1 + a + … + a^7), so the
// lanes' outputs are the engine's next 8 words in order. One draw at a time, each word waits on the
// previous state's 128-bit multiply; eight lanes take one vector multiply-add per 8 words.
// The ziggurat then reads the words one by one (its inline rectangle test, and the wedge and tail,
// which may take further words, through the same buffer), so the normals are those of the one-by-one
// loop by construction, and the engine is left at the state of the last word used. Exact integer
// arithmetic, and the ziggurat's own double operations: the same bits on every CPU.
// Two batches per refill, the next one computed a batch ahead (a wide store read back at once by
// 8-byte loads stalls). Timings and the variants not adopted: bench/README.md, "Measurement history".
#include "lib/random/normal_block_sampler.hpp"

#include <algorithm>

#include "lib/random/normal_sampler.hpp"
#include "lib/random/pcg64_state.hpp"

#if defined(__GNUC__) && defined(__x86_64__) && !defined(SGDBIAS_NO_MULTIVERSIONING)
#define SGDBIAS_NORMAL_LANES 1
#include <immintrin.h>
#endif

namespace sgdbias {
namespace {

void fill_one_by_one(pcg64& engine, double* out, Index count) {
  for (Index i = 0; i < count; ++i) out[i] = sample_standard_normal(engine);
}

#ifdef SGDBIAS_NORMAL_LANES
using detail::Pcg64State;
using detail::Uint128;

constexpr int kLanes = 8;

// Lane k = 0…7 steps k + 1 ahead: s_k = a^(k+1)·s + c·(1 + a + … + a^k) (mod 2^128), the
// coefficients split into 64-bit halves for the vector registers; lane 7's are those of the
// 8-step map that advances every lane.
struct LeapfrogConstants {
  alignas(64) std::uint64_t power_high[kLanes], power_low[kLanes];
  alignas(64) std::uint64_t sum_high[kLanes], sum_low[kLanes];
  Uint128 eight_step_power, eight_step_sum;  // a^8, 1 + a + … + a^7
};
constexpr LeapfrogConstants make_leapfrog_constants() {
  LeapfrogConstants constants{};
  Uint128 power = 1, sum = 0;
  for (int k = 0; k < kLanes; ++k) {
    sum += power;
    power *= Pcg64State::multiplier();
    constants.power_high[k] = static_cast<std::uint64_t>(power >> 64);
    constants.power_low[k] = static_cast<std::uint64_t>(power);
    constants.sum_high[k] = static_cast<std::uint64_t>(sum >> 64);
    constants.sum_low[k] = static_cast<std::uint64_t>(sum);
  }
  constants.eight_step_power = power;
  constants.eight_step_sum = sum;
  return constants;
}
constexpr LeapfrogConstants kLeapfrog = make_leapfrog_constants();

// GCC 12's AVX-512 headers start some intrinsics from _mm512_undefined_epi32(), a self-initialised
// variable that -Wall reports once inlined, as -Wuninitialized or, in the sanitizer build,
// -Wmaybe-uninitialized (GCC bug 105593, fixed in GCC 13); no value of ours is uninitialised.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#define SGDBIAS_AVX512_TARGET __attribute__((target("avx512f,avx512dq")))
#define SGDBIAS_AVX512 SGDBIAS_AVX512_TARGET __attribute__((always_inline)) inline

// Eight 128-bit integers as their high and low 64-bit halves.
struct WideLanes {
  __m512i high, low;
};

SGDBIAS_AVX512 WideLanes broadcast(Uint128 value) {
  return {_mm512_set1_epi64(static_cast<long long>(value >> 64)), _mm512_set1_epi64(static_cast<long long>(value))};
}

SGDBIAS_AVX512 WideLanes load(const std::uint64_t* high, const std::uint64_t* low) {
  return {_mm512_load_si512(high), _mm512_load_si512(low)};
}

// High 64 bits of the 128-bit products a·b, from four 32 × 32 → 64-bit multiplies (AVX-512 has no
// 64-bit multiply-high).
SGDBIAS_AVX512 __m512i multiply_high(__m512i a, __m512i b) {
  const __m512i low_half = _mm512_set1_epi64(0xffffffffLL);
  const __m512i a_high = _mm512_srli_epi64(a, 32), b_high = _mm512_srli_epi64(b, 32);
  const __m512i low_low = _mm512_mul_epu32(a, b), low_high = _mm512_mul_epu32(a, b_high);
  const __m512i high_low = _mm512_mul_epu32(a_high, b), high_high = _mm512_mul_epu32(a_high, b_high);
  const __m512i middle = _mm512_add_epi64(_mm512_add_epi64(_mm512_srli_epi64(low_low, 32),
                                                           _mm512_and_si512(low_high, low_half)),
                                          _mm512_and_si512(high_low, low_half));
  return _mm512_add_epi64(_mm512_add_epi64(high_high, _mm512_srli_epi64(middle, 32)),
                          _mm512_add_epi64(_mm512_srli_epi64(low_high, 32), _mm512_srli_epi64(high_low, 32)));
}

// a·b + c mod 2^128 in every lane.
SGDBIAS_AVX512 WideLanes multiply_add(const WideLanes& a, const WideLanes& b, const WideLanes& c) {
  const __m512i product_low = _mm512_mullo_epi64(a.low, b.low);
  const __m512i product_high = _mm512_add_epi64(
      multiply_high(a.low, b.low),
      _mm512_add_epi64(_mm512_mullo_epi64(a.high, b.low), _mm512_mullo_epi64(a.low, b.high)));
  const __m512i low = _mm512_add_epi64(product_low, c.low);
  const __mmask8 carry = _mm512_cmplt_epu64_mask(low, c.low);
  const __m512i high = _mm512_add_epi64(product_high, c.high);
  return {_mm512_mask_add_epi64(high, carry, high, _mm512_set1_epi64(1)), low};
}

// pcg64's XSL-RR output of each lane's state (Pcg64State::output).
SGDBIAS_AVX512 __m512i output(const WideLanes& state) {
  return _mm512_rorv_epi64(_mm512_xor_si512(state.high, state.low), _mm512_srli_epi64(state.high, 58));
}

// The engine's words eight at a time: words_[k] is the output of state (high_[k], low_[k]).
class LeapfrogWords {
 public:
  using result_type = std::uint64_t;  // an Engine for the ziggurat's wedge and tail

  SGDBIAS_AVX512_TARGET LeapfrogWords(Uint128 state, Uint128 increment) {
    const WideLanes increment_sums = multiply_add(broadcast(increment), load(kLeapfrog.sum_high, kLeapfrog.sum_low),
                                                  broadcast(0));
    lane_multiplier_ = broadcast(kLeapfrog.eight_step_power);
    lane_increment_ = broadcast(increment * kLeapfrog.eight_step_sum);
    const WideLanes first = multiply_add(broadcast(state), load(kLeapfrog.power_high, kLeapfrog.power_low), increment_sums);
    publish(0, first);
    publish(1, multiply_add(first, lane_multiplier_, lane_increment_));
  }

  std::uint64_t operator()() {
    if (next_ == kLanes) advance();
    return words_[current_][next_++];
  }

  // out[0…count) ← the ziggurat of the next words: the rectangle test inline, word by word, in
  // runs of the current batch; the wedge and tail (which may take further words) out of line.
  SGDBIAS_AVX512_TARGET void fill(double* out, Index count) {
    for (Index i = 0; i < count;) {
      if (next_ == kLanes) advance();
      const std::uint64_t* words = words_[current_] + next_;
      const int available = static_cast<int>(std::min<Index>(kLanes - next_, count - i));
      int k = 0;
      while (k < available && detail::sample_in_rectangle(words[k], out[i + k])) ++k;
      i += k, next_ += k;
      if (k < available) {
        const std::uint64_t bits = words_[current_][next_++];
        out[i++] = detail::sample_normal_outside_rectangle(*this, bits);
      }
    }
  }

  // The engine state after the last word handed out (a word must have been).
  Uint128 state() const {
    return (static_cast<Uint128>(high_[current_][next_ - 1]) << 64) | low_[current_][next_ - 1];
  }

 private:
  // Two batches, the current one and the next: the next one's words were stored a batch ago, so
  // reading them one by one never waits on a store of the whole register to be forwarded.
  SGDBIAS_AVX512_TARGET [[gnu::noinline]] void advance() {
    const int ahead = current_;
    current_ ^= 1;
    publish(ahead, multiply_add(load(high_[current_], low_[current_]), lane_multiplier_, lane_increment_));
    next_ = 0;
  }
  SGDBIAS_AVX512 void publish(int batch, const WideLanes& lanes) {
    _mm512_store_si512(high_[batch], lanes.high);
    _mm512_store_si512(low_[batch], lanes.low);
    _mm512_store_si512(words_[batch], output(lanes));
  }

  WideLanes lane_multiplier_, lane_increment_;  // the 8-step map: a^8, c·(1 + a + … + a^7)
  alignas(64) std::uint64_t high_[2][kLanes], low_[2][kLanes], words_[2][kLanes];
  int current_ = 0, next_ = 0;
};

SGDBIAS_AVX512_TARGET void fill_in_lanes(pcg64& engine, double* out, Index count) {
  LeapfrogWords words(Pcg64State::state(engine), Pcg64State::increment(engine));
  words.fill(out, count);
  Pcg64State::state(engine) = words.state();
}

#undef SGDBIAS_AVX512
#undef SGDBIAS_AVX512_TARGET
#pragma GCC diagnostic pop

bool has_avx512_lanes() {
  static const bool supported = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
  return supported;
}
#endif

}  // namespace

void fill_standard_normals(pcg64& engine, double* out, Index count) {
#ifdef SGDBIAS_NORMAL_LANES
  if (count >= kLanes && has_avx512_lanes()) return fill_in_lanes(engine, out, count);
#endif
  fill_one_by_one(engine, out, count);
}

}  // namespace sgdbias
