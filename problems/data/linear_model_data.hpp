#pragma once
// LinearModelData: the immutable data behind every problem whose predictions are linear in a
// coefficient vector β (linear regression, diagonal linear networks, Fourier features).
//
// Held through std::shared_ptr<const LinearModelData> so that copies of a problem (one per
// thread / trajectory) share it. Besides X and y it keeps
//   * a row-major copy of X, so a minibatch gradient reads each sample x_i contiguously;
//   * D = diag(XᵀX/n) (dln.md §1), which drives the SGF scale decay (dln.md §6.3).
// The residual/gradient kernels below are written once here and reused by every problem.
#include <memory>
#include <span>
#include <string_view>

#include <Eigen/Core>

#include "lib/core/linear_algebra.hpp"
#include "problems/data/dataset.hpp"

namespace sgdbias::problems {

using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class LinearModelData {
 public:
  // Validates `data` (validate_dataset) and precomputes the row-major copy and D.
  LinearModelData(Dataset data, std::string_view where);

  static std::shared_ptr<const LinearModelData> make(Dataset data, std::string_view where) {
    return std::make_shared<const LinearModelData>(std::move(data), where);
  }

  Index num_samples() const { return features_.rows(); }
  Index num_features() const { return features_.cols(); }
  const Matrix& features() const { return features_; }
  const RowMajorMatrix& feature_rows() const { return feature_rows_; }
  const Vector& targets() const { return targets_; }
  // D_j = (1/n) Σ_i x_ij² (dln.md §1).
  const Vector& feature_second_moments() const { return feature_second_moments_; }

  // r = Xβ − y.
  void residual(const ConstVectorRef& beta, VectorRef residual) const;
  // r_i = ⟨x_i, β⟩ − y_i.
  double sample_residual(const ConstVectorRef& beta, Index sample) const {
    return feature_rows_.row(sample).dot(beta) - targets_[sample];
  }
  // out = Xᵀz = Σ_i z_i x_i for weights z ∈ R^n.
  void correlation(const ConstVectorRef& weights, VectorRef out) const;
  // K products at once (an ensemble's paths as columns, DiagonalNetworkSgfPaths): column k of
  // `residuals` (n × K) is X·β_k − y for column β_k of `betas` (d × K), column k of `out` (d × K) is
  // Xᵀw_k; each with exactly the bits of residual() / correlation() on that column
  // (combine_rows_for_paths), at GEMM rather than K-GEMV cost.
  void residuals(const ConstMatrixRef& betas, MatrixRef residuals) const;
  void correlations(const ConstMatrixRef& weights, MatrixRef out) const;
  // (1/n)Xᵀr given the full residual r.
  void average_correlation(const ConstVectorRef& residual, VectorRef out) const;
  // out = (1/n) XᵀX·direction, using `scratch` (size n) as workspace.
  void average_gram_product(const ConstVectorRef& direction, VectorRef scratch, VectorRef out) const;

  // Minibatch kernels. `label_shifts` is empty or has one entry per batch element: the label of
  // sample batch[k] is taken as y + label_shifts[k] (label noise, dln.md §6.4: r̃ = r − Δ).
  // Returns (1/b) Σ_k r̃_k² and writes out = (1/b) Σ_k r̃_k x_{batch[k]}.
  double batch_correlation(const ConstVectorRef& beta, std::span<const Index> batch,
                           std::span<const double> label_shifts, VectorRef out) const;
  // Returns (1/b) Σ_k r̃_k² only.
  double batch_mean_squared_residual(const ConstVectorRef& beta, std::span<const Index> batch,
                                     std::span<const double> label_shifts) const;
  // out = (1/b) Σ_k x_k ⟨x_k, direction⟩.
  void batch_gram_product(std::span<const Index> batch, const ConstVectorRef& direction,
                          VectorRef out) const;

  // Checks batch entries lie in [0, n) and label_shifts is empty or matches the batch.
  void validate_batch(std::span<const Index> batch, std::span<const double> label_shifts,
                      std::string_view where) const;

 private:
  Matrix features_;
  RowMajorMatrix feature_rows_;
  Vector targets_;
  Vector feature_second_moments_;
};

}  // namespace sgdbias::problems
