#pragma once
// A zero-sum game whose players minimise their losses plus a ZeroSumRegularizer (bea.md §6.7).
// With f = ∇_φE, g = −∇_θE and zero-sum symmetry f_θ = −g_φᵀ:
//   ∇_φ‖∇_φE‖² = 2 f_φ f,  ∇_φ‖∇_θE‖² = −2 f_θ g,  ∇_θ‖∇_θE‖² = 2 g_θ g,  ∇_θ‖∇_φE‖² = −2 g_φ f,
// so the regularised field is
//   f_R = f + [Dv·(−2 a_φ f, 2 b_φ g)]_φ,   g_R = g + [Dv·(2 b_θ f, −2 a_θ g)]_θ
// (a = own, b = other coefficients): two JVPs, no third derivatives. The result is a TwoPlayerGame
// (field only), so GameGradientDescent runs on it unchanged.
#include <string_view>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"
#include "lib/games/detail/drift_terms.hpp"
#include "lib/games/explicit_regularizers.hpp"

namespace sgdbias {

template <class Game>
  requires HasJacobianVectorProduct<Game> && ReportsZeroSum<Game>
class RegularizedZeroSumGame {
 public:
  RegularizedZeroSumGame(const Game& game, ZeroSumRegularizer regularizer)
      : game_(game),
        coefficients_{.first_scale = 1.0,
                      .first_self = 2.0 * regularizer.first_own,
                      .first_interaction = -2.0 * regularizer.first_other,
                      .second_scale = 1.0,
                      .second_self = 2.0 * regularizer.second_own,
                      .second_interaction = -2.0 * regularizer.second_other},
        drift_(game),
        velocity_(Vector::Zero(game.dimension())) {
    require(game.is_zero_sum(), "RegularizedZeroSumGame",
            "the regularisers of bea.md §6.7 are defined for zero-sum games (E_φ = −E_θ); this game is not");
  }

  Index dimension() const { return game_.dimension(); }
  Index first_player_dimension() const { return game_.first_player_dimension(); }

  void field(const ConstVectorRef& z, VectorRef out) const {
    game_.field(z, out);
    velocity_ = out;
    drift_.add(z, velocity_, velocity_, coefficients_, out);  // out −= [Dv·(2a f, −2b g)]_φ etc.
  }

 private:
  Game game_;  // by value: a game shares its data (shared_ptr), so a copy is cheap and a temporary cannot dangle
  detail::DriftCoefficients coefficients_;
  mutable detail::DriftTerms<Game> drift_;
  mutable Vector velocity_;
};

}  // namespace sgdbias
