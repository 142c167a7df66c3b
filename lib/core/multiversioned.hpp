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
// Plain functions on other compilers and architectures, or with -DSGDBIAS_NO_MULTIVERSIONING.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(SGDBIAS_NO_MULTIVERSIONING)
#define SGDBIAS_MULTIVERSIONED __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SGDBIAS_MULTIVERSIONED
#endif
