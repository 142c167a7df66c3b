#pragma once
// SRA1 (Rößler 2010, SIAM J. Numer. Anal. 48(3), Table 6.2 "SRA1"; StochasticDiffEq `SRA1`,
// sde.md §2.0) for ADDITIVE noise G = G(t) of any shape (d × m, non-diagonal allowed: TP-08b):
//   χ2 = I_(1,0)/h,   k1 = f(t, X),   H = X + ¾ h k1 + (3/2) G(t+h)·χ2,   k2 = f(t + ¾h, H),
//   X+ = X + h(k1/3 + 2k2/3) + G(t+h)·ΔW + (G(t) − G(t+h))·χ2.
// Strong order 1.5, weak order 2. Linear additive problems show order 2 (TP-07/08, the iterated
// integrals cancel): a strong-1.5 test needs a nonlinear drift. Needs I_(1,0).
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/integrator.hpp"

namespace sgdbias::sde {

class Sra1 {
 public:
  static constexpr std::string_view kName = "sra1";
  static constexpr bool kUsesTimeIntegral = true;
  static constexpr bool accepts(Interpretation) { return true; }  // additive: Itô = Stratonovich
  static constexpr bool supports(NoiseStructure noise) {
    return satisfies(noise, NoiseStructure::kAdditive);
  }
  static constexpr ConvergenceOrder order(NoiseStructure) { return {1.5, 2.0}; }

  Sra1(Index state_dimension, Index noise_dimension)
      : chi2_(noise_dimension), k1_(state_dimension), k2_(state_dimension),
        late_chi2_(state_dimension), term_(state_dimension), stage_(state_dimension) {}

  template <class Sde>
    requires CompatibleWith<Sra1, Sde>
  void step(const Sde& sde, double t, double h, const BrownianIncrement& increment, VectorRef x) {
    chi2_ = increment.time_integral / h;
    sde.drift(t, x, k1_);
    sde.apply(t + h, x, chi2_, late_chi2_);  // G(t+h)·χ2 (G does not depend on x)
    stage_ = x + (0.75 * h) * k1_ + 1.5 * late_chi2_;
    sde.drift(t + 0.75 * h, stage_, k2_);
    sde.apply(t + h, x, increment.dw, term_);
    stage_ = (h / 3.0) * (k1_ + 2.0 * k2_) + term_ - late_chi2_;
    sde.apply(t, x, chi2_, term_);
    x += stage_ + term_;
  }

 private:
  Vector chi2_;                                    // size m
  Vector k1_, k2_, late_chi2_, term_, stage_;      // size d, workspace
};

}  // namespace sgdbias::sde
