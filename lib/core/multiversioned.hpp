#pragma once
// SGDBIAS_MULTIVERSIONED marks a hot loop to be compiled three times, for x86-64-v4 (AVX-512),
// x86-64-v3 (AVX2) and baseline x86-64, with the dynamic loader picking the best for the CPU it
// runs on (GCC target_clones: an ifunc, resolved once when the program loads). The
// default build stays portable (no -march, CMakeLists.txt) and still runs the innermost O(d)
// loops at the machine's vector width; Eigen's kernels choose their width at compile time and are
// unaffected.
//
// Reproducibility: a multiversioned loop gives the same bits in every version, so a result does
// not depend on the CPU that ran it: the project compiles with -ffp-contract=off (the compiler
// never fuses a multiply and an add on its own; cmake/sgdbiasCompileOptions.cmake), a fused
// multiply-add is written out where a kernel wants one (lib/core/fused_multiply_add.hpp: one
// rounding in every version, the FMA instruction in v3/v4, glibc's exact fma() in the baseline),
// and reductions keep a fixed number of partial sums, whatever the vector width.
//
// SGDBIAS_AT_REGISTER_WIDTH(return type, name, (parameters), body) is the same three versions for
// a kernel written on GCC vector chunks (lib/core/register_chunk.hpp): each version's body sees
// `Chunk`, the vector of ITS register width (8 doubles for AVX-512, 4 for AVX2, 2 for SSE2).
// A chunk wider than the target's registers has no register form there: under target_clones
// the AVX2 version of an 8-double chunk kernel kept every chunk on the stack (bench/README.md,
// "Measurement history"). GCC function multiversioning of a file-local function:
// call it from a plain function of the same file, which the dispatcher then serves.
//
// Plain functions on other compilers and architectures, or with -DSGDBIAS_NO_MULTIVERSIONING
// (one version, its Chunk the width that build's -march offers).
#include "lib/core/register_chunk.hpp"

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(SGDBIAS_NO_MULTIVERSIONING)
#define SGDBIAS_MULTIVERSIONED __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#define SGDBIAS_AT_REGISTER_WIDTH(RETURN, NAME, PARAMETERS, ...)                                         \
  __attribute__((target("arch=x86-64-v4"))) RETURN NAME PARAMETERS {                                     \
    using Chunk [[maybe_unused]] = ::sgdbias::RegisterChunk<8>;                                          \
    __VA_ARGS__                                                                                          \
  }                                                                                                      \
  __attribute__((target("arch=x86-64-v3"))) RETURN NAME PARAMETERS {                                     \
    using Chunk [[maybe_unused]] = ::sgdbias::RegisterChunk<4>;                                          \
    __VA_ARGS__                                                                                          \
  }                                                                                                      \
  __attribute__((target("default"))) RETURN NAME PARAMETERS {                                            \
    using Chunk [[maybe_unused]] = ::sgdbias::RegisterChunk<2>;                                          \
    __VA_ARGS__                                                                                          \
  }
#else
#define SGDBIAS_MULTIVERSIONED
#define SGDBIAS_AT_REGISTER_WIDTH(RETURN, NAME, PARAMETERS, ...)                                         \
  RETURN NAME PARAMETERS {                                                                               \
    using Chunk [[maybe_unused]] = ::sgdbias::RegisterChunk<::sgdbias::kNativeChunkLanes>;               \
    __VA_ARGS__                                                                                          \
  }
#endif
