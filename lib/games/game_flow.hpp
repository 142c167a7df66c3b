#pragma once
// The continuous-time game, i.e. the unmodified flow in joint time (bea.md §6.2):
//   φ̇ = α f,  θ̇ = λ g.
// It matches one iteration of any update order only to O(h²) (local error slope 2, bea.md §8
// check 9): the reference that the modified flows improve on. An odeint System.
#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"
#include "lib/games/game_step_options.hpp"

namespace sgdbias {

template <TwoPlayerGame Game>
class GameFlow {
 public:
  GameFlow(const Game& game, double first_rate_factor, double second_rate_factor)
      : game_(game), first_rate_factor_(first_rate_factor), second_rate_factor_(second_rate_factor) {
    require_positive_finite(first_rate_factor, "GameFlow", "first_rate_factor");
    require_positive_finite(second_rate_factor, "GameFlow", "second_rate_factor");
  }
  GameFlow(const Game& game, const GameStepOptions& options)
      : GameFlow(game, options.first_rate_factor, options.second_rate_factor) {}

  void operator()(const Vector& z, Vector& dzdt, double /*t*/) const {
    const Index m = game_.first_player_dimension();
    const Index n = game_.dimension() - m;
    dzdt.resize(z.size());
    game_.field(z, dzdt);
    dzdt.head(m) *= first_rate_factor_;
    dzdt.tail(n) *= second_rate_factor_;
  }

 private:
  Game game_;  // by value: a game shares its data (shared_ptr), so a copy is cheap and a temporary cannot dangle
  double first_rate_factor_;
  double second_rate_factor_;
};

}  // namespace sgdbias
