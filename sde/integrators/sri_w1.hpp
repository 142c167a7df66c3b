#pragma once
// SRIW1 (Rößler 2010, SIAM J. Numer. Anal. 48(3), Table 5.1 "SRI1W1"; the stage form of
// StochasticDiffEq's SRIW1, sde.md §2.0) for Itô SDEs with STRICTLY diagonal or scalar noise.
// With χ1 = I_(1,1)/√h = (ΔW² − h)/(2√h), χ2 = I_(1,0)/h, χ3 = I_(1,1,1)/h = (ΔW³ − 3hΔW)/(6h)
// (componentwise) and G·w the noise operator:
//   H0  = X + ¾ h f(t,X) + (3/2) G(t,X)·χ2
//   H11 = X + ¼ h f(t,X) + ½√h G(t,X)·1,   H12 = X + h f(t,X) − √h G(t,X)·1
//   H13 = X + ¼ h f(t,X) + √h (−5 G(t,X)·1 + 3 G(t+h/4,H11)·1 + ½ G(t+h,H12)·1)
//   X+  = X + h (f(t,X) + 2 f(t+¾h,H0))/3 + G(t,X)·(−ΔW − χ1 + 2χ2 − 2χ3)
//         + G(t+h/4,H11)·(4/3 (ΔW + χ1 − χ2) + 5/3 χ3) + G(t+h,H12)·(⅔ΔW − ⅓χ1 − ⅔χ2 − ⅔χ3)
//         + G(t+h/4,H13)·χ3.
// "G·1" is the vector of diagonal entries (diagonal noise) or the single column (scalar noise),
// which is why only those two structures are accepted: "diagonal-shaped" noise whose entries
// depend on other components silently drops to order 1/2 (TP-03c) and must not be declared
// diagonal. Needs I_(1,0) from the Brownian source.
//
// Orders: strong 1.5 (Rößler's strong conditions). Weak order 1.5 in general, NOT 2: expanding
// one step from x for a scalar autonomous SDE (f, g and their derivatives at x) and comparing the
// moments of ΔY = Y − x with those of ΔX = X_h − x (generator expansion) gives
//   E[ΔY] − E[ΔX] = O(h³),   E[ΔY²] − E[ΔX²] = −(g²/12)(6 f g'' + g² g''') h^{5/2} + O(h³),
//   E[ΔY^k] − E[ΔX^k] = O(h³) for k ≥ 3,
// so the local weak error of a nonlinear observable is O(h^{5/2}) (global 3/2) unless g'' ≡ 0.
// The h^{5/2} term comes from the explicit √h stage offsets (H11, H12, H13): terms with an odd
// power of √h survive in expectation. It vanishes for noise affine in x (additive noise, and
// multiplicative linear noise such as GBM, TP-01/TP-03a), where weak order 2 holds; only the
// additive case is a declared structure, so order() says 2 there and 1.5 otherwise. Measured in
// tests/sde/integrators/sriw1_weak_order_test.cpp (Gauss–Hermite one-step errors on TP-10).
#include <cmath>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/integrator.hpp"

namespace sgdbias::sde {

class Sriw1 {
 public:
  static constexpr std::string_view kName = "sriw1";
  static constexpr bool kUsesTimeIntegral = true;
  static constexpr bool accepts(Interpretation interpretation) {
    return interpretation == Interpretation::kIto;
  }
  static constexpr bool supports(NoiseStructure noise) {
    return satisfies(noise, NoiseStructure::kDiagonal) || satisfies(noise, NoiseStructure::kScalar);
  }
  // Weak order 2 needs g'' ≡ 0 (see above); of the declared structures only additive noise says so.
  static constexpr ConvergenceOrder order(NoiseStructure noise) {
    return satisfies(noise, NoiseStructure::kAdditive) ? ConvergenceOrder{1.5, 2.0} : ConvergenceOrder{1.5, 1.5};
  }

  Sriw1(Index state_dimension, Index noise_dimension)
      : ones_(Vector::Ones(noise_dimension)), chi1_(noise_dimension), chi2_(noise_dimension),
        chi3_(noise_dimension), weights_(noise_dimension), drift_(state_dimension),
        stage_drift_(state_dimension), g1_(state_dimension), g2_(state_dimension),
        g3_(state_dimension), h0_(state_dimension), h11_(state_dimension), h12_(state_dimension),
        h13_(state_dimension), term_(state_dimension), increment_(state_dimension) {}

  template <class Sde>
    requires CompatibleWith<Sriw1, Sde>
  void step(const Sde& sde, double t, double h, const BrownianIncrement& increment, VectorRef x) {
    const ConstVectorRef& dw = increment.dw;
    const double root_h = std::sqrt(h);
    chi1_ = (dw.array().square() - h) / (2.0 * root_h);
    chi2_ = increment.time_integral / h;
    chi3_ = (dw.array().cube() - 3.0 * h * dw.array()) / (6.0 * h);

    sde.drift(t, x, drift_);
    sde.apply(t, x, ones_, g1_);
    sde.apply(t, x, chi2_, term_);
    h0_ = x + (0.75 * h) * drift_ + 1.5 * term_;
    h11_ = x + (0.25 * h) * drift_ + (0.5 * root_h) * g1_;
    h12_ = x + h * drift_ - root_h * g1_;
    sde.apply(t + 0.25 * h, h11_, ones_, g2_);
    sde.apply(t + h, h12_, ones_, g3_);
    h13_ = x + (0.25 * h) * drift_ + root_h * (-5.0 * g1_ + 3.0 * g2_ + 0.5 * g3_);
    sde.drift(t + 0.75 * h, h0_, stage_drift_);

    increment_ = (h / 3.0) * (drift_ + 2.0 * stage_drift_);
    add_noise(sde, t, x, -dw.array() - chi1_.array() + 2.0 * chi2_.array() - 2.0 * chi3_.array());
    add_noise(sde, t + 0.25 * h, h11_,
              (4.0 / 3.0) * (dw.array() + chi1_.array() - chi2_.array()) + (5.0 / 3.0) * chi3_.array());
    add_noise(sde, t + h, h12_,
              (2.0 / 3.0) * dw.array() - (1.0 / 3.0) * chi1_.array() - (2.0 / 3.0) * chi2_.array() -
                  (2.0 / 3.0) * chi3_.array());
    add_noise(sde, t + 0.25 * h, h13_, chi3_.array());
    x += increment_;
  }

 private:
  // increment_ += G(t, state)·weights
  template <class Sde, class Weights>
  void add_noise(const Sde& sde, double t, const ConstVectorRef& state, const Weights& weights) {
    weights_ = weights.matrix();
    sde.apply(t, state, weights_, term_);
    increment_ += term_;
  }

  Vector ones_, chi1_, chi2_, chi3_, weights_;                       // size m
  Vector drift_, stage_drift_, g1_, g2_, g3_, h0_, h11_, h12_, h13_;  // size d, workspace
  Vector term_, increment_;
};

}  // namespace sgdbias::sde
