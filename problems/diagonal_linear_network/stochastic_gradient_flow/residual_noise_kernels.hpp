#pragma once
// The O(n) loops of the SGF's fused Euler–Maruyama step on the residual (dln.md §6.6):
//   σ from MSE = ‖r‖²/n,   z = (f_m h/n)·r + σ·ΔW,   ΔW = √h·ξ,
// shared by the single path (DiagonalNetworkSgf) and the K-path panels (DiagonalNetworkSgfPaths)
// so that both round alike. Multiversioned (lib/core/multiversioned.hpp): same bits on every CPU.
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// Σ r_i² in a fixed order: partial sum i mod 4 for i < 4⌊n/4⌋, the rest into partial 0, each
// term added with one rounding (fma(r_i, r_i, partial)); then (p₀ + p₁) + (p₂ + p₃).
double sum_of_squares(const double* values, Index n);

// out_i = fma(drift_scale, residual_i, noise_scale·(increment_scale·normals_i)) for i < n: the
// increment_scale·ξ_i of ΔW first (√h, or 1 when `normals` already holds ΔW). `out` may be
// `normals` itself (z formed in place of ξ); neither may overlap `residual`.
void combine_residual_and_noise(Index n, double drift_scale, const double* residual, double noise_scale,
                                double increment_scale, const double* normals, double* out);

}  // namespace sgdbias
