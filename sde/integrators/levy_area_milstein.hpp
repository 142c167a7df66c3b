#pragma once
// Milstein for GENERAL (non-commutative) noise, with Lévy areas (sde.md §2.0 "Milstein … with
// Lévy area"; Kloeden & Platen 1992 (10.3.3)), both interpretations:
//   X+ = X + f h + G ΔW + Σ_{j1,j2} (L^{j1} g_{j2}) I_(j1,j2),
//   I_(j1,j2) = ½ ΔW_{j1}ΔW_{j2} − [Itô] ½ δ_{j1j2} h + A_{j1j2},
// the areas A coming from the Brownian source (BrownianIncrements / DyadicBrownianPath with
// LevyAreas::kOn; levy_area.hpp), so every level of a convergence study sees the same path.
// The term is formed by milstein_term.hpp: with apply_derivative when the noise has it, else in
// the derivative-free Runge–Kutta form (m stages; one for scalar/diagonal noise). Strong order 1
// and weak order 1 for any noise; without the areas (Milstein on noise falsely declared
// commutative) the strong order drops to 1/2 (tests/sde/integrators/levy_area_milstein_test.cpp).
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_operator.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/integrator.hpp"
#include "sde/integrators/milstein_term.hpp"

namespace sgdbias::sde {

class LevyAreaMilstein {
 public:
  static constexpr std::string_view kName = "levy_area_milstein";
  static constexpr bool kUsesTimeIntegral = false;
  static constexpr bool kUsesLevyArea = true;
  static constexpr bool accepts(Interpretation) { return true; }
  static constexpr bool supports(NoiseStructure) { return true; }
  static constexpr ConvergenceOrder order(NoiseStructure) { return {1.0, 1.0}; }

  LevyAreaMilstein(Index state_dimension, Index noise_dimension)
      : drift_(state_dimension), noise_(state_dimension), second_order_(state_dimension),
        milstein_(state_dimension, noise_dimension) {}

  template <class Sde>
    requires CompatibleWith<LevyAreaMilstein, Sde>
  void step(const Sde& sde, double t, double h, const BrownianIncrement& increment, VectorRef x) {
    sde.drift(t, x, drift_);
    sde.apply(t, x, increment.dw, noise_);
    if constexpr (satisfies(Sde::kNoiseStructure, NoiseStructure::kAdditive)) {
      x += h * drift_ + noise_;  // L^j g = 0
      return;
    } else {
      milstein_.set_iterated_integrals<Sde::kInterpretation>(h, increment.dw, increment.levy_area);
      if constexpr (HasDiffusionDerivative<Sde>) milstein_.with_derivative(sde, t, x, second_order_);
      else milstein_.derivative_free(sde, t, h, x, second_order_);
      x += h * drift_ + noise_ + second_order_;
    }
  }

 private:
  Vector drift_, noise_, second_order_;  // workspace, sized once
  detail::MilsteinTerm milstein_;
};

}  // namespace sgdbias::sde
