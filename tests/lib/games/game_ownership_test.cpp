// Every class of lib/games keeps its own copy of the game, as the flows of lib/flows keep their
// problem (issue 21). Games share their data through shared_ptr, so the copy is cheap. Before, each
// class held `const Game&`: passing a temporary compiled silently and dangled (heap-use-after-free
// under the sanitizer pass), and an algorithm built from a variable followed that variable when it
// was given another game. The static_asserts fail to compile with a reference member (it deletes
// copy assignment); the second test steps the wrong game with one.
#include <type_traits>

#include <gtest/gtest.h>

#include "lib/core/linear_algebra.hpp"
#include "lib/games/explicit_regularizers.hpp"
#include "lib/games/game_flow.hpp"
#include "lib/games/game_gradient_descent.hpp"
#include "lib/games/game_modified_flow.hpp"
#include "lib/games/own_time_game_flow.hpp"
#include "lib/games/per_iteration_modified_losses.hpp"
#include "lib/games/regularized_zero_sum_game.hpp"
#include "problems/games/bilinear_game.hpp"

namespace sgdbias {
namespace {

using problems::BilinearGame;

static_assert(std::is_copy_assignable_v<GameGradientDescent<BilinearGame>>);
static_assert(std::is_copy_assignable_v<GameFlow<BilinearGame>>);
static_assert(std::is_copy_assignable_v<GameModifiedFlow<BilinearGame>>);
static_assert(std::is_copy_assignable_v<OwnTimeGameFlow<BilinearGame>>);
static_assert(std::is_copy_assignable_v<PerIterationModifiedLosses<BilinearGame>>);
static_assert(std::is_copy_assignable_v<RegularizedZeroSumGame<BilinearGame>>);

// The 1×1 bilinear game E = aφθ: f = aθ, g = −aφ (bea.md §6.8(a)), so one simultaneous GD step
// from (φ, θ) = (1, 1) with h = 0.1 gives exactly (1 + 0.1a, 1 − 0.1a).
BilinearGame scalar_game(double a) { return BilinearGame(Matrix::Constant(1, 1, a)); }

GameStepOptions simultaneous_step(double step_size) {
  GameStepOptions options;
  options.step_size = step_size;
  return options;
}

TEST(GameOwnership, GradientDescentBuiltFromATemporaryGameStepsThatGame) {
  GameGradientDescent descent(scalar_game(2.0), simultaneous_step(0.1));  // the temporary ends here
  Vector z = Vector::Ones(2);
  descent.step(z);
  EXPECT_DOUBLE_EQ(z(0), 1.2);
  EXPECT_DOUBLE_EQ(z(1), 0.8);
}

TEST(GameOwnership, GivingTheCallersVariableAnotherGameChangesNothingAlreadyBuilt) {
  BilinearGame game = scalar_game(2.0);
  GameGradientDescent descent(game, simultaneous_step(0.1));
  GameFlow flow(game, 1.0, 1.0);
  game = scalar_game(-5.0);
  Vector z = Vector::Ones(2);
  descent.step(z);
  EXPECT_DOUBLE_EQ(z(0), 1.2);
  EXPECT_DOUBLE_EQ(z(1), 0.8);
  Vector velocity(2);
  flow(Vector::Ones(2), velocity, 0.0);
  EXPECT_DOUBLE_EQ(velocity(0), 2.0);   // α f = aθ
  EXPECT_DOUBLE_EQ(velocity(1), -2.0);  // λ g = −aφ
}

}  // namespace
}  // namespace sgdbias
