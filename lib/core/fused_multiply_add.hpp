#pragma once
// sum ← sum + a·b with ONE rounding (a fused multiply-add), for a double or a GCC vector-extension
// chunk of doubles, the factor a a chunk or one double broadcast to every lane.
//
// Why explicit: the project compiles with -ffp-contract=off, so the compiler never fuses on its
// own and a loop rounds alike in every multiversioned version (lib/core/multiversioned.hpp). A
// kernel that wants the fused operation says so here, and every version then computes the same
// correctly rounded a·b + sum: the AVX2 and AVX-512 versions with the FMA instruction, the baseline
// version (CPUs without FMA, before ~2013) through glibc's fma(), which is exact but slow there.
// On this library's kernels the fused form is one instruction where a multiply and an add were
// two. Timings of both: bench/README.md, "Measurement history".
//
// The chunk form is a loop over lanes into a fresh chunk: GCC turns it into one vfmadd per
// register; written in place into `sum` it stayed scalar (vfmadd…sd per lane) inside the
// multiversioned panel kernel.
#include <type_traits>

namespace sgdbias {

[[gnu::always_inline]] inline void add_product(double& sum, double a, double b) { sum = __builtin_fma(a, b, sum); }

template <class Chunk, class Factor>
  requires(!std::is_same_v<Chunk, double>)
[[gnu::always_inline]] inline void add_product(Chunk& sum, const Factor& a, const Chunk& b) {
  constexpr int kLanes = sizeof(Chunk) / sizeof(double);
  Chunk result;
  for (int lane = 0; lane < kLanes; ++lane) {
    if constexpr (std::is_same_v<Factor, double>) {
      result[lane] = __builtin_fma(a, b[lane], sum[lane]);
    } else {
      result[lane] = __builtin_fma(a[lane], b[lane], sum[lane]);
    }
  }
  sum = result;
}

}  // namespace sgdbias
