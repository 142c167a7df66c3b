#pragma once
// The O(h) drift terms shared by every game flow (bea.md §6.3, §6.4, §6.6), for both players:
//   φ-block: −first_scale  · [Dv(z)·(first_self·f,         first_interaction·g̃)]_φ
//   θ-block: −second_scale · [Dv(z)·(second_interaction·f̃, second_self·g)]_θ
// with (f, g) = v(z) and (f̃, g̃) the interaction partners: v(z) itself for the flows of §6.3/§6.4,
// v(z_{t−1}) (frozen at the anchor) for the per-iteration modified losses of §6.6.
// [Dv·w]_φ = f_φ w_φ + f_θ w_θ, so the φ-block holds first_self·f_φ f + first_interaction·f_θ g̃:
// the self and interaction terms, each one block of a single JVP (one joint HVP of E_φ).
#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"
#include "lib/games/game_step_options.hpp"

namespace sgdbias::detail {

// The O(1) part of every game flow: dzdt = (α·f, λ·g) for (f, g) = v(z), which is left in
// `velocity` for the drift terms below.
template <class Game>
void rate_scaled_field(const Game& game, const GameStepOptions& options, const Vector& z, Vector& velocity,
                       Vector& dzdt) {
  const Index m = game.first_player_dimension();
  const Index n = game.dimension() - m;
  game.field(z, velocity);
  dzdt.resize(z.size());
  dzdt.head(m) = options.first_rate_factor * velocity.head(m);
  dzdt.tail(n) = options.second_rate_factor * velocity.tail(n);
}

struct DriftCoefficients {
  double first_scale = 0.0, first_self = 0.0, first_interaction = 0.0;
  double second_scale = 0.0, second_self = 0.0, second_interaction = 0.0;
};

template <HasJacobianVectorProduct Game>
class DriftTerms {
 public:
  explicit DriftTerms(const Game& game)
      : game_(game), direction_(Vector::Zero(game.dimension())), product_(Vector::Zero(game.dimension())) {}

  void add(const ConstVectorRef& z, const ConstVectorRef& velocity, const ConstVectorRef& partner_velocity,
           const DriftCoefficients& c, VectorRef out) {
    const Index m = game_.first_player_dimension();
    const Index n = game_.dimension() - m;
    direction_.head(m) = c.first_self * velocity.head(m);
    direction_.tail(n) = c.first_interaction * partner_velocity.tail(n);
    game_.jacobian_vector_product(z, direction_, product_);
    out.head(m) -= c.first_scale * product_.head(m);
    direction_.head(m) = c.second_interaction * partner_velocity.head(m);
    direction_.tail(n) = c.second_self * velocity.tail(n);
    game_.jacobian_vector_product(z, direction_, product_);
    out.tail(n) -= c.second_scale * product_.tail(n);
  }

 private:
  Game game_;  // by value: a game shares its data (shared_ptr), so a copy is cheap and a temporary cannot dangle
  Vector direction_;
  Vector product_;
};

}  // namespace sgdbias::detail
