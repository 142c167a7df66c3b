#pragma once
// Milstein for commutative noise (scalar, strictly diagonal, additive, or any noise with
// L^{j1} g_{j2} = L^{j2} g_{j1}), both interpretations (sde.md §2.0 "Milstein"):
//   X+ = X + f h + G ΔW + Σ_{j1,j2} (L^{j1} g_{j2}) I_(j1,j2),
// with the commutative approximation I_(j1,j2) ≈ ½(ΔW_{j1}ΔW_{j2} − δ_{j1j2} h) (Itô; the
// Stratonovich J drops the −½δh). Strong order 1, weak order 1 (Kloeden & Platen 1992, §10.3).
//   * noise with apply_derivative: the double sum is ½ D_x[G ΔW]·(G ΔW) − ½h Σ_j L^j g_j: ONE
//     directional derivative of the noise operator (noise_operator.hpp), never a d×m×m tensor;
//   * additive noise: the term is zero, nothing is needed;
//   * otherwise the derivative-free Runge–Kutta form of RungeKuttaMilstein (milstein_term.hpp),
//     so no hand-written derivative is required.
// Non-commutative noise needs Lévy areas (LevyAreaMilstein) and is rejected at compile time
// (TP-03c shows the drop to order 1/2 if one ignores that).
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_operator.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/integrator.hpp"
#include "sde/integrators/milstein_term.hpp"
#include "sde/interpretation.hpp"

namespace sgdbias::sde {

namespace detail {
// Shared by Milstein and RungeKuttaMilstein: X+ = X + f h + G ΔW + (Milstein term).
template <bool kAllowDerivative>
class CommutativeMilstein {
 public:
  static constexpr bool kUsesTimeIntegral = false;
  static constexpr bool accepts(Interpretation) { return true; }
  static constexpr bool supports(NoiseStructure noise) {
    return satisfies(noise, NoiseStructure::kCommutative);
  }
  static constexpr ConvergenceOrder order(NoiseStructure) { return {1.0, 1.0}; }

  CommutativeMilstein(Index state_dimension, Index noise_dimension)
      : drift_(state_dimension), noise_(state_dimension), second_order_(state_dimension),
        correction_(state_dimension), unit_(noise_dimension), column_(state_dimension),
        term_(state_dimension), milstein_(state_dimension, noise_dimension) {}

 protected:
  template <class Sde>
  void milstein_step(const Sde& sde, double t, double h, const BrownianIncrement& increment, VectorRef x) {
    sde.drift(t, x, drift_);
    sde.apply(t, x, increment.dw, noise_);
    if constexpr (satisfies(Sde::kNoiseStructure, NoiseStructure::kAdditive)) {
      x += h * drift_ + noise_;  // L^j g = 0: Milstein is Euler–Maruyama here
      return;
    } else if constexpr (kAllowDerivative && HasDiffusionDerivative<Sde>) {
      sde.apply_derivative(t, x, noise_, increment.dw, second_order_);  // Σ L^{j1}g_{j2} ΔW ΔW
      if constexpr (Sde::kInterpretation == Interpretation::kIto) {
        detail::ito_correction(sde, t, x, unit_, column_, term_, correction_);
        second_order_ -= h * correction_;
      }
      second_order_ *= 0.5;
    } else {
      milstein_.set_iterated_integrals<Sde::kInterpretation>(h, increment.dw, no_levy_area_);
      milstein_.derivative_free(sde, t, h, x, second_order_);
    }
    x += h * drift_ + noise_ + second_order_;
  }

 private:
  Vector drift_, noise_, second_order_, correction_;  // workspace, sized once
  Vector unit_, column_, term_;
  MilsteinTerm milstein_;
  Vector no_levy_area_;  // size 0: the commutative approximation A = 0
};
}  // namespace detail

class Milstein : public detail::CommutativeMilstein<true> {
 public:
  static constexpr std::string_view kName = "milstein";
  using CommutativeMilstein::CommutativeMilstein;

  template <class Sde>
    requires CompatibleWith<Milstein, Sde>
  void step(const Sde& sde, double t, double h, const BrownianIncrement& increment, VectorRef x) {
    milstein_step(sde, t, h, increment, x);
  }
};

// The derivative-free Milstein (Runge–Kutta form, milstein_term.hpp) even when the noise has a
// derivative: Itô one extra G evaluation per stage (forward difference), Stratonovich two
// (central); one stage for scalar/diagonal noise, m stages otherwise. Same orders as Milstein.
class RungeKuttaMilstein : public detail::CommutativeMilstein<false> {
 public:
  static constexpr std::string_view kName = "runge_kutta_milstein";
  using CommutativeMilstein::CommutativeMilstein;

  template <class Sde>
    requires CompatibleWith<RungeKuttaMilstein, Sde>
  void step(const Sde& sde, double t, double h, const BrownianIncrement& increment, VectorRef x) {
    milstein_step(sde, t, h, increment, x);
  }
};

}  // namespace sgdbias::sde
