#pragma once
// The two-player-game contract (style D2 for games, bea.md §6.1), checked at given points:
//   field = −(∇_φE_φ, ∇_θE_θ) and cross_gradient = (∇_φE_θ, ∇_θE_φ) against central differences
//   of the losses; Dv·w against central differences of the field. Central differences with
//   ε = 1e-5 have truncation error ~ε²·(third derivatives) and rounding ~1e-16/ε, so the tolerance
//   is 1e-7·max(1, |value|).
#include <cmath>
#include <span>

#include <gtest/gtest.h>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"

namespace sgdbias::testing {

inline constexpr double kDifferenceStep = 1e-5;
inline constexpr double kContractTolerance = 1e-7;

template <HasPlayerLosses Game, class Loss>
Vector central_difference_gradient(const Game&, Loss&& loss, const Vector& z) {
  Vector gradient(z.size());
  for (Index i = 0; i < z.size(); ++i) {
    Vector plus = z, minus = z;
    plus[i] += kDifferenceStep;
    minus[i] -= kDifferenceStep;
    gradient[i] = (loss(plus) - loss(minus)) / (2.0 * kDifferenceStep);
  }
  return gradient;
}

inline ::testing::AssertionResult vectors_close(const Vector& actual, const Vector& expected, const char* what) {
  const double error = (actual - expected).lpNorm<Eigen::Infinity>();
  const double tolerance = kContractTolerance * std::max(1.0, expected.lpNorm<Eigen::Infinity>());
  if (error <= tolerance) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << what << ": max difference " << error << " > " << tolerance
                                       << "\nactual   " << actual.transpose() << "\nexpected " << expected.transpose();
}

template <class Game>
  requires(HasPlayerLosses<Game> && HasJacobianVectorProduct<Game>)
::testing::AssertionResult GameContractHolds(const Game& game, std::span<const Vector> points) {
  const Index m = game.first_player_dimension();
  const Index n = game.dimension() - m;
  for (const Vector& z : points) {
    const Vector first = central_difference_gradient(game, [&](const Vector& x) { return game.first_loss(x); }, z);
    const Vector second = central_difference_gradient(game, [&](const Vector& x) { return game.second_loss(x); }, z);
    Vector field(game.dimension()), expected_field(game.dimension());
    game.field(z, field);
    expected_field << -first.head(m), -second.tail(n);
    if (auto r = vectors_close(field, expected_field, "field vs −∇ of own loss"); !r) return r << " at " << z.transpose();
    Vector cross(game.dimension()), expected_cross(game.dimension());
    game.cross_gradient(z, cross);
    expected_cross << second.head(m), first.tail(n);
    if (auto r = vectors_close(cross, expected_cross, "cross_gradient"); !r) return r << " at " << z.transpose();
    for (Index j = 0; j < game.dimension(); ++j) {
      Vector direction = Vector::LinSpaced(game.dimension(), 0.3, -0.7);
      direction[j] += 1.0;
      Vector product(game.dimension()), plus(game.dimension()), minus(game.dimension());
      game.jacobian_vector_product(z, direction, product);
      game.field(z + kDifferenceStep * direction, plus);
      game.field(z - kDifferenceStep * direction, minus);
      const Vector expected_product = (plus - minus) / (2.0 * kDifferenceStep);
      if (auto r = vectors_close(product, expected_product, "Jacobian-vector product"); !r) {
        return r << " at " << z.transpose();
      }
    }
  }
  return ::testing::AssertionSuccess();
}

#define EXPECT_GAME_CONTRACT_HOLDS(game, points) \
  EXPECT_TRUE(::sgdbias::testing::GameContractHolds((game), (points)))

}  // namespace sgdbias::testing
