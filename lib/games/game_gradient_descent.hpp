#pragma once
// Simultaneous and alternating gradient descent on a two-player game (bea.md §6.1), with per-player
// learning rates α·h, λ·h and, for alternating updates, m updates of φ (α·h/m each) followed by k
// updates of θ (λ·h/k each) — or θ first for UpdateOrder::kSecondPlayerFirst.
#include <string_view>

#include "lib/core/bound_check.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/vector_field.hpp"
#include "lib/games/game_step_options.hpp"

namespace sgdbias {

template <TwoPlayerGame Game>
class GameGradientDescent {
 public:
  static constexpr std::string_view kName = "game_gradient_descent";

  GameGradientDescent(const Game& game, GameStepOptions options)
      : game_(game), options_(options), velocity_(Vector::Zero(game.dimension())) {
    options_.validate(kName);
  }

  const GameStepOptions& options() const { return options_; }

  // One iteration (all players' updates) in place.
  void step(VectorRef z) {
    require_size(z.size(), game_.dimension(), kName, "state z");
    const Index m = game_.first_player_dimension();
    const Index n = game_.dimension() - m;
    switch (options_.order) {
      case UpdateOrder::kSimultaneous:
        game_.field(z, velocity_);
        z.head(m) += options_.first_learning_rate() * velocity_.head(m);
        z.tail(n) += options_.second_learning_rate() * velocity_.tail(n);
        break;
      case UpdateOrder::kFirstPlayerFirst:
        update_first_player(z);
        update_second_player(z);
        break;
      case UpdateOrder::kSecondPlayerFirst:
        update_second_player(z);
        update_first_player(z);
        break;
    }
    if (!all_finite(z)) {
      throw NumericalFailure(kName, describe("non-finite state after a ", to_string(options_.order),
                                             " update with step size ", options_.step_size,
                                             " (the iteration diverged: reduce the step size)"));
    }
  }

 private:
  void update_first_player(VectorRef z) {
    const Index m = game_.first_player_dimension();
    const double rate = options_.first_learning_rate() / static_cast<double>(options_.first_player_updates);
    for (Index update = 0; update < options_.first_player_updates; ++update) {
      game_.field(z, velocity_);
      z.head(m) += rate * velocity_.head(m);
    }
  }
  void update_second_player(VectorRef z) {
    const Index n = game_.dimension() - game_.first_player_dimension();
    const double rate = options_.second_learning_rate() / static_cast<double>(options_.second_player_updates);
    for (Index update = 0; update < options_.second_player_updates; ++update) {
      game_.field(z, velocity_);
      z.tail(n) += rate * velocity_.tail(n);
    }
  }

  Game game_;  // by value: a game shares its data (shared_ptr), so a copy is cheap and a temporary cannot dangle
  GameStepOptions options_;
  Vector velocity_;  // v = (f, g), workspace
};

}  // namespace sgdbias
