#pragma once
// The modified flow of simultaneous or alternating game GD in JOINT time (bea.md §6.3; §9 E5:
// the joint-time coefficients, not the printed own-time ones):
//   φ̇ = α f − (αh/2) ( (α/m) f_φ f  +  s_φ λ f_θ g )
//   θ̇ = λ g − (λh/2) ( (λ/k) g_θ g  +  s_θ α g_φ f )
// s = +1 for the player that moves first or simultaneously, −1 for the second mover; m, k are the
// numbers of alternating updates (1 for simultaneous). Its time-h map matches one iteration
// to O(h³) (bea.md §8 check 9). For S it is ż = F − (h/2)DF·F with F = Λv; at an equilibrium each
// eigenvalue μ of ΛJ becomes μ − (h/2)μ² (rotations acquire the real part hb²/2: spiral out).
// Cost per evaluation: one field and two JVPs. An odeint System (pass it through std::ref).
#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"
#include "lib/games/detail/drift_terms.hpp"
#include "lib/games/game_step_options.hpp"

namespace sgdbias {

namespace detail {
// The joint-time coefficients of bea.md §6.3 (shared with the anchored losses of §6.6).
inline DriftCoefficients joint_time_drift_coefficients(const GameStepOptions& options) {
  const double alpha = options.first_rate_factor, lambda = options.second_rate_factor;
  const double h = options.step_size;
  return {.first_scale = alpha * h / 2.0,
          .first_self = alpha / static_cast<double>(options.first_player_updates),
          .first_interaction = options.first_interaction_sign() * lambda,
          .second_scale = lambda * h / 2.0,
          .second_self = lambda / static_cast<double>(options.second_player_updates),
          .second_interaction = options.second_interaction_sign() * alpha};
}
}  // namespace detail

template <HasJacobianVectorProduct Game>
class GameModifiedFlow {
 public:
  GameModifiedFlow(const Game& game, GameStepOptions options)
      : game_(game),
        options_(options),
        coefficients_((options.validate("GameModifiedFlow"), detail::joint_time_drift_coefficients(options))),
        drift_(game),
        velocity_(Vector::Zero(game.dimension())) {}

  const GameStepOptions& options() const { return options_; }

  void operator()(const Vector& z, Vector& dzdt, double /*t*/) {
    detail::rate_scaled_field(game_, options_, z, velocity_, dzdt);
    drift_.add(z, velocity_, velocity_, coefficients_, dzdt);  // interaction partner: v(z) itself
  }

 private:
  Game game_;  // by value: a game shares its data (shared_ptr), so a copy is cheap and a temporary cannot dangle
  GameStepOptions options_;
  detail::DriftCoefficients coefficients_;
  detail::DriftTerms<Game> drift_;
  Vector velocity_;
};

}  // namespace sgdbias
