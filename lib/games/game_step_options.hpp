#pragma once
// How a two-player game is discretised (bea.md §6.1): step size h, player learning rates α·h
// (first player φ) and λ·h (second player θ), update order, and for alternating updates the number
// of consecutive updates of each player (m of φ with α·h/m each, k of θ with λ·h/k each, §9 E8:
// α·h and λ·h are the TOTAL rates of the m and k steps).
//
// Time convention: joint time (bea.md §6.2) — one iteration is time h for both players, so a
// modified flow's time-k·h map approximates k iterations.
#include <string_view>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {

enum class UpdateOrder {
  kSimultaneous,       // S:   φ′ = φ + αh f(φ, θ),  θ′ = θ + λh g(φ, θ)
  kFirstPlayerFirst,   // A_φ: φ′ = φ + αh f(φ, θ),  θ′ = θ + λh g(φ′, θ)
  kSecondPlayerFirst,  // A_θ: θ′ = θ + λh g(φ, θ),  φ′ = φ + αh f(φ, θ′)
};

constexpr std::string_view to_string(UpdateOrder order) {
  switch (order) {
    case UpdateOrder::kSimultaneous: return "simultaneous";
    case UpdateOrder::kFirstPlayerFirst: return "first_player_first";
    case UpdateOrder::kSecondPlayerFirst: return "second_player_first";
  }
  return "unknown";
}

struct GameStepOptions {
  double step_size = 0.1;          // h
  double first_rate_factor = 1.0;  // α: φ's learning rate is α·h
  double second_rate_factor = 1.0; // λ: θ's learning rate is λ·h
  UpdateOrder order = UpdateOrder::kSimultaneous;
  Index first_player_updates = 1;  // m (alternating only)
  Index second_player_updates = 1; // k (alternating only)

  double first_learning_rate() const { return first_rate_factor * step_size; }
  double second_learning_rate() const { return second_rate_factor * step_size; }

  // Sign of each player's interaction term in the modified flow (bea.md §6.3): +1 for the player
  // that moves first or simultaneously, −1 for the second mover.
  double first_interaction_sign() const { return order == UpdateOrder::kSecondPlayerFirst ? -1.0 : 1.0; }
  double second_interaction_sign() const { return order == UpdateOrder::kFirstPlayerFirst ? -1.0 : 1.0; }

  void validate(std::string_view where) const {
    require_positive_finite(step_size, where, "step_size");
    require_positive_finite(first_rate_factor, where, "first_rate_factor");
    require_positive_finite(second_rate_factor, where, "second_rate_factor");
    require(first_player_updates >= 1 && second_player_updates >= 1, where,
            "first_player_updates and second_player_updates must be >= 1, got ", first_player_updates, " and ",
            second_player_updates);
    require(order != UpdateOrder::kSimultaneous || (first_player_updates == 1 && second_player_updates == 1),
            where, "several updates per player are defined for alternating updates only (bea.md §6.1); got ",
            first_player_updates, " and ", second_player_updates, " with simultaneous updates");
  }
};

}  // namespace sgdbias
