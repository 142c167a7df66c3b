#pragma once
// Vector-field concepts: dynamics that are not the gradient of one loss (two-player games,
// bea.md §6), asked for the same way problem.hpp asks objectives for gradients and HVPs.
//
// State layout of a two-player game (bea.md §6.1): z = [φ; θ], φ ∈ R^m the first player,
// θ ∈ R^n the second, dimension() = m + n. Both players MINIMISE their own loss (min–min form;
// a zero-sum game is E_φ = −E, E_θ = E). The game's vector field is
//   v(z) = (f, g) = (−∇_φE_φ, −∇_θE_θ),
// and its Jacobian blocks are f_φ, f_θ, g_φ, g_θ. Jacobians are never formed: only products
// Dv(z)·w, which for each player is one joint HVP of that player's own loss (bea.md §6.1).
#include <concepts>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// ż = v(z): out = v(z), sized dimension().
template <class F>
concept VectorField = requires(const F& field, const ConstVectorRef& z, VectorRef out) {
  { field.dimension() } -> std::convertible_to<Index>;
  field.field(z, out);
};

// out = Dv(z)·direction.
template <class F>
concept HasJacobianVectorProduct =
    VectorField<F> && requires(const F& field, const ConstVectorRef& z, const ConstVectorRef& direction,
                               VectorRef out) { field.jacobian_vector_product(z, direction, out); };

// A vector field split into two players: z.head(first_player_dimension()) is φ, the rest θ.
// field(z, out) writes (f, g) = (−∇_φE_φ, −∇_θE_θ).
template <class G>
concept TwoPlayerGame = VectorField<G> && requires(const G& game) {
  { game.first_player_dimension() } -> std::convertible_to<Index>;
};

// The players' losses themselves, for modified losses and their checks (bea.md §6.6):
//   first_loss = E_φ, second_loss = E_θ, and the cross gradients
//   cross_gradient(z, out): out = (∇_φE_θ, ∇_θE_φ) — each loss differentiated w.r.t. the OTHER
//   player, laid out like z (φ-block holds ∇_φE_θ, θ-block holds ∇_θE_φ).
template <class G>
concept HasPlayerLosses =
    TwoPlayerGame<G> && requires(const G& game, const ConstVectorRef& z, VectorRef out) {
      { game.first_loss(z) } -> std::convertible_to<double>;
      { game.second_loss(z) } -> std::convertible_to<double>;
      game.cross_gradient(z, out);
    };

// A zero-sum game (E_φ = −E, E_θ = E) that says so at run time (the Dirac-GAN is zero-sum only
// with the saturating loss). The explicit regularisers of bea.md §6.7 are defined for these.
template <class G>
concept ReportsZeroSum = TwoPlayerGame<G> && requires(const G& game) {
  { game.is_zero_sum() } -> std::convertible_to<bool>;
};

}  // namespace sgdbias
