// Fused GD / SGD steps of the diagonal network (declared in diagonal_linear_network.hpp): the hot
// loop of every discrete run, so each step reads x once for the update and the divergence test,
// and a batch-1 step touches only x_i, u and v (O(d), dln.md §7).
#include <algorithm>
#include <limits>

#include "lib/core/errors.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/diagonal_linear_network/layer_kernels.hpp"

namespace sgdbias::problems {
namespace {

// The threshold is capped at the largest double so that ±∞ fails the test even when the user
// allows any finite size.
double divergence_limit(double divergence_threshold) {
  return std::min(divergence_threshold, std::numeric_limits<double>::max());
}

}  // namespace

double DiagonalLinearNetwork::fused_sample_residual(const ConstVectorRef& x, Index sample, double shift) const {
  const Index d = num_features();
  const double prediction = layer_kernels::sample_prediction(
      parametrisation(), feature_row(sample), x.data(), x.data() + d, d);
  return (prediction - targets()[sample]) - shift;
}

// One batch-1 step (dln.md §7): r̃ = ⟨x_i, β⟩ − y_i − shift at the old state, then the layer
// update along x_i with rate·r̃; shared by batch_gradient_step and sample_steps, so both give the
// same bits.
bool DiagonalLinearNetwork::sample_step(VectorRef x, Index sample, double shift, double rate,
                                        double divergence_threshold) const {
  const double residual = fused_sample_residual(x, sample, shift);
  return update_layers(x, feature_row(sample), rate * residual, divergence_threshold);
}

bool DiagonalLinearNetwork::update_layers(VectorRef x, const double* direction, double rate,
                                          double divergence_threshold) const {
  const Index d = num_features();
  return layer_kernels::update_layers(parametrisation(), x.data(), x.data() + d, direction, rate,
                                       divergence_limit(divergence_threshold), d);
}

// ∇_βL = (2c/n)Xᵀr: the two GEMVs of the workspace, then one pass over x.
bool DiagonalLinearNetwork::gradient_step(VectorRef x, double step_size, double divergence_threshold) const {
  require_state(x, "DiagonalLinearNetwork::gradient_step");
  update_beta(x);
  data_->residual(beta_, residual_);
  data_->correlation(residual_, correlation_);
  const double rate = step_size * 2.0 * loss_scale() / static_cast<double>(num_samples());
  return update_layers(x, correlation_.data(), rate, divergence_threshold);
}

bool DiagonalLinearNetwork::gradient_steps(MatrixRef states, double step_size, double divergence_threshold) const {
  const Index d = num_features(), paths = states.cols();
  require(states.rows() == dimension(), "DiagonalLinearNetwork::gradient_steps", "states have ", states.rows(),
          " rows (expected 2d = ", dimension(), ")");
  if (beta_panel_.cols() != paths) {
    beta_panel_.resize(d, paths);
    correlation_panel_.resize(d, paths);
    residual_panel_.resize(num_samples(), paths);
  }
  for (Index k = 0; k < paths; ++k) write_beta(states.col(k), beta_panel_.col(k));
  data_->residuals(beta_panel_, residual_panel_);
  data_->correlations(residual_panel_, correlation_panel_);
  const double rate = step_size * 2.0 * loss_scale() / static_cast<double>(num_samples());
  bool within = true;
  for (Index k = 0; k < paths; ++k) {
    within = update_layers(states.col(k), correlation_panel_.col(k).data(), rate, divergence_threshold) && within;
  }
  return within;
}

// ∇_βL_B = (2c/b)Σ_k r̃_k x_k, every r̃_k at the old state (dln.md §7 with label noise §6.4).
bool DiagonalLinearNetwork::batch_gradient_step(VectorRef x, std::span<const Index> batch,
                                                std::span<const double> label_shifts, double step_size,
                                                double divergence_threshold) const {
  constexpr const char* where = "DiagonalLinearNetwork::batch_gradient_step";
  require_state(x, where);
  data_->validate_batch(batch, label_shifts, where);
  const double rate = step_size * 2.0 * loss_scale() / static_cast<double>(batch.size());
  const auto shift = [&](std::size_t k) { return label_shifts.empty() ? 0.0 : label_shifts[k]; };
  if (batch.size() == 1) return sample_step(x, batch[0], shift(0), rate, divergence_threshold);
  correlation_.setZero();  // x is only written below, so every r̃_k is taken at the old state
  for (std::size_t k = 0; k < batch.size(); ++k) {
    const double residual = fused_sample_residual(x, batch[k], shift(k));
    correlation_.noalias() += residual * data_->feature_rows().row(batch[k]).transpose();
  }
  return update_layers(x, correlation_.data(), rate, divergence_threshold);
}

Index DiagonalLinearNetwork::sample_steps(VectorRef x, std::span<const Index> samples, double step_size,
                                          double divergence_threshold) const {
  constexpr const char* where = "DiagonalLinearNetwork::sample_steps";
  require_state(x, where);
  if (samples.empty()) return 0;
  data_->validate_batch(samples, {}, where);  // every index, once for the whole run
  const double rate = step_size * 2.0 * loss_scale();  // batch_gradient_step's rate for b = 1
  // sample_step in turn, with each update also forming the next step's prediction from the new
  // layers (layer_kernels::update_layers_and_predict): the same bits, one pass over u, v per step.
  const Index d = num_features();
  const double limit = divergence_limit(divergence_threshold);
  const auto row = [&](std::size_t k) { return feature_row(samples[k]); };
  const std::size_t last = samples.size() - 1;
  double residual = fused_sample_residual(x, samples[0], 0.0);
  for (std::size_t k = 0; k < last; ++k) {
    double next_prediction = 0.0;
    if (!layer_kernels::update_layers_and_predict(parametrisation(), x.data(), x.data() + d, row(k), rate * residual,
                                                  limit, d, row(k + 1), next_prediction)) {
      return static_cast<Index>(k);
    }
    residual = next_prediction - targets()[samples[k + 1]];
  }
  if (!update_layers(x, row(last), rate * residual, divergence_threshold)) return static_cast<Index>(last);
  return static_cast<Index>(samples.size());
}

void DiagonalLinearNetwork::light_cone_steps(MatrixRef states, const ConstMatrixRef& directions,
                                             MatrixRef betas) const {
  const Index d = num_features();
  require(states.rows() == dimension() && directions.rows() == d && betas.rows() == d &&
              directions.cols() == states.cols() && betas.cols() == states.cols(),
          "DiagonalLinearNetwork::light_cone_steps", "states are ", states.rows(), " × ", states.cols(),
          ", directions ", directions.rows(), " × ", directions.cols(), ", β ", betas.rows(), " × ", betas.cols(),
          " (expected 2d = ", dimension(), ", d = ", d, " and d rows, one column per path)");
  for (Index k = 0; k < states.cols(); ++k) {
    double* u = states.col(k).data();
    layer_kernels::light_cone_step(parametrisation(), u, u + d, directions.col(k).data(), betas.col(k).data(), d);
  }
}

}  // namespace sgdbias::problems
