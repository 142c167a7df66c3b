#pragma once
// DiscreteScaleBookkeeping: the exact discrete-time κ accounting of dln.md §7 as an iterate()
// observer (lib/core/observer.hpp; its on_step reads the algorithm's batch and label shifts), for
// GD, SGD and label-noise SGD on a DiagonalLinearNetwork (not for momentum).
//
// Every step k uses a multiplier m_k (DiagonalLinearNetwork::batch_multiplier_gradient on the
// step's batch and label shifts) and maps w± ← (1 ∓ γ m_k)⊙w±, hence per coordinate
//   κ_{k+1} = |1 − γ²m_k²| κ_k,   q±(x) = ∓2x − ln((1∓x)²),   q = ½(q₊ + q₋) = −ln|1 − x²|.
// Accumulated (per coordinate, no per-step allocation):
//   log_shrink = Σ_k ln|1 − γ²m_k²|     →  ln κ_K = ln κ₀ + log_shrink   (acceptance check 7)
//   q_plus / q_minus = Σ_k q±(γ m_k)   →  κ±∞ = κ₀ exp(−Σ q±),  β̃₀ = ½(κ₊∞ − κ₋∞)
//   gain = ln(κ₀/κ∞) = Σ_k q(γ m_k) = −log_shrink
// Exact for any step size, including |γm| > 1 (q < 0 there: κ grows). Floating-point caveat: in
// the product parametrisation the state stores u, v, so w₋ = (u − v)/√2 is a difference and
// ln κ read back from the state has absolute error ~ ε·|β|/κ. When a step has γ|m| ≈ 1, κ
// collapses and that error becomes O(1) (measured: GD at γ = 0.5 on dln.md §8.4-like data gives
// 5e-2 … ∞ for the product conventions, < 1e-9 for ppf, whose state holds w± ∝ (u, v) directly).
// The bookkeeping itself stays exact; use DlnConvention::ppf when κ may become tiny.
#include <algorithm>
#include <cmath>

#include "lib/core/linear_algebra.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::problems {

class DiscreteScaleBookkeeping {
 public:
  explicit DiscreteScaleBookkeeping(const DiagonalLinearNetwork&& temporary) = delete;  // would dangle
  explicit DiscreteScaleBookkeeping(const DiagonalLinearNetwork& network)
      : network_(network), multiplier_(network.num_features()),
        log_shrink_(Vector::Zero(network.num_features())), q_plus_(Vector::Zero(network.num_features())),
        q_minus_(Vector::Zero(network.num_features())), minus_product_(Vector::Ones(network.num_features())),
        plus_product_(Vector::Ones(network.num_features())), step_sum_(Vector::Zero(network.num_features())) {}

  template <class Algorithm>
  void on_step(Index /*step*/, const ConstVectorRef& x, const Algorithm& algorithm) {
    network_.batch_multiplier_gradient(x, algorithm.batch(), algorithm.label_shifts(), multiplier_);
    const double step_size = algorithm.step_size();
    for (Index j = 0; j < multiplier_.size(); ++j) {
      const double z = step_size * multiplier_[j];
      minus_product_[j] *= std::abs(1.0 - z);
      plus_product_[j] *= std::abs(1.0 + z);
      step_sum_[j] += z;
      max_step_multiplier_ = std::max(max_step_multiplier_, std::abs(z));
    }
    if (++pending_steps_ == kStepsPerLogarithm) settle();
  }

  const Vector& log_shrink() const { settle(); return log_shrink_; }  // Σ ln|1 − γ²m²|
  const Vector& q_plus() const { settle(); return q_plus_; }          // Σ q₊(γm)
  const Vector& q_minus() const { settle(); return q_minus_; }        // Σ q₋(γm)
  Vector gain() const { return -log_shrink(); }                       // Σ q(γm) = ln(κ₀/κ_K)
  // max_k,j |γ m_kj|: above 1 the light-cone variables change sign (dln.md §7, "keep |γg| < 1").
  double max_step_multiplier() const { return max_step_multiplier_; }
  // ln κ_K predicted from the bookkeeping: ln κ₀ + Σ ln|1 − γ²m²|.
  Vector predicted_log_scale() const { return network_.log_initial_scale() + log_shrink(); }
  // β̃₀ = ½(κ₀e^{−Σq₊} − κ₀e^{−Σq₋}) (dln.md §7), the offset of the Bregman characterisation.
  Vector bregman_offset() const {
    const Eigen::ArrayXd log_kappa0 = network_.log_initial_scale().array();
    return (0.5 * ((log_kappa0 - q_plus().array()).exp() - (log_kappa0 - q_minus().array()).exp())).matrix();
  }

 private:
  // The logarithms of the last steps' factors, taken as the logarithm of their product: one
  // pair of logarithms per coordinate every kStepsPerLogarithm steps instead of every step (they
  // were ~45% of an SGD run of the studies). Eight factors never leave double's range unless one
  // is below 1e-38 (γm within 1e-38 of ±1: ln 0 = −∞ either way) or above 1e38 (a diverged step).
  static constexpr int kStepsPerLogarithm = 8;

  // Folds the pending products and step sums into the sums (logically const: the accessors call it).
  void settle() const {
    if (pending_steps_ == 0) return;
    for (Index j = 0; j < step_sum_.size(); ++j) {
      const double log_minus = std::log(minus_product_[j]);  // Σ ln|1 − z| over the pending steps
      const double log_plus = std::log(plus_product_[j]);    // Σ ln|1 + z|
      log_shrink_[j] += log_minus + log_plus;
      q_plus_[j] += -2.0 * step_sum_[j] - 2.0 * log_minus;
      q_minus_[j] += 2.0 * step_sum_[j] - 2.0 * log_plus;
    }
    minus_product_.setOnes();
    plus_product_.setOnes();
    step_sum_.setZero();
    pending_steps_ = 0;
  }

  const DiagonalLinearNetwork& network_;
  Vector multiplier_;
  mutable Vector log_shrink_;
  mutable Vector q_plus_;
  mutable Vector q_minus_;
  mutable Vector minus_product_, plus_product_;  // Π|1 − z|, Π|1 + z| of the pending steps
  mutable Vector step_sum_;                      // Σ z of the pending steps
  mutable int pending_steps_ = 0;
  double max_step_multiplier_ = 0.0;
};

}  // namespace sgdbias::problems
