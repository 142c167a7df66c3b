#pragma once
// Quadratic non-zero-sum game (bea.md §6.8(c), generalised to blocks):
//   E_φ = ½φᵀAφ + φᵀBθ,   E_θ = ½θᵀCθ − φᵀDθ,
// so f = −Aφ − Bθ, g = −Cθ + Dᵀφ and the game Jacobian is J = [[−A, −B], [Dᵀ, −C]] (constant).
// Zero-sum exactly when A = 0, C = 0 and B = D. The spec's scalar game (a, b, c, d) =
// (0.1, 1, 0.05, 0.6) is stable in continuous time but simultaneous GD loses stability at h ≈ 0.248.
#include <memory>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"

namespace sgdbias::problems {

class QuadraticGame {
 public:
  // A (m × m, symmetric), B (m × n), C (n × n, symmetric), D (m × n).
  QuadraticGame(Matrix first_curvature, Matrix first_coupling, Matrix second_curvature, Matrix second_coupling);
  // The scalar game E_φ = (a/2)φ² + bφθ, E_θ = (c/2)θ² − dφθ of bea.md §6.8(c).
  static QuadraticGame scalar(double a, double b, double c, double d);

  Index dimension() const { return first_player_dimension() + second_player_dimension(); }
  Index first_player_dimension() const { return matrices_->first_curvature.rows(); }
  Index second_player_dimension() const { return matrices_->second_curvature.rows(); }
  bool is_zero_sum() const;
  // The constant game Jacobian J = Dv.
  Matrix jacobian() const;

  double first_loss(const ConstVectorRef& z) const;
  double second_loss(const ConstVectorRef& z) const;
  void field(const ConstVectorRef& z, VectorRef out) const;
  void jacobian_vector_product(const ConstVectorRef& z, const ConstVectorRef& direction, VectorRef out) const;
  void cross_gradient(const ConstVectorRef& z, VectorRef out) const;

 private:
  struct Matrices {
    Matrix first_curvature, first_coupling, second_curvature, second_coupling;  // A, B, C, D
  };
  std::shared_ptr<const Matrices> matrices_;
};

static_assert(HasJacobianVectorProduct<QuadraticGame> && HasPlayerLosses<QuadraticGame> &&
              ReportsZeroSum<QuadraticGame>);

}  // namespace sgdbias::problems
