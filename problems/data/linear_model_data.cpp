#include "problems/data/linear_model_data.hpp"

#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/row_combination.hpp"

namespace sgdbias::problems {

LinearModelData::LinearModelData(Dataset data, std::string_view where) {
  validate_dataset(data, where);
  features_ = std::move(data.features);
  targets_ = std::move(data.targets);
  feature_rows_ = features_;
  feature_second_moments_ = features_.colwise().squaredNorm().transpose() / static_cast<double>(num_samples());
}

// Both products through combine_rows (lib/core/row_combination.hpp): Xβ as Σ_j β_j·(column j of
// the column-major X), Xᵀz as Σ_i z_i·(row i of the row-major copy). Raw pointers follow, so the
// sizes are checked here (one comparison each, not per entry).
void LinearModelData::residual(const ConstVectorRef& beta, VectorRef residual) const {
  require(beta.size() == num_features() && residual.size() == num_samples(), "LinearModelData::residual",
          "β has size ", beta.size(), " (expected d = ", num_features(), "), the residual ", residual.size(),
          " (expected n = ", num_samples(), ")");
  combine_rows(features_.data(), num_features(), num_samples(), beta.data(), residual.data());
  residual -= targets_;
}

void LinearModelData::correlation(const ConstVectorRef& weights, VectorRef out) const {
  require(weights.size() == num_samples() && out.size() == num_features(), "LinearModelData::correlation",
          "the weights have size ", weights.size(), " (expected n = ", num_samples(), "), the output ", out.size(),
          " (expected d = ", num_features(), ")");
  combine_rows(feature_rows_.data(), num_samples(), num_features(), weights.data(), out.data());
}

void LinearModelData::residuals(const ConstMatrixRef& betas, MatrixRef residuals) const {
  require(betas.rows() == num_features() && residuals.rows() == num_samples() && residuals.cols() == betas.cols(),
          "LinearModelData::residuals", "β panel is ", betas.rows(), " × ", betas.cols(), " (expected d = ",
          num_features(), " rows), the residuals ", residuals.rows(), " × ", residuals.cols(), " (expected n = ",
          num_samples(), " rows and as many columns)");
  combine_rows_for_paths(features_.data(), num_features(), num_samples(), betas.cols(), betas.data(),
                         betas.outerStride(), residuals.data(), residuals.outerStride());
  residuals.colwise() -= targets_;
}

void LinearModelData::correlations(const ConstMatrixRef& weights, MatrixRef out) const {
  require(weights.rows() == num_samples() && out.rows() == num_features() && out.cols() == weights.cols(),
          "LinearModelData::correlations", "weight panel is ", weights.rows(), " × ", weights.cols(),
          " (expected n = ", num_samples(), " rows), the output ", out.rows(), " × ", out.cols(), " (expected d = ",
          num_features(), " rows and as many columns)");
  combine_rows_for_paths(feature_rows_.data(), num_samples(), num_features(), weights.cols(), weights.data(),
                         weights.outerStride(), out.data(), out.outerStride());
}

void LinearModelData::average_correlation(const ConstVectorRef& residual, VectorRef out) const {
  correlation(residual, out);
  out /= static_cast<double>(num_samples());
}

void LinearModelData::average_gram_product(const ConstVectorRef& direction, VectorRef scratch,
                                           VectorRef out) const {
  require(direction.size() == num_features() && scratch.size() == num_samples(), "LinearModelData::average_gram_product",
          "the direction has size ", direction.size(), " (expected d = ", num_features(), "), the scratch ",
          scratch.size(), " (expected n = ", num_samples(), ")");
  combine_rows(features_.data(), num_features(), num_samples(), direction.data(), scratch.data());  // X·direction
  average_correlation(scratch, out);
}

double LinearModelData::batch_correlation(const ConstVectorRef& beta, std::span<const Index> batch,
                                          std::span<const double> label_shifts, VectorRef out) const {
  out.setZero();
  double sum_of_squares = 0.0;
  for (std::size_t k = 0; k < batch.size(); ++k) {
    double r = sample_residual(beta, batch[k]);
    if (!label_shifts.empty()) r -= label_shifts[k];
    sum_of_squares += r * r;
    out.noalias() += r * feature_rows_.row(batch[k]).transpose();
  }
  const double b = static_cast<double>(batch.size());
  out /= b;
  return sum_of_squares / b;
}

double LinearModelData::batch_mean_squared_residual(const ConstVectorRef& beta, std::span<const Index> batch,
                                                    std::span<const double> label_shifts) const {
  double sum_of_squares = 0.0;
  for (std::size_t k = 0; k < batch.size(); ++k) {
    double r = sample_residual(beta, batch[k]);
    if (!label_shifts.empty()) r -= label_shifts[k];
    sum_of_squares += r * r;
  }
  return sum_of_squares / static_cast<double>(batch.size());
}

void LinearModelData::batch_gram_product(std::span<const Index> batch, const ConstVectorRef& direction,
                                         VectorRef out) const {
  out.setZero();
  for (const Index i : batch) out.noalias() += feature_rows_.row(i).dot(direction) * feature_rows_.row(i).transpose();
  out /= static_cast<double>(batch.size());
}

void LinearModelData::validate_batch(std::span<const Index> batch, std::span<const double> label_shifts,
                                     std::string_view where) const {
  require(!batch.empty(), where, "the minibatch is empty (batch size must be in [1, n = ", num_samples(), "])");
  for (const Index i : batch)
    require(i >= 0 && i < num_samples(), where, "minibatch index ", i, " is outside [0, n = ", num_samples(), ")");
  require(label_shifts.empty() || label_shifts.size() == batch.size(), where, "label_shifts has ",
          label_shifts.size(), " entries but the minibatch has ", batch.size(), " (give one shift per batch element)");
}

}  // namespace sgdbias::problems
