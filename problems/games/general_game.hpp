#pragma once
// A general two-player game built from two user-supplied losses (bea.md §6.1, §6.6). Each loss is
// given on the joint state z = [φ; θ] with its joint gradient and joint Hessian-vector product;
// the game then provides f = −∇_φE_φ, g = −∇_θE_θ and Dv·w, whose φ-block is the φ-block of
// −∇²E_φ·w and whose θ-block is the θ-block of −∇²E_θ·w (one joint HVP per player).
#include <functional>
#include <memory>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"

namespace sgdbias::problems {

// One player's loss E(z) as oracles on the joint state; all three must be set.
struct JointLoss {
  std::function<double(const ConstVectorRef& z)> loss;
  std::function<void(const ConstVectorRef& z, VectorRef gradient)> gradient;  // ∇_z E, size m + n
  std::function<void(const ConstVectorRef& z, const ConstVectorRef& direction, VectorRef out)>
      hessian_vector_product;  // ∇²_z E · direction
};

class GeneralGame {
 public:
  GeneralGame(Index first_player_dimension, Index second_player_dimension, JointLoss first_loss,
              JointLoss second_loss);

  Index dimension() const { return first_dimension_ + second_dimension_; }
  Index first_player_dimension() const { return first_dimension_; }

  double first_loss(const ConstVectorRef& z) const;
  double second_loss(const ConstVectorRef& z) const;
  void field(const ConstVectorRef& z, VectorRef out) const;
  void jacobian_vector_product(const ConstVectorRef& z, const ConstVectorRef& direction, VectorRef out) const;
  void cross_gradient(const ConstVectorRef& z, VectorRef out) const;

 private:
  struct Losses {
    JointLoss first, second;
  };
  Index first_dimension_;
  Index second_dimension_;
  std::shared_ptr<const Losses> losses_;
  mutable Vector workspace_;  // one joint gradient / HVP
};

static_assert(HasJacobianVectorProduct<GeneralGame> && HasPlayerLosses<GeneralGame>);

}  // namespace sgdbias::problems
