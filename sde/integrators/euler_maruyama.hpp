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

// An SDE that evaluates the whole Euler–Maruyama increment f(t,x)·h + G(t,x)·ΔW in one pass, when
// that is cheaper than drift() + apply() (DiagonalNetworkSgf: drift and noise share one Xᵀ
// product, dln.md §6.6). Optional: EulerMaruyama uses it when present; other schemes ignore it.
template <class S>
concept HasEulerIncrement = requires(const S& sde, double t, double h, const ConstVectorRef& x,
                                     const ConstVectorRef& dw, VectorRef out) {
  sde.euler_increment(t, h, x, dw, out);
};

// An SDE that takes the whole Euler–Maruyama step x ← x + f(t,x)·h + G(t,x)·ΔW in place, adding
// the increment while it is formed (DiagonalNetworkSgf: one pass of the light-cone kernel instead
// of writing the increment and adding it), with the bits of euler_increment followed by x += it.
// Optional; preferred over HasEulerIncrement.
template <class S>
concept HasEulerStep = requires(const S& sde, double t, double h, VectorRef x, const ConstVectorRef& dw) {
  sde.euler_step(t, h, x, dw);
};

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
    if constexpr (HasEulerStep<Sde>) {
      sde.euler_step(t, h, x, increment.dw);
    } else if constexpr (HasEulerIncrement<Sde>) {
      sde.euler_increment(t, h, x, increment.dw, noise_);
      x += noise_;
    } else {
      sde.drift(t, x, drift_);
      sde.apply(t, x, increment.dw, noise_);
      x += h * drift_ + noise_;
    }
  }

 private:
  Vector drift_;  // workspace, sized once
  Vector noise_;
};

}  // namespace sgdbias::sde
