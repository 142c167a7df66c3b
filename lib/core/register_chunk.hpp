#pragma once
// RegisterChunk<L>: L consecutive doubles as one GCC vector-extension value, the unit of the
// multiversioned kernels (lib/core/multiversioned.hpp, SGDBIAS_AT_REGISTER_WIDTH picks L per
// target). Element-wise +, −, ×, scalar broadcast and lane access come from GCC; load_chunk and
// store_chunk are memcpy (unaligned, no aliasing question), by reference because a chunk passed
// or returned by value has a different ABI in every target version.
#include <cstdint>
#include <cstring>

namespace sgdbias {

// Spelled out per width: GCC drops vector_size from an alias template whose size depends on a
// template parameter (the "vector" is then a plain double).
template <int Lanes>
struct RegisterChunkOf;
template <>
struct RegisterChunkOf<2> {
  using type = double __attribute__((vector_size(2 * sizeof(double))));
  using bits = std::uint64_t __attribute__((vector_size(2 * sizeof(std::uint64_t))));
};
template <>
struct RegisterChunkOf<4> {
  using type = double __attribute__((vector_size(4 * sizeof(double))));
  using bits = std::uint64_t __attribute__((vector_size(4 * sizeof(std::uint64_t))));
};
template <>
struct RegisterChunkOf<8> {
  using type = double __attribute__((vector_size(8 * sizeof(double))));
  using bits = std::uint64_t __attribute__((vector_size(8 * sizeof(std::uint64_t))));
};

template <int Lanes>
using RegisterChunk = typename RegisterChunkOf<Lanes>::type;

template <class Chunk>
inline constexpr int kChunkLanes = static_cast<int>(sizeof(Chunk) / sizeof(double));

// The unsigned 64-bit integer vector of a chunk's size (for bit tests on its lanes).
template <class Chunk>
using ChunkBits = typename RegisterChunkOf<kChunkLanes<Chunk>>::bits;

// The width of a build without multiversioning: what its -march offers.
#if defined(__AVX512F__)
inline constexpr int kNativeChunkLanes = 8;
#elif defined(__AVX__)
inline constexpr int kNativeChunkLanes = 4;
#else
inline constexpr int kNativeChunkLanes = 2;
#endif

template <class Chunk>
[[gnu::always_inline]] inline void load_chunk(const double* from, Chunk& to) {
  std::memcpy(&to, from, sizeof to);
}
template <class Chunk>
[[gnu::always_inline]] inline void store_chunk(const Chunk& from, double* to) {
  std::memcpy(to, &from, sizeof from);
}

}  // namespace sgdbias
