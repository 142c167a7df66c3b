#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

#include <cmath>
#include <numbers>

#include "lib/core/errors.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias::problems {
namespace {
constexpr std::string_view kWhere = "DiagonalLinearNetwork";
}  // namespace

DiagonalLinearNetwork::DiagonalLinearNetwork(Dataset data, DlnConvention convention)
    : DiagonalLinearNetwork(LinearModelData::make(std::move(data), kWhere), std::move(convention)) {}

DiagonalLinearNetwork::DiagonalLinearNetwork(std::shared_ptr<const LinearModelData> data,
                                             DlnConvention convention)
    : data_(std::move(data)), convention_(std::move(convention)) {
  require(data_ != nullptr, kWhere, "data must not be null");
  const Index d = num_features();
  log_initial_scale_ = convention_.log_initial_scale(d);  // also checks the size of a vector α
  initial_scale_ = log_initial_scale_.array().exp().matrix();
  beta_.resize(d);
  residual_.resize(num_samples());
  correlation_.resize(d);
  beta_direction_.resize(d);
  gram_direction_.resize(d);
  sample_scratch_.resize(num_samples());
}

void DiagonalLinearNetwork::require_state(const ConstVectorRef& x, const char* where) const {
  require(x.size() == dimension(), where, "state x = [u; v] has size ", x.size(), ", expected 2d = ",
          dimension());
}

void DiagonalLinearNetwork::write_beta(const ConstVectorRef& x, VectorRef beta) const {
  const Index d = num_features();
  if (parametrisation() == DlnParametrisation::kSquareDifference) {
    beta = x.head(d).array().square() - x.tail(d).array().square();
  } else {
    beta = x.head(d).cwiseProduct(x.tail(d));
  }
}

void DiagonalLinearNetwork::update_beta(const ConstVectorRef& x) const { write_beta(x, beta_); }

void DiagonalLinearNetwork::beta(const ConstVectorRef& x, VectorRef beta) const {
  require_state(x, "DiagonalLinearNetwork::beta");
  require_size(beta.size(), num_features(), "DiagonalLinearNetwork::beta", "output β");
  write_beta(x, beta);
}

Vector DiagonalLinearNetwork::beta(const ConstVectorRef& x) const {
  Vector out(num_features());
  beta(x, out);
  return out;
}

void DiagonalLinearNetwork::residual(const ConstVectorRef& x, VectorRef residual) const {
  require_state(x, "DiagonalLinearNetwork::residual");
  require_size(residual.size(), num_samples(), "DiagonalLinearNetwork::residual", "output residual");
  update_beta(x);
  data_->residual(beta_, residual);
}

double DiagonalLinearNetwork::mean_squared_error(const ConstVectorRef& x) const {
  require_state(x, "DiagonalLinearNetwork::mean_squared_error");
  update_beta(x);
  data_->residual(beta_, residual_);
  return residual_.squaredNorm() / static_cast<double>(num_samples());
}

double DiagonalLinearNetwork::loss(const ConstVectorRef& x) const { return loss_scale() * mean_squared_error(x); }

double DiagonalLinearNetwork::multiplier_factor() const {
  return (parametrisation() == DlnParametrisation::kSquareDifference ? 4.0 : 2.0) * loss_scale();
}

void DiagonalLinearNetwork::pull_back(const ConstVectorRef& x, const ConstVectorRef& beta_gradient,
                                      VectorRef gradient) const {
  const Index d = num_features();
  if (parametrisation() == DlnParametrisation::kSquareDifference) {
    gradient.head(d) = 2.0 * x.head(d).cwiseProduct(beta_gradient);  // ∂β/∂u = 2u
    gradient.tail(d) = -2.0 * x.tail(d).cwiseProduct(beta_gradient);  // ∂β/∂v = −2v
  } else {
    gradient.head(d) = x.tail(d).cwiseProduct(beta_gradient);  // ∂β/∂u = v
    gradient.tail(d) = x.head(d).cwiseProduct(beta_gradient);  // ∂β/∂v = u
  }
}

void DiagonalLinearNetwork::gradient(const ConstVectorRef& x, VectorRef gradient) const {
  require_state(x, "DiagonalLinearNetwork::gradient");
  require_size(gradient.size(), dimension(), "DiagonalLinearNetwork::gradient", "output gradient");
  update_beta(x);
  data_->residual(beta_, residual_);
  data_->average_correlation(residual_, correlation_);
  correlation_ *= 2.0 * loss_scale();  // ∇_β L = (2c/n) Xᵀr
  pull_back(x, correlation_, gradient);
}

void DiagonalLinearNetwork::beta_gradient(const ConstVectorRef& x, VectorRef out) const {
  require_state(x, "DiagonalLinearNetwork::beta_gradient");
  require_size(out.size(), num_features(), "DiagonalLinearNetwork::beta_gradient", "output");
  update_beta(x);
  data_->residual(beta_, residual_);
  data_->average_correlation(residual_, out);
  out *= 2.0 * loss_scale();
}

void DiagonalLinearNetwork::multiplier_gradient(const ConstVectorRef& x, VectorRef out) const {
  require_state(x, "DiagonalLinearNetwork::multiplier_gradient");
  require_size(out.size(), num_features(), "DiagonalLinearNetwork::multiplier_gradient", "output");
  update_beta(x);
  data_->residual(beta_, residual_);
  data_->average_correlation(residual_, out);
  out *= multiplier_factor();
}

void DiagonalLinearNetwork::batch_multiplier_gradient(const ConstVectorRef& x, std::span<const Index> batch,
                                                      std::span<const double> label_shifts, VectorRef out) const {
  require_state(x, "DiagonalLinearNetwork::batch_multiplier_gradient");
  require_size(out.size(), num_features(), "DiagonalLinearNetwork::batch_multiplier_gradient", "output");
  data_->validate_batch(batch, label_shifts, "DiagonalLinearNetwork::batch_multiplier_gradient");
  update_beta(x);
  data_->batch_correlation(beta_, batch, label_shifts, out);
  out *= multiplier_factor();
}

// Second-order term of the chain rule: Σ_j (∇_βL)_j ∇²β_j applied to direction = (a, b).
// β = u²−v²: (2g⊙a, −2g⊙b); β = u⊙v: (g⊙b, g⊙a).
void DiagonalLinearNetwork::hessian_pull_back(const ConstVectorRef& x, const ConstVectorRef& direction,
                                              VectorRef out) const {
  const Index d = num_features();
  pull_back(x, gram_direction_, out);
  if (parametrisation() == DlnParametrisation::kSquareDifference) {
    out.head(d) += 2.0 * correlation_.cwiseProduct(direction.head(d));
    out.tail(d) -= 2.0 * correlation_.cwiseProduct(direction.tail(d));
  } else {
    out.head(d) += correlation_.cwiseProduct(direction.tail(d));
    out.tail(d) += correlation_.cwiseProduct(direction.head(d));
  }
}

// ∇²L·w = Jᵀ(∇²_βL)(Jw) + Σ_j (∇_βL)_j ∇²β_j w, with ∇²_βL = (2c/n)XᵀX (dln.md §3).
void DiagonalLinearNetwork::hessian_vector_product(const ConstVectorRef& x, const ConstVectorRef& direction,
                                                   VectorRef out) const {
  constexpr const char* where = "DiagonalLinearNetwork::hessian_vector_product";
  require_state(x, where);
  require_size(direction.size(), dimension(), where, "direction");
  require_size(out.size(), dimension(), where, "output");
  const Index d = num_features();
  update_beta(x);
  data_->residual(beta_, residual_);
  data_->average_correlation(residual_, correlation_);
  correlation_ *= 2.0 * loss_scale();
  if (parametrisation() == DlnParametrisation::kSquareDifference) {
    beta_direction_ = 2.0 * (x.head(d).cwiseProduct(direction.head(d)) - x.tail(d).cwiseProduct(direction.tail(d)));
  } else {
    beta_direction_ = x.tail(d).cwiseProduct(direction.head(d)) + x.head(d).cwiseProduct(direction.tail(d));
  }
  data_->average_gram_product(beta_direction_, sample_scratch_, gram_direction_);
  gram_direction_ *= 2.0 * loss_scale();
  hessian_pull_back(x, direction, out);
}

double DiagonalLinearNetwork::batch_loss(const ConstVectorRef& x, std::span<const Index> batch) const {
  return batch_loss(x, batch, {});
}

double DiagonalLinearNetwork::batch_loss(const ConstVectorRef& x, std::span<const Index> batch,
                                         std::span<const double> label_shifts) const {
  require_state(x, "DiagonalLinearNetwork::batch_loss");
  data_->validate_batch(batch, label_shifts, "DiagonalLinearNetwork::batch_loss");
  update_beta(x);
  return loss_scale() * data_->batch_mean_squared_residual(beta_, batch, label_shifts);
}

void DiagonalLinearNetwork::batch_gradient(const ConstVectorRef& x, std::span<const Index> batch,
                                           VectorRef gradient) const {
  batch_gradient(x, batch, {}, gradient);
}

void DiagonalLinearNetwork::batch_gradient(const ConstVectorRef& x, std::span<const Index> batch,
                                           std::span<const double> label_shifts, VectorRef gradient) const {
  constexpr const char* where = "DiagonalLinearNetwork::batch_gradient";
  require_state(x, where);
  require_size(gradient.size(), dimension(), where, "output gradient");
  data_->validate_batch(batch, label_shifts, where);
  update_beta(x);
  data_->batch_correlation(beta_, batch, label_shifts, correlation_);
  correlation_ *= 2.0 * loss_scale();  // ∇_β L_B = (2c/b) Σ r̃_i x_i
  pull_back(x, correlation_, gradient);
}

void DiagonalLinearNetwork::batch_hessian_vector_product(const ConstVectorRef& x, std::span<const Index> batch,
                                                         const ConstVectorRef& direction, VectorRef out) const {
  constexpr const char* where = "DiagonalLinearNetwork::batch_hessian_vector_product";
  require_state(x, where);
  require_size(direction.size(), dimension(), where, "direction");
  require_size(out.size(), dimension(), where, "output");
  data_->validate_batch(batch, {}, where);
  const Index d = num_features();
  update_beta(x);
  data_->batch_correlation(beta_, batch, {}, correlation_);
  correlation_ *= 2.0 * loss_scale();
  if (parametrisation() == DlnParametrisation::kSquareDifference) {
    beta_direction_ = 2.0 * (x.head(d).cwiseProduct(direction.head(d)) - x.tail(d).cwiseProduct(direction.tail(d)));
  } else {
    beta_direction_ = x.tail(d).cwiseProduct(direction.head(d)) + x.head(d).cwiseProduct(direction.tail(d));
  }
  data_->batch_gram_product(batch, beta_direction_, gram_direction_);
  gram_direction_ *= 2.0 * loss_scale();
  hessian_pull_back(x, direction, out);
}

void DiagonalLinearNetwork::log_scale(const ConstVectorRef& x, VectorRef out) const {
  require_state(x, "DiagonalLinearNetwork::log_scale");
  require_size(out.size(), num_features(), "DiagonalLinearNetwork::log_scale", "output");
  const Index d = num_features();
  for (Index j = 0; j < d; ++j) {
    const double u = x[j];
    const double v = x[d + j];
    out[j] = parametrisation() == DlnParametrisation::kSquareDifference
                 ? std::numbers::ln2 + std::log(std::abs(u)) + std::log(std::abs(v))
                 : std::log(std::abs(u - v)) + std::log(std::abs(u + v)) - std::numbers::ln2;
  }
}

void DiagonalLinearNetwork::scale(const ConstVectorRef& x, VectorRef out) const {
  log_scale(x, out);
  out = out.array().exp().matrix();
}

void DiagonalLinearNetwork::mirror_coordinate(const ConstVectorRef& x, VectorRef out) const {
  require_state(x, "DiagonalLinearNetwork::mirror_coordinate");
  require_size(out.size(), num_features(), "DiagonalLinearNetwork::mirror_coordinate", "output");
  const Index d = num_features();
  for (Index j = 0; j < d; ++j) {
    const double u = x[j];
    const double v = x[d + j];
    // ζ = ln(u/v) (dln.md §3.1); ζ = ln(w₊/w₋) = ln|(u+v)/(u−v)| (dln.md §3.2).
    out[j] = parametrisation() == DlnParametrisation::kSquareDifference
                 ? std::log(std::abs(u)) - std::log(std::abs(v))
                 : std::log(std::abs(u + v)) - std::log(std::abs(u - v));
  }
}

}  // namespace sgdbias::problems
