#pragma once
// Milstein for commutative noise (scalar, strictly diagonal, additive, or any noise with
// L^{j1} g_{j2} = L^{j2} g_{j1}), both interpretations (sde.md §2.0 "Milstein"):
//   X+ = X + f h + G ΔW + ½ Σ_{j1,j2} (L^{j1} g_{j2}) ΔW_{j1} ΔW_{j2} − [Itô only] ½ h Σ_j L^j g_j,
// i.e. the commutative approximation I_(j1,j2) ≈ ½(ΔW_{j1}ΔW_{j2} − δ_{j1j2} h). The double sum is
// D_x[G ΔW]·(G ΔW): ONE directional derivative of the noise operator (noise_operator.hpp), never
// a d×m×m tensor. Strong order 1, weak order 1 (Kloeden & Platen 1992, §10.3).
// Non-commutative noise needs Lévy areas and is rejected at compile time (TP-03c shows the drop
// to order 1/2 if one ignores that).
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_operator.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/integrator.hpp"
#include "sde/interpretation.hpp"

namespace sgdbias::sde {

class Milstein {
 public:
  static constexpr std::string_view kName = "milstein";
  static constexpr bool kUsesTimeIntegral = false;
  static constexpr bool accepts(Interpretation) { return true; }
  static constexpr bool supports(NoiseStructure noise) {
    return satisfies(noise, NoiseStructure::kCommutative);
  }
  static constexpr ConvergenceOrder order(NoiseStructure) { return {1.0, 1.0}; }

  Milstein(Index state_dimension, Index noise_dimension)
      : drift_(state_dimension), noise_(state_dimension), second_order_(state_dimension),
        correction_(state_dimension), unit_(noise_dimension), column_(state_dimension),
        term_(state_dimension) {}

  template <class Sde>
    requires CompatibleWith<Milstein, Sde> && HasDiffusionDerivative<Sde>
  void step(const Sde& sde, double t, double h, const BrownianIncrement& increment, VectorRef x) {
    sde.drift(t, x, drift_);
    sde.apply(t, x, increment.dw, noise_);
    sde.apply_derivative(t, x, noise_, increment.dw, second_order_);  // Σ L^{j1}g_{j2} ΔW ΔW
    if constexpr (Sde::kInterpretation == Interpretation::kIto &&
                  !satisfies(Sde::kNoiseStructure, NoiseStructure::kAdditive)) {
      detail::ito_correction(sde, t, x, unit_, column_, term_, correction_);
      second_order_ -= h * correction_;
    }
    x += h * drift_ + noise_ + 0.5 * second_order_;
  }

 private:
  Vector drift_, noise_, second_order_, correction_;  // workspace, sized once
  Vector unit_, column_, term_;
};

}  // namespace sgdbias::sde
