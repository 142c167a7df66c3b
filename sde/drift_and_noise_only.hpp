#pragma once
// An SDE seen only through drift() and apply(): the wrapped SDE's optional one-pass hooks
// (HasEulerIncrement, HasEulerStep) are hidden, so EulerMaruyama takes the generic path
// x += f(t,x)·h + G(t,x)·ΔW. For checking a fused step against the definition it shortcuts, and
// for measuring what it saves (bench/sgf_step_cost_benchmark).
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::sde {

template <StochasticDifferentialEquation Sde>
class DriftAndNoiseOnly {
 public:
  static constexpr NoiseStructure kNoiseStructure = Sde::kNoiseStructure;
  static constexpr Interpretation kInterpretation = Sde::kInterpretation;

  explicit DriftAndNoiseOnly(Sde sde) : sde_(std::move(sde)) {}

  Index state_dimension() const { return sde_.state_dimension(); }
  Index noise_dimension() const { return sde_.noise_dimension(); }
  void drift(double t, const ConstVectorRef& x, VectorRef out) const { sde_.drift(t, x, out); }
  void apply(double t, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    sde_.apply(t, x, xi, out);
  }

 private:
  Sde sde_;
};

}  // namespace sgdbias::sde
