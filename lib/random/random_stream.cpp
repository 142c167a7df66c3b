#include "lib/random/random_stream.hpp"

namespace sgdbias {
namespace {

// splitmix64's finaliser (Steele, Lea & Flood 2014): a bijection on 64-bit words with full
// avalanche, so inputs that differ in one bit give unrelated outputs.
std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Four independent-looking 64-bit words from (seed, trajectory, purpose): chained mixing of each
// input with a distinct odd constant per output word (a sponge-like absorb of the three inputs).
std::uint64_t derive_word(std::uint64_t seed, std::uint64_t trajectory, std::uint64_t purpose,
                          std::uint64_t word) {
  constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;
  std::uint64_t h = mix64(seed + kGolden * (2 * word + 1));
  h = mix64(h ^ (trajectory + 0xd1b54a32d192ed03ULL));
  h = mix64(h ^ (purpose * 0x8cb92ba72f3d8dd7ULL + word));
  return mix64(h + kGolden);
}

pcg_extras::pcg128_t join(std::uint64_t high, std::uint64_t low) {
  return (static_cast<pcg_extras::pcg128_t>(high) << 64) | low;
}

pcg64 make_engine(std::uint64_t seed, std::uint64_t trajectory, Purpose purpose) {
  const auto p = static_cast<std::uint64_t>(purpose);
  const auto word = [&](std::uint64_t index) { return derive_word(seed, trajectory, p, index); };
  return pcg64(join(word(0), word(1)), join(word(2), word(3)));  // (state, stream)
}

}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t trajectory, Purpose purpose)
    : engine_(make_engine(seed, trajectory, purpose)),
      seed_(seed),
      trajectory_(trajectory),
      purpose_(purpose) {}

}  // namespace sgdbias
