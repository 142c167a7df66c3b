#pragma once
// The O(d) loops of every fused diagonal-network step (diagonal_linear_network_steps.cpp):
// the prediction ⟨x_i, β(u, v)⟩ with β formed on the fly, and the layer update with its divergence
// test. Together they are the whole cost of a batch-1 SGD step and the update pass of GD, so they
// are multiversioned (lib/core/multiversioned.hpp): AVX-512 / AVX2 / baseline, same bits in each.
#include "lib/core/linear_algebra.hpp"
#include "problems/diagonal_linear_network/dln_convention.hpp"

namespace sgdbias::problems::layer_kernels {

// Partial sums of sample_prediction: fixed, so the rounding is the same for every vector width
// (8 doubles = one AVX-512 register, two AVX2 registers, four SSE2 registers).
inline constexpr Index kPredictionLanes = 8;

// Σ_j x_j·β_j with β = u⊙u − v⊙v or u⊙v; j is summed into partial sum j mod 8 (for j < 8⌊d/8⌋,
// the rest into a ninth) as partial ← fma(x_j, β_j, partial), the partial sums then added in
// order 0…7, ninth last.
double sample_prediction(DlnParametrisation parametrisation, const double* features, const double* u,
                         const double* v, Index d);

// The chain rule of dln.md §3.1–§3.2 with s = rate·direction = γ∇_βL:
//   β = u⊙v:    u ← u − s⊙v,   v ← v − s⊙u   (both from the old u, v);
//   β = u²−v²:  u ← (1 − 2s)⊙u, v ← (1 + 2s)⊙v,
// each entry with one rounding, as a fused multiply-add: u_j ← fma(−s_j, v_j, u_j), u_j ← fma(−2s_j,
// u_j, u_j), ... (lib/core/fused_multiply_add.hpp).
// Returns false if some new |u_j| or |v_j| exceeds `limit` or is NaN (a select, not a branch).
bool update_layers(DlnParametrisation parametrisation, double* u, double* v, const double* direction, double rate,
                   double limit, Index d);

// update_layers, and in the same pass the prediction ⟨next_features, β(new u, new v)⟩ of the next
// batch-1 step, summed as sample_prediction sums it: the same bits as the two calls in turn, with
// u and v read once per step instead of twice.
bool update_layers_and_predict(DlnParametrisation parametrisation, double* u, double* v, const double* direction,
                               double rate, double limit, Index d, const double* next_features,
                               double& next_prediction);

// The SGF's Euler–Maruyama update of one path, x ← x + light-cone field of w (dln.md §3.2, §6.6;
// sde::detail::light_cone_field):
//   β = u²−v²:  u ← u + (−u⊙w),  v ← v + v⊙w;    β = u⊙v:  u ← u + (−v⊙w),  v ← v + (−u⊙w)
// (old u, v on the right), then beta ← β(new u, new v) for the next step's residual, in the same
// pass. Bit for bit the field added by EulerMaruyama and DiagonalLinearNetwork's β.
void light_cone_step(DlnParametrisation parametrisation, double* u, double* v, const double* w, double* beta,
                     Index d);

}  // namespace sgdbias::problems::layer_kernels
