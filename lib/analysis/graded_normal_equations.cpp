#include "lib/analysis/graded_normal_equations.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sgdbias {

GradedNormalEquations::GradedNormalEquations(const Matrix& features)
    : features_(features),
      stacked_(features.cols() + features.rows(), features.rows()),
      order_(static_cast<std::size_t>(features.cols() + features.rows())),
      row_norms_(features.cols() + features.rows()),
      work_(features.rows()),
      qr_(features.cols() + features.rows(), features.rows()) {}

bool GradedNormalEquations::factor(const ConstVectorRef& root_weights, double damping) {
  const Index d = features_.cols(), n = features_.rows();
  const double root_damping = std::sqrt(damping);
  // Row k < d is √w_k x_kᵀ (x_k column k of X); row d + i is √μ e_iᵀ.
  for (Index k = 0; k < d; ++k) row_norms_[k] = root_weights[k] * features_.col(k).norm();
  row_norms_.tail(n).setConstant(root_damping);
  std::iota(order_.begin(), order_.end(), Index{0});
  std::stable_sort(order_.begin(), order_.end(), [&](Index a, Index b) { return row_norms_[a] > row_norms_[b]; });
  for (Index row = 0; row < d + n; ++row) {
    const Index source = order_[static_cast<std::size_t>(row)];
    if (source < d) {
      stacked_.row(row) = root_weights[source] * features_.col(source).transpose();
    } else {
      stacked_.row(row).setZero();
      stacked_(row, source - d) = root_damping;
    }
  }
  // Threshold 0: a graded R legitimately has pivots hundreds of orders of magnitude apart, which
  // the default relative rank threshold would call zero.
  qr_.setThreshold(0.0);
  qr_.compute(stacked_);
  const auto pivots = qr_.matrixQR().diagonal().head(n).cwiseAbs();
  return pivots.allFinite() && pivots.minCoeff() > 0.0;
}

void GradedNormalEquations::solve(const ConstVectorRef& rhs, VectorRef step) {
  const Index n = features_.rows();
  const auto triangle = qr_.matrixQR().topLeftCorner(n, n).triangularView<Eigen::Upper>();
  work_.noalias() = qr_.colsPermutation().transpose() * rhs;  // Pᵀ g
  triangle.transpose().solveInPlace(work_);                   // R⁻ᵀ
  triangle.solveInPlace(work_);                               // R⁻¹
  step.noalias() = qr_.colsPermutation() * work_;             // P
}

}  // namespace sgdbias
