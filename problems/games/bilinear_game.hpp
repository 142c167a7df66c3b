#pragma once
// Bilinear zero-sum game E(φ, θ) = φᵀAθ, φ ∈ R^m maximises, θ ∈ R^n minimises (bea.md §6.8(a)).
// Min–min form: E_φ = −φᵀAθ, E_θ = φᵀAθ, so f = Aθ, g = −Aᵀφ, f_φ = g_θ = 0. The continuous game
// rotates in 2×2 blocks, one per singular value σ of A, and conserves λ‖φ‖² + α‖θ‖².
#include <memory>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"

namespace sgdbias::problems {

class BilinearGame {
 public:
  // `coupling` is A (m × n, both ≥ 1, finite).
  explicit BilinearGame(Matrix coupling);

  Index dimension() const { return first_player_dimension() + second_player_dimension(); }
  Index first_player_dimension() const { return coupling_->rows(); }
  Index second_player_dimension() const { return coupling_->cols(); }
  bool is_zero_sum() const { return true; }
  const Matrix& coupling() const { return *coupling_; }

  double first_loss(const ConstVectorRef& z) const;   // −φᵀAθ
  double second_loss(const ConstVectorRef& z) const;  //  φᵀAθ
  void field(const ConstVectorRef& z, VectorRef out) const;
  void jacobian_vector_product(const ConstVectorRef& z, const ConstVectorRef& direction, VectorRef out) const;
  void cross_gradient(const ConstVectorRef& z, VectorRef out) const;

 private:
  std::shared_ptr<const Matrix> coupling_;
};

static_assert(HasJacobianVectorProduct<BilinearGame> && HasPlayerLosses<BilinearGame> &&
              ReportsZeroSum<BilinearGame>);

}  // namespace sgdbias::problems
