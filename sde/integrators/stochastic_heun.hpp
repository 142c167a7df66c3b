#pragma once
// Stochastic Heun for Stratonovich SDEs dX = f dt + G ∘ dW (sde.md §2.0 "Heun" = DiffEq
// `EulerHeun`, diffrax/torchsde `Heun`; a trapezoidal predictor–corrector in both terms):
//   X̄ = X + f(t,X) h + G(t,X) ΔW,
//   X+ = X + ½(f(t,X) + f(t+h,X̄)) h + ½(G(t,X) + G(t+h,X̄)) ΔW.
// Strong order 1 for commutative noise, 1/2 otherwise; weak order 1 (2 for additive noise).
// Applied to an Itô SDE it converges to the Stratonovich solution (TP-01 plateau), so Itô SDEs
// are rejected at compile time: convert with as_stratonovich() (interpretation.hpp).
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/integrator.hpp"

namespace sgdbias::sde {

class StochasticHeun {
 public:
  static constexpr std::string_view kName = "stochastic_heun";
  static constexpr bool kUsesTimeIntegral = false;
  static constexpr bool accepts(Interpretation interpretation) {
    return interpretation == Interpretation::kStratonovich;
  }
  static constexpr bool supports(NoiseStructure) { return true; }
  static constexpr ConvergenceOrder order(NoiseStructure noise) {
    if (satisfies(noise, NoiseStructure::kAdditive)) return {1.0, 2.0};
    if (satisfies(noise, NoiseStructure::kCommutative)) return {1.0, 1.0};
    return {0.5, 1.0};
  }

  StochasticHeun(Index state_dimension, Index /*noise_dimension*/)
      : drift_(state_dimension), predicted_drift_(state_dimension), noise_(state_dimension),
        predicted_noise_(state_dimension), predictor_(state_dimension) {}

  template <class Sde>
    requires CompatibleWith<StochasticHeun, Sde>
  void step(const Sde& sde, double t, double h, const BrownianIncrement& increment, VectorRef x) {
    sde.drift(t, x, drift_);
    sde.apply(t, x, increment.dw, noise_);
    predictor_ = x + h * drift_ + noise_;
    sde.drift(t + h, predictor_, predicted_drift_);
    sde.apply(t + h, predictor_, increment.dw, predicted_noise_);
    x += (0.5 * h) * (drift_ + predicted_drift_) + 0.5 * (noise_ + predicted_noise_);
  }

 private:
  Vector drift_, predicted_drift_, noise_, predicted_noise_, predictor_;  // workspace
};

}  // namespace sgdbias::sde
