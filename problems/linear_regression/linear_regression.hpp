#pragma once
// LinearRegression: least squares on β directly, L(β) = c·MSE = (c/n)‖Xβ − y‖² (default
// c = 1/2), per-sample ℓ_i = c·r_i², minibatch L_B = (c/b)Σ_{i∈B} r_i². The state x is β ∈ R^d.
// Gradient (2c/n)Xᵀr, Hessian (2c/n)XᵀX (constant). Label-noise overloads as in
// DiagonalLinearNetwork (labels y_i + Δ_k, dln.md §6.4).
//
// Not thread-safe (mutable workspace); copies are cheap and share the data.
#include <memory>
#include <span>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "problems/data/dataset.hpp"
#include "problems/data/linear_model_data.hpp"

namespace sgdbias::problems {

class LinearRegression {
 public:
  explicit LinearRegression(Dataset data, double loss_scale = 0.5);
  explicit LinearRegression(std::shared_ptr<const LinearModelData> data, double loss_scale = 0.5);

  Index dimension() const { return data_->num_features(); }
  Index num_features() const { return data_->num_features(); }
  Index num_samples() const { return data_->num_samples(); }
  double loss_scale() const { return loss_scale_; }
  const Matrix& features() const { return data_->features(); }
  const Vector& targets() const { return data_->targets(); }
  const Vector& feature_second_moments() const { return data_->feature_second_moments(); }
  const std::shared_ptr<const LinearModelData>& data() const { return data_; }

  void residual(const ConstVectorRef& beta, VectorRef residual) const;  // r = Xβ − y
  double mean_squared_error(const ConstVectorRef& beta) const;

  double loss(const ConstVectorRef& beta) const;
  void gradient(const ConstVectorRef& beta, VectorRef gradient) const;
  void hessian_vector_product(const ConstVectorRef& beta, const ConstVectorRef& direction, VectorRef out) const;

  double batch_loss(const ConstVectorRef& beta, std::span<const Index> batch) const;
  void batch_gradient(const ConstVectorRef& beta, std::span<const Index> batch, VectorRef gradient) const;
  void batch_hessian_vector_product(const ConstVectorRef& beta, std::span<const Index> batch,
                                    const ConstVectorRef& direction, VectorRef out) const;
  double batch_loss(const ConstVectorRef& beta, std::span<const Index> batch,
                    std::span<const double> label_shifts) const;
  void batch_gradient(const ConstVectorRef& beta, std::span<const Index> batch,
                      std::span<const double> label_shifts, VectorRef gradient) const;

 private:
  void require_state(const ConstVectorRef& beta, const char* where) const;

  std::shared_ptr<const LinearModelData> data_;
  double loss_scale_;
  mutable Vector residual_;  // n
  mutable Vector scratch_;   // n
};

static_assert(HasBatchHessianVectorProduct<LinearRegression>);

}  // namespace sgdbias::problems
