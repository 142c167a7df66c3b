#pragma once
// EvaluationCounter<Sde>: the same SDE, counting drift and noise-operator evaluations, so the
// work of an integrator (x-axis of a work–precision diagram) is a deterministic count rather
// than a wall time that depends on the machine and on what else runs on it.
#include <cstdint>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias {

template <StochasticDifferentialEquation Sde>
class EvaluationCounter {
 public:
  static constexpr std::string_view kName = Sde::kName;
  static constexpr NoiseStructure kNoiseStructure = Sde::kNoiseStructure;
  static constexpr Interpretation kInterpretation = Sde::kInterpretation;

  explicit EvaluationCounter(const Sde& sde) : sde_(&sde) {}

  Index state_dimension() const { return sde_->state_dimension(); }
  Index noise_dimension() const { return sde_->noise_dimension(); }
  void drift(double t, const ConstVectorRef& x, VectorRef out) const {
    ++evaluations_;
    sde_->drift(t, x, out);
  }
  void apply(double t, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    ++evaluations_;
    sde_->apply(t, x, xi, out);
  }
  void apply_derivative(double t, const ConstVectorRef& x, const ConstVectorRef& direction,
                        const ConstVectorRef& xi, VectorRef out) const
    requires HasDiffusionDerivative<Sde>
  {
    ++evaluations_;
    sde_->apply_derivative(t, x, direction, xi, out);
  }
  void ito_correction(double t, const ConstVectorRef& x, VectorRef out) const
    requires HasItoCorrection<Sde>
  {
    ++evaluations_;
    sde_->ito_correction(t, x, out);
  }

  // Drift + noise operator (+ derivative) evaluations so far.
  std::int64_t evaluations() const { return evaluations_; }

 private:
  const Sde* sde_;
  mutable std::int64_t evaluations_ = 0;
};

}  // namespace sgdbias
