#pragma once
// Per-iteration modified losses of a general two-player game, anchored at the iterate the
// iteration starts from, z_{t−1} (bea.md §6.6 — [RD] eqs 11–12 with the self coefficient corrected
// from h/2 to h/4, §9 E1, and joint-time interaction coefficients, §9 E5):
//   Ẽ_φ = E_φ + (αh/4m) ‖∇_φE_φ‖² + s_φ (λh/2) ∇_θE_φ(φ, θ)ᵀ ∇_θE_θ(z_{t−1})
//   Ẽ_θ = E_θ + (λh/4k) ‖∇_θE_θ‖² + s_θ (αh/2) ∇_φE_θ(φ, θ)ᵀ ∇_φE_φ(z_{t−1})
// and their gradient flow φ̇ = −α∇_φẼ_φ, θ̇ = −λ∇_θẼ_θ (this object, an odeint System), which
// matches one iteration from z_{t−1} to O(h³). Freezing the other player's gradient at the anchor
// is what makes each player's field a gradient; valid only for the iteration from that anchor
// (re-anchor with `reanchor` to follow a run piecewise).
// Per evaluation: one field and two JVPs; v(z_{t−1}) is computed once per anchor.
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/validation.hpp"
#include "lib/core/vector_field.hpp"
#include "lib/games/detail/drift_terms.hpp"
#include "lib/games/game_modified_flow.hpp"
#include "lib/games/game_step_options.hpp"

namespace sgdbias {

template <HasJacobianVectorProduct Game>
class PerIterationModifiedLosses {
 public:
  static constexpr std::string_view kName = "PerIterationModifiedLosses";

  PerIterationModifiedLosses(const Game& game, GameStepOptions options, const ConstVectorRef& anchor)
      : game_(game),
        options_(options),
        coefficients_((options.validate(kName), detail::joint_time_drift_coefficients(options))),
        drift_(game),
        velocity_(Vector::Zero(game.dimension())),
        anchor_velocity_(Vector::Zero(game.dimension())),
        cross_gradient_(Vector::Zero(game.dimension())) {
    reanchor(anchor);
  }

  // Moves the anchor z_{t−1} (start of the next iteration); recomputes v(z_{t−1}).
  void reanchor(const ConstVectorRef& anchor) {
    require_size(anchor.size(), game_.dimension(), kName, "anchor");
    require_all_finite(anchor, kName, "anchor");
    anchor_ = anchor;
    game_.field(anchor_, anchor_velocity_);
  }
  const Vector& anchor() const { return anchor_; }

  // Gradient flow of the modified losses: (−α∇_φẼ_φ, −λ∇_θẼ_θ).
  void operator()(const Vector& z, Vector& dzdt, double /*t*/) {
    detail::rate_scaled_field(game_, options_, z, velocity_, dzdt);
    drift_.add(z, velocity_, anchor_velocity_, coefficients_, dzdt);  // partner frozen at the anchor
  }

  // Ẽ_φ(z) with ∇_φE_φ = −f and ∇_θE_θ(z_{t−1}) = −g(z_{t−1}).
  double first_loss(const ConstVectorRef& z) const
    requires HasPlayerLosses<Game>
  {
    return modified_loss(z, game_.first_loss(z), player(true));
  }

  // Ẽ_θ(z) with ∇_θE_θ = −g and ∇_φE_φ(z_{t−1}) = −f(z_{t−1}).
  double second_loss(const ConstVectorRef& z) const
    requires HasPlayerLosses<Game>
  {
    return modified_loss(z, game_.second_loss(z), player(false));
  }

 private:
  // One player p of the header's formulas, the other being q: p's block of z, q's block, the rate
  // factors ρ_p and ρ_q, p's update count u_p and interaction sign s_p.
  struct Player {
    Index own_start, own_size, other_start, other_size;
    double own_rate, other_rate, updates, interaction_sign;
  };
  Player player(bool first) const {
    const Index m = game_.first_player_dimension();
    const Index n = game_.dimension() - m;
    const GameStepOptions& o = options_;
    return first ? Player{0, m, m, n, o.first_rate_factor, o.second_rate_factor,
                          static_cast<double>(o.first_player_updates), o.first_interaction_sign()}
                 : Player{m, n, 0, m, o.second_rate_factor, o.first_rate_factor,
                          static_cast<double>(o.second_player_updates), o.second_interaction_sign()};
  }

  // Ẽ_p(z) = E_p + (ρ_p h/4u_p)‖v_p(z)‖² − s_p (ρ_q h/2) ∇_qE_p(z)ᵀ v_q(z_{t−1}): the header's formula
  // with ∇_pE_p = −v_p(z) and ∇_qE_q(z_{t−1}) = −v_q(z_{t−1}) substituted (v = the game's field).
  double modified_loss(const ConstVectorRef& z, double loss, const Player& p) const {
    game_.field(z, velocity_);
    game_.cross_gradient(z, cross_gradient_);
    const double h = options_.step_size;
    return loss + p.own_rate * h / (4.0 * p.updates) * velocity_.segment(p.own_start, p.own_size).squaredNorm() -
           p.interaction_sign * (p.other_rate * h / 2.0) *
               cross_gradient_.segment(p.other_start, p.other_size)
                   .dot(anchor_velocity_.segment(p.other_start, p.other_size));
  }

  Game game_;  // by value: a game shares its data (shared_ptr), so a copy is cheap and a temporary cannot dangle
  GameStepOptions options_;
  detail::DriftCoefficients coefficients_;
  detail::DriftTerms<Game> drift_;
  Vector anchor_;
  mutable Vector velocity_;
  Vector anchor_velocity_;
  mutable Vector cross_gradient_;
};

}  // namespace sgdbias
