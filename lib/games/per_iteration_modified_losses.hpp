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
    const Index m = game_.first_player_dimension();
    const Index n = game_.dimension() - m;
    game_.field(z, velocity_);
    dzdt.resize(z.size());
    dzdt.head(m) = options_.first_rate_factor * velocity_.head(m);
    dzdt.tail(n) = options_.second_rate_factor * velocity_.tail(n);
    drift_.add(z, velocity_, anchor_velocity_, coefficients_, dzdt);
  }

  // Ẽ_φ(z) with ∇_φE_φ = −f and ∇_θE_θ(z_{t−1}) = −g(z_{t−1}).
  double first_loss(const ConstVectorRef& z) const
    requires HasPlayerLosses<Game>
  {
    const Index m = game_.first_player_dimension();
    const Index n = game_.dimension() - m;
    game_.field(z, velocity_);
    game_.cross_gradient(z, cross_gradient_);
    const double h = options_.step_size, alpha = options_.first_rate_factor;
    const double lambda = options_.second_rate_factor;
    return game_.first_loss(z) +
           alpha * h / (4.0 * static_cast<double>(options_.first_player_updates)) * velocity_.head(m).squaredNorm() -
           options_.first_interaction_sign() * (lambda * h / 2.0) *
               cross_gradient_.tail(n).dot(anchor_velocity_.tail(n));
  }

  // Ẽ_θ(z) with ∇_θE_θ = −g and ∇_φE_φ(z_{t−1}) = −f(z_{t−1}).
  double second_loss(const ConstVectorRef& z) const
    requires HasPlayerLosses<Game>
  {
    const Index m = game_.first_player_dimension();
    const Index n = game_.dimension() - m;
    game_.field(z, velocity_);
    game_.cross_gradient(z, cross_gradient_);
    const double h = options_.step_size, alpha = options_.first_rate_factor;
    const double lambda = options_.second_rate_factor;
    return game_.second_loss(z) +
           lambda * h / (4.0 * static_cast<double>(options_.second_player_updates)) *
               velocity_.tail(n).squaredNorm() -
           options_.second_interaction_sign() * (alpha * h / 2.0) *
               cross_gradient_.head(m).dot(anchor_velocity_.head(m));
  }

 private:
  const Game& game_;
  GameStepOptions options_;
  detail::DriftCoefficients coefficients_;
  detail::DriftTerms<Game> drift_;
  Vector anchor_;
  mutable Vector velocity_;
  Vector anchor_velocity_;
  mutable Vector cross_gradient_;
};

}  // namespace sgdbias
