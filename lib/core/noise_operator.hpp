#pragma once
// The diffusion of an SDE as an OPERATOR (style.md D3, sde.md §5): integrators ask for G(t,x)·ξ,
// never for the d×m matrix G. A structured noise (the SGF's √(γL/n)·[v⊙Xᵀξ; u⊙Xᵀξ], dln.md §6.2,
// low rank, diagonal) then costs what its structure costs and allocates nothing.
#include <concepts>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// out = G(t, x) ξ with G: state_dimension() × noise_dimension(). `out` is caller-owned and sized d;
// ξ has size m. May use mutable workspace (not thread-safe, like problems).
template <class N>
concept NoiseOperator = requires(const N& noise, double t, const ConstVectorRef& x,
                                 const ConstVectorRef& xi, VectorRef out) {
  { noise.state_dimension() } -> std::convertible_to<Index>;  // d
  { noise.noise_dimension() } -> std::convertible_to<Index>;  // m
  noise.apply(t, x, xi, out);
};

// Derivative information for Milstein-type schemes and Itô↔Stratonovich drift conversion:
//   out = D_x[G(t, x) ξ] · direction     (ξ fixed, so the result is linear in both ξ and direction).
// With it, Σ_{j1,j2} (L^{j1} g_{j2}) ξ_{j1} ξ_{j2} = D_x[Gξ]·(Gξ), and the Itô–Stratonovich
// correction Σ_j L^j g_j = Σ_j D_x[G e_j]·(G e_j) (sde.md §2.0, §5).
template <class N>
concept HasDiffusionDerivative =
    NoiseOperator<N> && requires(const N& noise, double t, const ConstVectorRef& x,
                                 const ConstVectorRef& direction, const ConstVectorRef& xi,
                                 VectorRef out) { noise.apply_derivative(t, x, direction, xi, out); };

// Optional shortcut: out = Σ_j L^j g_j (t, x) when the noise can form it cheaply (e.g. diagonal
// noise: g_i ∂g_i/∂x_i). Otherwise it is assembled from m calls of apply/apply_derivative.
template <class N>
concept HasItoCorrection =
    NoiseOperator<N> && requires(const N& noise, double t, const ConstVectorRef& x, VectorRef out) {
      noise.ito_correction(t, x, out);
    };

}  // namespace sgdbias
