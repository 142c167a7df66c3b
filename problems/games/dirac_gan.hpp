#pragma once
// The Dirac-GAN (bea.md §6.8(b), the setting of Mescheder et al. 2018 up to the sign of ψ): data at
// 0, the generator outputs θ ∈ R, the discriminator is D(x) = sigmoid(ψx). State z = (ψ, θ), ψ is
// the first player. Min–min losses:
//   E_ψ = softplus(ψθ),  E_θ = −softplus(ψθ) (saturating, zero-sum) or softplus(−ψθ) (non-saturating).
// Fields f = −θσ(ψθ), g = ψσ(ψθ) (sat) or ψσ(−ψθ) (NS). Both linearise at the equilibrium (0, 0)
// to the rotation J = [[0, −½], [½, 0]]; second derivatives are not constant, so it is the
// problem of the local-order checks (bea.md §8 check 9).
#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"
#include "lib/games/gan_generator_loss.hpp"

namespace sgdbias::problems {

class DiracGan {
 public:
  explicit DiracGan(GanGeneratorLoss generator_loss) : generator_loss_(generator_loss) {}

  Index dimension() const { return 2; }
  Index first_player_dimension() const { return 1; }
  GanGeneratorLoss generator_loss() const { return generator_loss_; }
  bool is_zero_sum() const { return generator_loss_ == GanGeneratorLoss::kSaturating; }

  double first_loss(const ConstVectorRef& z) const;
  double second_loss(const ConstVectorRef& z) const;
  void field(const ConstVectorRef& z, VectorRef out) const;
  void jacobian_vector_product(const ConstVectorRef& z, const ConstVectorRef& direction, VectorRef out) const;
  void cross_gradient(const ConstVectorRef& z, VectorRef out) const;

 private:
  GanGeneratorLoss generator_loss_;
};

static_assert(HasJacobianVectorProduct<DiracGan> && HasPlayerLosses<DiracGan> && ReportsZeroSum<DiracGan>);

}  // namespace sgdbias::problems
