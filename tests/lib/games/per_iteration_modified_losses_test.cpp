// Gradient structure of the anchored per-iteration modified losses and the zero-sum loss tables
// (bea.md §6.5, §6.6, §8 check 9 last item). Dirac-GAN at fixed points; deterministic (no
// randomness, no threads), bit-identical results.
#include <cmath>
#include <cstdio>
#include <vector>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "lib/games/game_modified_flow.hpp"
#include "lib/games/per_iteration_modified_losses.hpp"
#include "problems/games/dirac_gan.hpp"

namespace sgdbias {
namespace {

using problems::DiracGan;

constexpr double kDifferenceStep = 1e-5;

struct Case {
  double alpha, lambda;
  UpdateOrder order;
  Index first_updates = 1, second_updates = 1;
};

std::vector<Case> cases() {
  std::vector<Case> all;
  for (auto [alpha, lambda] : {std::pair{1.0, 1.0}, std::pair{1.0, 0.4}, std::pair{0.3, 1.0}})
    for (UpdateOrder order : {UpdateOrder::kSimultaneous, UpdateOrder::kFirstPlayerFirst, UpdateOrder::kSecondPlayerFirst})
      all.push_back({alpha, lambda, order});
  all.push_back({1.0, 0.4, UpdateOrder::kFirstPlayerFirst, 2, 3});
  all.push_back({1.0, 0.4, UpdateOrder::kSecondPlayerFirst, 3, 1});
  return all;
}

GameStepOptions options_for(const Case& c, double h) {
  return {.step_size = h, .first_rate_factor = c.alpha, .second_rate_factor = c.lambda, .order = c.order,
          .first_player_updates = c.first_updates, .second_player_updates = c.second_updates};
}

// (−α ∂_φ first_loss, −λ ∂_θ second_loss) by central differences.
template <class FirstLoss, class SecondLoss>
Vector scaled_negative_gradients(FirstLoss&& first, SecondLoss&& second, const Vector& z, double alpha, double lambda) {
  const Vector e0 = kDifferenceStep * Vector::Unit(2, 0), e1 = kDifferenceStep * Vector::Unit(2, 1);
  Vector field(2);
  field[0] = -alpha * (first(z + e0) - first(z - e0)) / (2.0 * kDifferenceStep);
  field[1] = -lambda * (second(z + e1) - second(z - e1)) / (2.0 * kDifferenceStep);
  return field;
}

TEST(PerIterationModifiedLosses, FieldIsTheScaledNegativeGradientOfTheModifiedLosses) {
  const Vector anchor = (Vector(2) << 0.8, -0.6).finished();
  const Vector z = (Vector(2) << 0.83, -0.65).finished();
  double worst = 0.0;
  for (GanGeneratorLoss loss : {GanGeneratorLoss::kSaturating, GanGeneratorLoss::kNonSaturating}) {
    const DiracGan game(loss);
    for (const Case& c : cases()) {
      PerIterationModifiedLosses<DiracGan> losses(game, options_for(c, 0.07), anchor);
      Vector field(2);
      losses(z, field, 0.0);
      const Vector expected = scaled_negative_gradients([&](const Vector& x) { return losses.first_loss(x); },
                                                        [&](const Vector& x) { return losses.second_loss(x); }, z,
                                                        c.alpha, c.lambda);
      const double difference = (field - expected).lpNorm<Eigen::Infinity>();
      EXPECT_LE(difference, 1e-8) << to_string(loss) << " " << to_string(c.order);
      worst = std::max(worst, difference);
    }
  }
  std::printf("anchored fields vs −(α,λ)∇Ẽ: max difference %.3g\n", worst);
}

TEST(PerIterationModifiedLosses, AtTheAnchorTheFieldEqualsTheJointTimeModifiedFlow) {
  const Vector anchor = (Vector(2) << 0.8, -0.6).finished();
  for (GanGeneratorLoss loss : {GanGeneratorLoss::kSaturating, GanGeneratorLoss::kNonSaturating}) {
    const DiracGan game(loss);
    for (const Case& c : cases()) {
      PerIterationModifiedLosses<DiracGan> losses(game, options_for(c, 0.07), anchor);
      GameModifiedFlow<DiracGan> flow(game, options_for(c, 0.07));
      Vector anchored(2), joint(2);
      losses(anchor, anchored, 0.0);
      flow(anchor, joint, 0.0);
      EXPECT_LE((anchored - joint).lpNorm<Eigen::Infinity>(), 1e-15);
    }
  }
}

TEST(PerIterationModifiedLosses, ZeroSumTableLossesGenerateTheJointTimeFlow) {
  // bea.md §6.5, zero-sum E = E_θ (saturating Dirac-GAN), ∇_φE = f, ∇_θE = −g:
  //   L̃_φ = −E + (αh/4m)‖∇_φE‖² + c_φ(λh/4)‖∇_θE‖²,  c_φ = +1 for A_θ, −1 otherwise;
  //   L̃_θ =  E + (λh/4k)‖∇_θE‖² + c_θ(αh/4)‖∇_φE‖²,  c_θ = +1 for A_φ, −1 otherwise.
  const DiracGan game(GanGeneratorLoss::kSaturating);
  const double h = 0.07;
  double worst = 0.0;
  for (const Case& c : cases()) {
    const GameStepOptions options = options_for(c, h);
    const double c_first = c.order == UpdateOrder::kSecondPlayerFirst ? 1.0 : -1.0;
    const double c_second = c.order == UpdateOrder::kFirstPlayerFirst ? 1.0 : -1.0;
    const auto norms = [&](const Vector& x) {
      Vector v(2);
      game.field(x, v);
      return std::pair{v[0] * v[0], v[1] * v[1]};
    };
    const auto first = [&](const Vector& x) {
      const auto [phi_norm, theta_norm] = norms(x);
      return game.first_loss(x) + c.alpha * h / (4.0 * static_cast<double>(c.first_updates)) * phi_norm +
             c_first * c.lambda * h / 4.0 * theta_norm;
    };
    const auto second = [&](const Vector& x) {
      const auto [phi_norm, theta_norm] = norms(x);
      return game.second_loss(x) + c.lambda * h / (4.0 * static_cast<double>(c.second_updates)) * theta_norm +
             c_second * c.alpha * h / 4.0 * phi_norm;
    };
    GameModifiedFlow<DiracGan> flow(game, options);
    for (const Vector& z : {(Vector(2) << 0.8, -0.6).finished(), (Vector(2) << -1.1, 0.4).finished()}) {
      Vector field(2);
      flow(z, field, 0.0);
      const double difference =
          (field - scaled_negative_gradients(first, second, z, c.alpha, c.lambda)).lpNorm<Eigen::Infinity>();
      EXPECT_LE(difference, 1e-8) << to_string(c.order) << " m=" << c.first_updates << " k=" << c.second_updates;
      worst = std::max(worst, difference);
    }
  }
  std::printf("zero-sum table losses vs joint-time flow: max difference %.3g\n", worst);
}

TEST(PerIterationModifiedLosses, RejectsBadAnchorsAndOptions) {
  const DiracGan game(GanGeneratorLoss::kSaturating);
  const GameStepOptions good{.step_size = 0.1};
  EXPECT_THROW(PerIterationModifiedLosses<DiracGan>(game, good, Vector::Zero(3)), InvalidArgument);
  EXPECT_THROW(PerIterationModifiedLosses<DiracGan>(game, good, Vector::Constant(2, std::nan(""))), InvalidArgument);
  GameStepOptions several_simultaneous = good;
  several_simultaneous.first_player_updates = 2;
  EXPECT_THROW(GameModifiedFlow<DiracGan>(game, several_simultaneous), InvalidArgument);
  EXPECT_THROW(GameModifiedFlow<DiracGan>(game, {.step_size = -0.1}), InvalidArgument);
  EXPECT_THROW(GameModifiedFlow<DiracGan>(game, {.step_size = 0.1, .second_rate_factor = 0.0}), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
