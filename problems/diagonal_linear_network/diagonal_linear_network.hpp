#pragma once
// DiagonalLinearNetwork: the two-layer diagonal linear network of dln.md §3 as a problem.
//
// State x = [u; v] ∈ R^{2d}; β = u⊙u − v⊙v or β = u⊙v (DlnConvention); loss
//   L(x) = c·MSE(β) = (c/n)‖Xβ − y‖²,  per-sample ℓ_i = c·r_i²,  minibatch L_B = (c/b)Σ_{i∈B} r_i²,
// with c the convention's loss scale (1/4 for ppf, 1/2 for the product conventions; dln.md §3.3).
// All derivatives are exact (chain rule through β, dln.md §3.1–§3.2); curvature only as HVPs.
//
// Satisfies DifferentiableObjective, HasHessianVectorProduct, FiniteSumObjective and
// HasBatchHessianVectorProduct (static_asserts at the end). Label noise (dln.md §6.4): every
// batch method also has an overload taking `label_shifts` Δ (one per batch element) that uses
// the labels y_i + Δ_k, i.e. residuals r_i − Δ_k.
//
// Not thread-safe (mutable workspace); copies are cheap and share the data: one copy per thread.
#include <memory>
#include <span>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "problems/data/dataset.hpp"
#include "problems/data/linear_model_data.hpp"
#include "problems/diagonal_linear_network/dln_convention.hpp"

namespace sgdbias::problems {

class DiagonalLinearNetwork {
 public:
  DiagonalLinearNetwork(Dataset data, DlnConvention convention);
  DiagonalLinearNetwork(std::shared_ptr<const LinearModelData> data, DlnConvention convention);

  // ---- sizes, data, convention -------------------------------------------------------------
  Index dimension() const { return 2 * num_features(); }  // size of x = [u; v]
  Index num_features() const { return data_->num_features(); }  // d
  Index num_samples() const { return data_->num_samples(); }  // n
  const DlnConvention& convention() const { return convention_; }
  DlnParametrisation parametrisation() const { return convention_.parametrisation(); }
  double loss_scale() const { return convention_.loss_scale(); }
  const Matrix& features() const { return data_->features(); }  // X (n×d)
  const Vector& targets() const { return data_->targets(); }    // y
  const Vector& feature_second_moments() const { return data_->feature_second_moments(); }  // D
  const std::shared_ptr<const LinearModelData>& data() const { return data_; }

  // x₀, κ₀ and ln κ₀ of the convention for this d (dln.md §3.3).
  Vector initial_state() const { return convention_.initial_state(num_features()); }
  const Vector& initial_scale() const { return initial_scale_; }
  const Vector& log_initial_scale() const { return log_initial_scale_; }

  // ---- β-space views -------------------------------------------------------------------------
  void beta(const ConstVectorRef& x, VectorRef beta) const;
  Vector beta(const ConstVectorRef& x) const;
  void residual(const ConstVectorRef& x, VectorRef residual) const;  // r = Xβ − y ∈ R^n
  // out = Xᵀz ∈ R^d for z ∈ R^n (the SGF's noise and drift directions, dln.md §6.2).
  void feature_correlation(const ConstVectorRef& z, VectorRef out) const { data_->correlation(z, out); }
  // Both products for K paths at once (columns; LinearModelData::residuals / correlations): column
  // k of `residuals` = Xβ_k − y, column k of `out` = Xᵀz_k, with the bits of the one-path calls.
  void beta_residuals(const ConstMatrixRef& betas, MatrixRef residuals) const { data_->residuals(betas, residuals); }
  void feature_correlations(const ConstMatrixRef& weights, MatrixRef out) const { data_->correlations(weights, out); }
  // The SGF's Euler–Maruyama update of K paths (columns of the 2d × K `states`) by the light-cone
  // field of column k of `directions` (d × K), with each new β_k written to column k of `betas`
  // (layer_kernels::light_cone_step: the single-path step's bits).
  void light_cone_steps(MatrixRef states, const ConstMatrixRef& directions, MatrixRef betas) const;
  double mean_squared_error(const ConstVectorRef& x) const;          // ‖r‖²/n
  // ∇_β L = (2c/n) Xᵀr.
  void beta_gradient(const ConstVectorRef& x, VectorRef out) const;
  // The multiplier m of the exact discrete recursion w± ← (1 ∓ γm)⊙w± (dln.md §7, "g_k"):
  // m = 4c·(1/b)Σ r̃_i x_i for β = u²−v², 2c·(1/b)Σ r̃_i x_i for β = u⊙v. Equals (1/b)Σ r̃_i x_i
  // for the four named conventions. One gradient step then gives κ ← |1 − γ²m²|⊙κ exactly.
  void multiplier_gradient(const ConstVectorRef& x, VectorRef out) const;
  void batch_multiplier_gradient(const ConstVectorRef& x, std::span<const Index> batch,
                                 std::span<const double> label_shifts, VectorRef out) const;
  // κ (2uv or (u²−v²)/2, absolute value) and ln κ (cancellation-free), dln.md §3.1–§3.2.
  void scale(const ConstVectorRef& x, VectorRef out) const;
  void log_scale(const ConstVectorRef& x, VectorRef out) const;
  // Mirror coordinate ζ = asinh(β/κ) (ln(u/v) or 2 artanh(v/u)); β = κ⊙sinh ζ.
  void mirror_coordinate(const ConstVectorRef& x, VectorRef out) const;

  // ---- objective -----------------------------------------------------------------------------
  double loss(const ConstVectorRef& x) const;
  void gradient(const ConstVectorRef& x, VectorRef gradient) const;
  void hessian_vector_product(const ConstVectorRef& x, const ConstVectorRef& direction, VectorRef out) const;

  double batch_loss(const ConstVectorRef& x, std::span<const Index> batch) const;
  void batch_gradient(const ConstVectorRef& x, std::span<const Index> batch, VectorRef gradient) const;
  void batch_hessian_vector_product(const ConstVectorRef& x, std::span<const Index> batch,
                                    const ConstVectorRef& direction, VectorRef out) const;
  // Label-noise versions (dln.md §6.4): labels y_{batch[k]} + label_shifts[k].
  double batch_loss(const ConstVectorRef& x, std::span<const Index> batch,
                    std::span<const double> label_shifts) const;
  void batch_gradient(const ConstVectorRef& x, std::span<const Index> batch,
                      std::span<const double> label_shifts, VectorRef gradient) const;

  // ---- fused steps (diagonal_linear_network_steps.cpp) ----------------------------------------
  // x ← x − γ∇L(x) and x ← x − γ∇L_B(x; y + Δ) in place, i.e. the exact recursion
  // w± ← (1 ∓ γm)⊙w± of dln.md §7, with the 2d update and the divergence test in ONE pass and no
  // 2d gradient vector; batch size 1 costs O(d): r̃ = x_iᵀβ − y_i − Δ straight from (u, v), then
  // the update through x_i only. Same values as gradient()/batch_gradient() followed by
  // x −= γ·gradient up to rounding (the factor 2c/b is folded into γ). Returns true iff every
  // |x_j| ≤ divergence_threshold afterwards (false for NaN and ±∞, also when the threshold is +∞),
  // which is what iterate()'s divergence guard needs without another pass over x.
  bool gradient_step(VectorRef x, double step_size, double divergence_threshold) const;
  bool batch_gradient_step(VectorRef x, std::span<const Index> batch, std::span<const double> label_shifts,
                           double step_size, double divergence_threshold) const;
  // batch_gradient_step with one sample per step, a step per entry of `samples` in order, with
  // each step's bits: SGD's batch-1 loop without a call per step (iterate's runs,
  // StochasticGradientDescent::apply_run). Returns the number of steps that kept every |x_i|
  // within the threshold; if that is less than samples.size(), the next step left it and x is
  // the state after that step.
  Index sample_steps(VectorRef x, std::span<const Index> samples, double step_size,
                     double divergence_threshold) const;
  // gradient_step for K paths at once (columns of the 2d × K `states`, an ensemble's chunk): the
  // two products as panel products (each load of X serves eight paths), each column with exactly
  // gradient_step's bits. Workspace sized on the first call and when K changes. True iff every
  // path passes the divergence test.
  bool gradient_steps(MatrixRef states, double step_size, double divergence_threshold) const;

 private:
  void require_state(const ConstVectorRef& x, const char* where) const;
  // beta = β(u, v) of x = [u; v] (d entries); update_beta fills the workspace beta_.
  void write_beta(const ConstVectorRef& x, VectorRef beta) const;
  void update_beta(const ConstVectorRef& x) const;
  // gradient = Jᵀ·beta_gradient (Jacobian of β(u, v)).
  void pull_back(const ConstVectorRef& x, const ConstVectorRef& beta_gradient, VectorRef gradient) const;
  // out = Jᵀ·curvature_of_beta_direction + (∂²β/∂x²)[direction]·beta_gradient.
  void hessian_pull_back(const ConstVectorRef& x, const ConstVectorRef& direction, VectorRef out) const;
  // Multiplier factor m/g: 4c (β = u²−v²) or 2c (β = u⊙v).
  double multiplier_factor() const;
  // x_i, the d features of `sample` (a row of the row-major copy).
  const double* feature_row(Index sample) const { return data_->feature_rows().data() + sample * num_features(); }
  // r̃_i = ⟨x_i, β(u, v)⟩ − y_i − shift without forming β.
  double fused_sample_residual(const ConstVectorRef& x, Index sample, double shift) const;
  // x ← x − rate·pull_back(x, s) for the β-gradient s = rate-free `direction` (one pass), with
  // the divergence test; `direction` has d entries.
  bool update_layers(VectorRef x, const double* direction, double rate, double divergence_threshold) const;
  // The batch-1 step: residual of `sample` at x (minus `shift`), then update_layers along its row.
  bool sample_step(VectorRef x, Index sample, double shift, double rate, double divergence_threshold) const;

  std::shared_ptr<const LinearModelData> data_;
  DlnConvention convention_;
  Vector initial_scale_;
  Vector log_initial_scale_;
  // Workspace (not thread-safe).
  mutable Vector beta_;              // d
  mutable Vector residual_;          // n
  mutable Vector correlation_;       // d: (1/n)Xᵀr or (1/b)Σ r_i x_i
  mutable Vector beta_direction_;    // d: J·direction
  mutable Vector gram_direction_;    // d
  mutable Vector sample_scratch_;    // n
  mutable Matrix beta_panel_, correlation_panel_, residual_panel_;  // d × K, d × K, n × K (gradient_steps)
};

static_assert(DifferentiableObjective<DiagonalLinearNetwork>);
static_assert(HasHessianVectorProduct<DiagonalLinearNetwork>);
static_assert(FiniteSumObjective<DiagonalLinearNetwork>);
static_assert(HasBatchHessianVectorProduct<DiagonalLinearNetwork>);

}  // namespace sgdbias::problems
