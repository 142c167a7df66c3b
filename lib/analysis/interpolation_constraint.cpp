#include "lib/analysis/interpolation_constraint.hpp"

#include <utility>

#include <Eigen/QR>

#include "lib/core/validation.hpp"

namespace sgdbias {
namespace {

constexpr const char* kWhere = "InterpolationConstraint";

// Throws the rank-deficiency error, saying whether y is still reachable.
[[noreturn]] void reject_rank_deficient(const Matrix& features, const Vector& targets, Index rank) {
  const Eigen::CompleteOrthogonalDecomposition<Matrix> decomposition(features);
  const Vector least_squares = decomposition.solve(targets);
  const double residual = (features * least_squares - targets).norm();
  const double reference = targets.norm() > 0.0 ? targets.norm() : 1.0;
  const bool in_range = residual <= 1e-10 * reference;
  throw InvalidArgument(
      kWhere, describe("the feature matrix X (", features.rows(), "×", features.cols(),
                       ") must have full row rank ", features.rows(), " but has numerical rank ", rank,
                       features.rows() > features.cols() ? " (more samples than features)" : "",
                       in_range ? "; y is in range(X), so some equations are redundant: remove them"
                                : describe("; y is NOT in range(X) (least-squares residual ",
                                           residual / reference, " relative): no β satisfies Xβ = y")));
}

}  // namespace

InterpolationConstraint::InterpolationConstraint(Matrix features, Vector targets) {
  require(features.rows() >= 1 && features.cols() >= 1, kWhere,
          "X must have at least one row and one column, got ", features.rows(), "×", features.cols());
  require_size(targets.size(), features.rows(), kWhere, "y (one label per row of X)");
  require_all_finite(features, kWhere, "X");
  require_all_finite(targets, kWhere, "y");

  const Eigen::ColPivHouseholderQR<Matrix> pivoted(features.transpose());
  if (pivoted.rank() < features.rows()) reject_rank_deficient(features, targets, pivoted.rank());

  const Eigen::HouseholderQR<Matrix> thin(features.transpose());
  const Index n = features.rows();
  Data data{std::move(features), std::move(targets), Matrix(), Matrix()};
  data.row_space_basis = thin.householderQ() * Matrix::Identity(data.features.cols(), n);
  data.row_space_triangle = thin.matrixQR().topRows(n).triangularView<Eigen::Upper>();
  data_ = std::make_shared<const Data>(std::move(data));
}

double InterpolationConstraint::relative_infeasibility(const ConstVectorRef& beta) const {
  require_size(beta.size(), num_features(), "InterpolationConstraint::relative_infeasibility", "β");
  const double residual = (features() * beta - targets()).norm();
  const double reference = targets().norm();
  return reference > 0.0 ? residual / reference : residual;
}

double InterpolationConstraint::relative_distance_from_row_space(const ConstVectorRef& v) const {
  require_size(v.size(), num_features(), "InterpolationConstraint::relative_distance_from_row_space", "v");
  const double norm = v.norm();
  if (norm == 0.0) return 0.0;
  const Vector coefficients = row_space_basis().transpose() * v;
  const Vector orthogonal = v - row_space_basis() * coefficients;
  return orthogonal.norm() / norm;
}

}  // namespace sgdbias
