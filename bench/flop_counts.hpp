#pragma once
// Floating-point operations per trajectory step of each algorithm on the diagonal linear network
// in product form (dln.md §6.6: β = u⊙v, r = Xβ − y, g = (1/n)Xᵀr, u ← u − γ g⊙v, v ← v − γ g⊙u).
// A roofline bound in trajectory-steps per second is (measured GFLOP/s) / (flops per step); the
// side-by-side table divides the library's rate by it. Counts are the arithmetic the maths needs,
// not what a particular implementation does; normals are counted separately (they are not flops).
#include "lib/core/linear_algebra.hpp"

namespace sgdbias::bench {

// Two GEMVs (Xβ and Xᵀr, 2nd each), β = u⊙v (d), the scaled gradient (d), the two updates (4d).
constexpr double gd_flops_per_step(Index samples, Index dimension) {
  const double n = static_cast<double>(samples);
  const double d = static_cast<double>(dimension);
  return 4.0 * n * d + 6.0 * d;
}

// Batch 1: β restricted to x_i·(u⊙v) (3d), the scaled row (d), the two updates (4d).
constexpr double sgd_flops_per_step(Index dimension) {
  return 8.0 * static_cast<double>(dimension);
}

// Euler–Maruyama on the SGF (dln.md §6.6): the drift and the noise share ONE Xᵀ product when
// fused (Xᵀ(−hr/n + c·ΔB)), so 4nd + the loss (2n) + the combination (3n) + the updates (6d).
// An unfused step (separate Xᵀr and XᵀΔB) needs 6nd. Plus `samples` normal draws.
constexpr double sgf_em_flops_per_step(Index samples, Index dimension) {
  const double n = static_cast<double>(samples);
  const double d = static_cast<double>(dimension);
  return 4.0 * n * d + 5.0 * n + 6.0 * d;
}

}  // namespace sgdbias::bench
