#pragma once
// Explicit regularisers for zero-sum games E_φ = −E, E_θ = E (bea.md §6.7, Table 1 of the DD paper
// with the joint-time coefficients of §9 E5). Each adds gradient-norm terms to a player's own loss:
//   φ's loss  += first_own ‖∇_φE‖²  + first_other ‖∇_θE‖²
//   θ's loss  += second_own ‖∇_θE‖² + second_other ‖∇_φE‖²
// All methods of the table act through the OTHER player's gradient norm; on bilinear games the
// own-norm terms have no effect (their gradient w.r.t. the own player is 0).
#include <string_view>

#include "lib/core/errors.hpp"
#include "lib/core/validation.hpp"
#include "lib/games/game_step_options.hpp"

namespace sgdbias {

struct ZeroSumRegularizer {
  double first_own = 0.0;
  double first_other = 0.0;
  double second_own = 0.0;
  double second_other = 0.0;

  ZeroSumRegularizer scaled(double factor) const {
    return {factor * first_own, factor * first_other, factor * second_own, factor * second_other};
  }
};

// Cancels the interaction terms of the drift of `options`' update order (bea.md §6.7 rows "cancel
// DD interaction terms"): S: +λh/4 ‖∇_θE‖² to φ, +αh/4 ‖∇_φE‖² to θ; the second mover's sign flips
// (A_φ: −αh/4 for θ; A_θ: −λh/4 for φ). The printed own-time values (αh/4, λh/4, (2α−λ)h/4) differ
// when α ≠ λ (§9 E5). On a bilinear game under S it turns the per-step growth √(1 + x) into
// √(1 + x²/4), x = αλh²σ² (bea.md §6.8(a)).
inline ZeroSumRegularizer cancel_interaction_terms(const GameStepOptions& options) {
  options.validate("cancel_interaction_terms");
  require(options.first_player_updates == 1 && options.second_player_updates == 1, "cancel_interaction_terms",
          "defined for one update per player (bea.md §6.7)");
  const double first = options.first_interaction_sign() * options.second_learning_rate() / 4.0;
  const double second = options.second_interaction_sign() * options.first_learning_rate() / 4.0;
  return {.first_own = 0.0, .first_other = first, .second_own = 0.0, .second_other = second};
}

// Symplectic gradient adjustment without alignment (Balduzzi et al. 2018): ½‖∇_θE‖² to φ and
// ½‖∇_φE‖² to θ, times `strength`.
inline ZeroSumRegularizer symplectic_gradient_adjustment(double strength) {
  require_positive_finite(strength, "symplectic_gradient_adjustment", "strength");
  return {.first_own = 0.0, .first_other = strength / 2.0, .second_own = 0.0, .second_other = strength / 2.0};
}

// Consensus optimisation (Mescheder et al. 2017): η(‖∇_φE‖² + ‖∇_θE‖²) to both players.
inline ZeroSumRegularizer consensus_optimization(double strength) {
  require_positive_finite(strength, "consensus_optimization", "strength");
  return {.first_own = strength, .first_other = strength, .second_own = strength, .second_other = strength};
}

// Locally stable GAN (Nagarajan & Kolter 2017): η‖∇_φE‖² to the generator θ only. On a bilinear
// game under S it converges iff η > αh/2 (bea.md §6.8(a)).
inline ZeroSumRegularizer locally_stable_gan(double strength) {
  require_positive_finite(strength, "locally_stable_gan", "strength");
  return {.first_own = 0.0, .first_other = 0.0, .second_own = 0.0, .second_other = strength};
}

// ODE-GAN (Qin et al. 2020): η‖∇_θE‖² to the discriminator φ only. On a bilinear game under S it
// converges iff η > λh/2 (bea.md §6.8(a)).
inline ZeroSumRegularizer ode_gan(double strength) {
  require_positive_finite(strength, "ode_gan", "strength");
  return {.first_own = 0.0, .first_other = strength, .second_own = 0.0, .second_other = 0.0};
}

}  // namespace sgdbias
