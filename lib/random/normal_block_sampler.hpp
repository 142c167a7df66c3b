#pragma once
// fill_standard_normals: `count` successive ziggurat draws from a pcg64 engine, bit for bit what
// `count` calls of sample_standard_normal (normal_sampler.hpp) give, and the engine left in the same
// state, with the generator stepped eight draws at a time on AVX-512 machines
// (normal_block_sampler.cpp). The SGF's n normals per path-step were a quarter of its ensemble step
// (bench/README).
#include <pcg_random.hpp>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

void fill_standard_normals(pcg64& engine, double* out, Index count);

}  // namespace sgdbias
