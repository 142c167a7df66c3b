#include "lib/analysis/interpolator_sharpness.hpp"

#include <Eigen/Eigenvalues>

#include "lib/analysis/log_scaled_hyperbolic.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {

double interpolator_sharpness(const ConstMatrixRef& features, const ConstVectorRef& beta,
                              const ConstVectorRef& log_scale) {
  constexpr const char* kWhere = "interpolator_sharpness";
  require(features.rows() >= 1, kWhere, "X must have at least one row");
  require_size(beta.size(), features.cols(), kWhere, "β");
  require_size(log_scale.size(), features.cols(), kWhere, "ln κ");
  require_all_finite(features, kWhere, "X");
  require_all_finite(beta, kWhere, "β");
  require_all_finite(log_scale, kWhere, "ln κ");
  Vector weights(beta.size());
  for (Index j = 0; j < beta.size(); ++j) weights[j] = log_scaled::scaled_hypot(beta[j], log_scale[j]);
  require(weights.allFinite(), kWhere, "√(β² + κ²) overflows");
  const Matrix curvature =
      (2.0 / static_cast<double>(features.rows())) * features * weights.asDiagonal() * features.transpose();
  const Eigen::SelfAdjointEigenSolver<Matrix> eigen(curvature, Eigen::EigenvaluesOnly);
  return eigen.eigenvalues().maxCoeff();
}

}  // namespace sgdbias
