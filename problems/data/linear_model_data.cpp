#include "problems/data/linear_model_data.hpp"

#include <utility>

namespace sgdbias::problems {

LinearModelData::LinearModelData(Dataset data, std::string_view where) {
  validate_dataset(data, where);
  features_ = std::move(data.features);
  targets_ = std::move(data.targets);
  feature_rows_ = features_;
  feature_second_moments_ = features_.colwise().squaredNorm().transpose() / static_cast<double>(num_samples());
}

void LinearModelData::residual(const ConstVectorRef& beta, VectorRef residual) const {
  residual.noalias() = features_ * beta;
  residual -= targets_;
}

void LinearModelData::average_correlation(const ConstVectorRef& residual, VectorRef out) const {
  out.noalias() = features_.transpose() * residual;
  out /= static_cast<double>(num_samples());
}

void LinearModelData::average_gram_product(const ConstVectorRef& direction, VectorRef scratch,
                                           VectorRef out) const {
  scratch.noalias() = features_ * direction;
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
