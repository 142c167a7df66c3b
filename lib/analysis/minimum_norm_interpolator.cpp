#include "lib/analysis/minimum_norm_interpolator.hpp"

#include <Eigen/QR>

#include "lib/core/validation.hpp"

namespace sgdbias {

// With Xᵀ = QR: Xᵀ(XXᵀ)⁻¹y = QR(RᵀR)⁻¹y = Q R⁻ᵀ y.
Vector minimum_l2_interpolator(const InterpolationConstraint& constraint) {
  const Vector coefficients =
      constraint.row_space_triangle().transpose().triangularView<Eigen::Lower>().solve(constraint.targets());
  return constraint.row_space_basis() * coefficients;
}

// With A = K^{1/2}Xᵀ = QR: KXᵀ(XKXᵀ)⁻¹y = K^{1/2} Q R⁻ᵀ y.
Vector minimum_weighted_l2_interpolator(const InterpolationConstraint& constraint, const ConstVectorRef& weights) {
  constexpr const char* kWhere = "minimum_weighted_l2_interpolator";
  require_size(weights.size(), constraint.num_features(), kWhere, "weights κ");
  require((weights.array() > 0.0).all() && weights.allFinite(), kWhere,
          "every weight κ_j must be finite and > 0");
  const Vector root_weights = weights.array().sqrt().matrix();
  const Matrix scaled = root_weights.asDiagonal() * constraint.features().transpose();
  const Eigen::HouseholderQR<Matrix> qr(scaled);
  const Index n = constraint.num_samples();
  const Matrix triangle = qr.matrixQR().topRows(n).triangularView<Eigen::Upper>();
  require(triangle.diagonal().cwiseAbs().minCoeff() > 0.0, kWhere,
          "the weighted system X diag(κ) Xᵀ is singular in double precision (weights too extreme)");
  Vector padded = Vector::Zero(constraint.num_features());
  padded.head(n) = triangle.transpose().triangularView<Eigen::Lower>().solve(constraint.targets());
  const Vector unscaled = qr.householderQ() * padded;
  return root_weights.cwiseProduct(unscaled);
}

}  // namespace sgdbias
