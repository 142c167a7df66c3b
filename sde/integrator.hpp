#pragma once
// What every integrator declares about itself (style.md D4; diffrax `strong_order`, SciML
// `alg_order`/`alg_compatible`), and the compile-time compatibility rule the loop enforces.
//
// An integrator type I provides
//   static constexpr std::string_view kName;
//   static constexpr bool kUsesTimeIntegral;                 // needs I_(1,0) from the source
//   static constexpr bool accepts(Interpretation);            // Itô, Stratonovich or both
//   static constexpr bool supports(NoiseStructure);           // noise classes it is valid for
//   static constexpr ConvergenceOrder order(NoiseStructure);  // strong / weak order there
//   I(Index state_dimension, Index noise_dimension);          // sizes the workspace once
//   void step(const Sde&, double t, double h, const BrownianIncrement&, VectorRef x);
// and constrains step() with `requires CompatibleWith<I, Sde>`, so an unsupported pairing is a
// compile-time error (tested with the IntegratorFor concept below).
#include <concepts>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/brownian/brownian_increment.hpp"

namespace sgdbias::sde {

struct ConvergenceOrder {
  double strong = 0.0;
  double weak = 0.0;
};

// Additive noise makes Itô and Stratonovich coincide, so interpretation only matters otherwise.
template <class I, class Sde>
concept CompatibleWith =
    StochasticDifferentialEquation<Sde> && I::supports(Sde::kNoiseStructure) &&
    (satisfies(Sde::kNoiseStructure, NoiseStructure::kAdditive) || I::accepts(Sde::kInterpretation));

// True when `I` can step `Sde` (i.e. the constrained step() is callable).
template <class I, class Sde>
concept IntegratorFor = requires(I& integrator, const Sde& sde, double t, double h,
                                 const BrownianIncrement& increment, VectorRef x) {
  { I::kName } -> std::convertible_to<std::string_view>;
  { I::kUsesTimeIntegral } -> std::convertible_to<bool>;
  { I::order(Sde::kNoiseStructure) } -> std::convertible_to<ConvergenceOrder>;
  integrator.step(sde, t, h, increment, x);
};

}  // namespace sgdbias::sde
