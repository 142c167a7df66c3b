#pragma once
// The game modified flows AS PRINTED in Rosca et al. (ICML 2021, DD) and implemented by their code:
// each player in its OWN time (bea.md §6.2, §6.4):
//   φ̇ = f − (αh/2) ( (1/m) f_φ f + c_φ f_θ g ),   θ̇ = g − (λh/2) ( (1/k) g_θ g + c_θ g_φ f ),
// c = 1 for the player that moves first or simultaneously; the second mover has c_θ = 1 − 2α/λ
// (A_φ) or c_φ = 1 − 2λ/α (A_θ). Read φ at t = αh and θ at t = λh on the same solution, it matches
// one iteration to O(h³); but it is NOT a model of the iterates when α ≠ λ (§9 E5):
// TimeScaling::kRescaledToJointTime (φ̇ = α·P_φ, θ̇ = λ·P_θ) leaves an O(h²) local error and wrong
// stability predictions (bilinear A: spurious growth). Kept for comparison with the literature;
// use GameModifiedFlow for dynamics.
#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"
#include "lib/games/detail/drift_terms.hpp"
#include "lib/games/game_step_options.hpp"

namespace sgdbias {

enum class TimeScaling { kOwnTime, kRescaledToJointTime };

template <HasJacobianVectorProduct Game>
class OwnTimeGameFlow {
 public:
  OwnTimeGameFlow(const Game& game, GameStepOptions options, TimeScaling scaling = TimeScaling::kOwnTime)
      : game_(game),
        options_(options),
        scaling_(scaling),
        coefficients_((options.validate("OwnTimeGameFlow"), own_time_coefficients(options))),
        drift_(game),
        velocity_(Vector::Zero(game.dimension())) {}

  void operator()(const Vector& z, Vector& dzdt, double /*t*/) {
    const Index m = game_.first_player_dimension();
    const Index n = game_.dimension() - m;
    game_.field(z, velocity_);
    dzdt = velocity_;
    drift_.add(z, velocity_, velocity_, coefficients_, dzdt);
    if (scaling_ == TimeScaling::kRescaledToJointTime) {
      dzdt.head(m) *= options_.first_rate_factor;
      dzdt.tail(n) *= options_.second_rate_factor;
    }
  }

 private:
  static detail::DriftCoefficients own_time_coefficients(const GameStepOptions& options) {
    const double alpha = options.first_rate_factor, lambda = options.second_rate_factor;
    const double h = options.step_size;
    const bool first_moves_second = options.order == UpdateOrder::kSecondPlayerFirst;
    const bool second_moves_second = options.order == UpdateOrder::kFirstPlayerFirst;
    return {.first_scale = alpha * h / 2.0,
            .first_self = 1.0 / static_cast<double>(options.first_player_updates),
            .first_interaction = first_moves_second ? 1.0 - 2.0 * lambda / alpha : 1.0,
            .second_scale = lambda * h / 2.0,
            .second_self = 1.0 / static_cast<double>(options.second_player_updates),
            .second_interaction = second_moves_second ? 1.0 - 2.0 * alpha / lambda : 1.0};
  }

  Game game_;  // by value: a game shares its data (shared_ptr), so a copy is cheap and a temporary cannot dangle
  GameStepOptions options_;
  TimeScaling scaling_;
  detail::DriftCoefficients coefficients_;
  detail::DriftTerms<Game> drift_;
  Vector velocity_;
};

}  // namespace sgdbias
