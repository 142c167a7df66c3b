#pragma once
// Euler–Maruyama for the Itô SDE dX = f(t,X) dt + G(t,X) dW (sde.md §2.0 "EM"):
//   X+ = X + f(t,X) h + G(t,X) ΔW.
// Strong order 1/2 (1 for additive noise), weak order 1 (Kloeden & Platen 1992, Thm 10.2.2 and
// 14.1.5). Any noise structure; the only scheme whose cost is one drift and one G·ξ per step,
// hence the default for SGD-like noise where higher order does not pay. Small noise makes it look
// strong order 1 (sde.md §0 item 5): tests use noise-dominated problems.
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/integrator.hpp"

namespace sgdbias::sde {

class EulerMaruyama {
 public:
  static constexpr std::string_view kName = "euler_maruyama";
  static constexpr bool kUsesTimeIntegral = false;
  static constexpr bool accepts(Interpretation interpretation) {
    return interpretation == Interpretation::kIto;
  }
  static constexpr bool supports(NoiseStructure) { return true; }
  static constexpr ConvergenceOrder order(NoiseStructure noise) {
    return satisfies(noise, NoiseStructure::kAdditive) ? ConvergenceOrder{1.0, 1.0}
                                                       : ConvergenceOrder{0.5, 1.0};
  }

  EulerMaruyama(Index state_dimension, Index /*noise_dimension*/)
      : drift_(state_dimension), noise_(state_dimension) {}

  template <class Sde>
    requires CompatibleWith<EulerMaruyama, Sde>
  void step(const Sde& sde, double t, double h, const BrownianIncrement& increment, VectorRef x) {
    sde.drift(t, x, drift_);
    sde.apply(t, x, increment.dw, noise_);
    x += h * drift_ + noise_;
  }

 private:
  Vector drift_;  // workspace, sized once
  Vector noise_;
};

}  // namespace sgdbias::sde
