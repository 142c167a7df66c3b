#pragma once
// InterpolationConstraint: the affine set {β : Xβ = y} every implicit-bias arg-min is taken
// over (dln.md §4, §5). Validated once: X (n×d) and y finite, y of length n, and X of full row
// rank n (so every y is reachable and the dual Newton system X diag(W) Xᵀ is nonsingular).
// When X is rank deficient the error says whether y is still in range(X) (redundant equations,
// drop them) or not (no interpolator exists).
//
// Keeps a thin QR factorisation Xᵀ = QR (Q: d×n orthonormal, R: n×n upper triangular) for the
// closed-form ℓ2 interpolators and for measuring distances from range(Xᵀ) (KKT residuals).
// Immutable; copies share the data.
#include <memory>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

class InterpolationConstraint {
 public:
  InterpolationConstraint(Matrix features, Vector targets);

  Index num_samples() const { return data_->features.rows(); }   // n
  Index num_features() const { return data_->features.cols(); }  // d
  const Matrix& features() const { return data_->features; }     // X
  const Vector& targets() const { return data_->targets; }       // y

  // ‖Xβ − y‖ / ‖y‖ (absolute ‖Xβ − y‖ when y = 0).
  double relative_infeasibility(const ConstVectorRef& beta) const;
  // ‖v − Π v‖ / ‖v‖ with Π the orthogonal projector onto range(Xᵀ) (0 for v = 0).
  double relative_distance_from_row_space(const ConstVectorRef& v) const;
  // Q of Xᵀ = QR (d×n, orthonormal columns spanning range(Xᵀ)).
  const Matrix& row_space_basis() const { return data_->row_space_basis; }
  // R of Xᵀ = QR (n×n upper triangular, nonsingular): XXᵀ = RᵀR.
  const Matrix& row_space_triangle() const { return data_->row_space_triangle; }

 private:
  struct Data {
    Matrix features;
    Vector targets;
    Matrix row_space_basis;
    Matrix row_space_triangle;
  };
  std::shared_ptr<const Data> data_;
};

}  // namespace sgdbias
