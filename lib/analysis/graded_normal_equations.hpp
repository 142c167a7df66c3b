#pragma once
// GradedNormalEquations: solves (X diag(w) Xᵀ + μI) s = g for weights w ≥ 0 that may span hundreds
// of orders of magnitude — the Newton system of the dual of dln.md §5 when ln κ spreads over ~100
// (κ∞ of long or large-step runs) — without forming X diag(w) Xᵀ.
//
// Why: the formed matrix adds e^{+50}-sized and e^{−50}-sized terms, so the small ones vanish in
// round-off and Cholesky returns a direction that is wrong in every weakly weighted direction.
// Instead the stacked matrix A = [diag(√w) Xᵀ; √μ I] ((d+n)×n, AᵀA = X diag(w) Xᵀ + μI) is factored
// by Householder QR with column pivoting after sorting its rows by decreasing norm, which is
// row-wise backward stable for such graded least-squares problems (Powell & Reid 1969; Cox & Higham,
// IMA J. Numer. Anal. 18, 1998): A P = QR, so s = P R⁻¹ R⁻ᵀ Pᵀ g with two triangular solves.
// Cost O((d+n)n²) per factorisation.
#include <vector>

#include <Eigen/QR>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

class GradedNormalEquations {
 public:
  explicit GradedNormalEquations(const Matrix& features);
  // Keeps a reference to X, which must outlive it: a temporary (an Eigen expression too) would dangle.
  explicit GradedNormalEquations(const Matrix&& temporary) = delete;

  // Factors the system for root weights √w (d finite entries ≥ 0) and damping μ ≥ 0. Returns
  // false when R has a zero or non-finite pivot (the system is singular: raise μ).
  bool factor(const ConstVectorRef& root_weights, double damping);
  // s with (X diag(w) Xᵀ + μI) s = g, for the last successful factor().
  void solve(const ConstVectorRef& rhs, VectorRef step);

 private:
  const Matrix& features_;
  Matrix stacked_;
  std::vector<Index> order_;
  Vector row_norms_;
  Vector work_;
  Eigen::ColPivHouseholderQR<Matrix> qr_;
};

}  // namespace sgdbias
