#include "problems/linear_regression/linear_regression.hpp"

#include "lib/core/errors.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias::problems {
namespace {
constexpr std::string_view kWhere = "LinearRegression";
}  // namespace

LinearRegression::LinearRegression(Dataset data, double loss_scale)
    : LinearRegression(LinearModelData::make(std::move(data), kWhere), loss_scale) {}

LinearRegression::LinearRegression(std::shared_ptr<const LinearModelData> data, double loss_scale)
    : data_(std::move(data)), loss_scale_(loss_scale) {
  require(data_ != nullptr, kWhere, "data must not be null");
  require_positive_finite(loss_scale, kWhere, "loss scale c (L = c·MSE)");
  residual_.resize(num_samples());
  scratch_.resize(num_samples());
}

void LinearRegression::require_state(const ConstVectorRef& beta, const char* where) const {
  require(beta.size() == dimension(), where, "β has size ", beta.size(), ", expected d = ", dimension());
}

void LinearRegression::residual(const ConstVectorRef& beta, VectorRef residual) const {
  require_state(beta, "LinearRegression::residual");
  require_size(residual.size(), num_samples(), "LinearRegression::residual", "output residual");
  data_->residual(beta, residual);
}

double LinearRegression::mean_squared_error(const ConstVectorRef& beta) const {
  require_state(beta, "LinearRegression::mean_squared_error");
  data_->residual(beta, residual_);
  return residual_.squaredNorm() / static_cast<double>(num_samples());
}

double LinearRegression::loss(const ConstVectorRef& beta) const { return loss_scale_ * mean_squared_error(beta); }

void LinearRegression::gradient(const ConstVectorRef& beta, VectorRef gradient) const {
  require_state(beta, "LinearRegression::gradient");
  require_size(gradient.size(), dimension(), "LinearRegression::gradient", "output gradient");
  data_->residual(beta, residual_);
  data_->average_correlation(residual_, gradient);
  gradient *= 2.0 * loss_scale_;
}

void LinearRegression::hessian_vector_product(const ConstVectorRef& beta, const ConstVectorRef& direction,
                                              VectorRef out) const {
  require_state(beta, "LinearRegression::hessian_vector_product");
  require_size(direction.size(), dimension(), "LinearRegression::hessian_vector_product", "direction");
  require_size(out.size(), dimension(), "LinearRegression::hessian_vector_product", "output");
  data_->average_gram_product(direction, scratch_, out);
  out *= 2.0 * loss_scale_;
}

double LinearRegression::batch_loss(const ConstVectorRef& beta, std::span<const Index> batch) const {
  return batch_loss(beta, batch, {});
}

double LinearRegression::batch_loss(const ConstVectorRef& beta, std::span<const Index> batch,
                                    std::span<const double> label_shifts) const {
  require_state(beta, "LinearRegression::batch_loss");
  data_->validate_batch(batch, label_shifts, "LinearRegression::batch_loss");
  return loss_scale_ * data_->batch_mean_squared_residual(beta, batch, label_shifts);
}

void LinearRegression::batch_gradient(const ConstVectorRef& beta, std::span<const Index> batch,
                                      VectorRef gradient) const {
  batch_gradient(beta, batch, {}, gradient);
}

void LinearRegression::batch_gradient(const ConstVectorRef& beta, std::span<const Index> batch,
                                      std::span<const double> label_shifts, VectorRef gradient) const {
  require_state(beta, "LinearRegression::batch_gradient");
  require_size(gradient.size(), dimension(), "LinearRegression::batch_gradient", "output gradient");
  data_->validate_batch(batch, label_shifts, "LinearRegression::batch_gradient");
  data_->batch_correlation(beta, batch, label_shifts, gradient);
  gradient *= 2.0 * loss_scale_;
}

void LinearRegression::batch_hessian_vector_product(const ConstVectorRef& beta, std::span<const Index> batch,
                                                    const ConstVectorRef& direction, VectorRef out) const {
  require_state(beta, "LinearRegression::batch_hessian_vector_product");
  require_size(direction.size(), dimension(), "LinearRegression::batch_hessian_vector_product", "direction");
  require_size(out.size(), dimension(), "LinearRegression::batch_hessian_vector_product", "output");
  data_->validate_batch(batch, {}, "LinearRegression::batch_hessian_vector_product");
  data_->batch_gram_product(batch, direction, out);
  out *= 2.0 * loss_scale_;
}

}  // namespace sgdbias::problems
