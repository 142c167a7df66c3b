#pragma once
// An SDE  dX = f(t, X) dt + G(t, X) ∘? dW  on R^d driven by an m-dimensional Brownian motion:
// a drift, a noise operator (noise_operator.hpp) and two declared facts, its noise structure and
// its interpretation. Integrators read the facts: using one on a structure it does not support or
// on the other interpretation does not compile (sde/integrators/*.hpp).
#include <concepts>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_operator.hpp"
#include "lib/core/noise_structure.hpp"

namespace sgdbias {

enum class Interpretation { kIto, kStratonovich };

constexpr std::string_view to_string(Interpretation interpretation) {
  return interpretation == Interpretation::kIto ? "ito" : "stratonovich";
}

template <class S>
concept StochasticDifferentialEquation =
    NoiseOperator<S> && requires(const S& sde, double t, const ConstVectorRef& x, VectorRef out) {
      sde.drift(t, x, out);  // out = f(t, x)
      { S::kNoiseStructure } -> std::convertible_to<NoiseStructure>;
      { S::kInterpretation } -> std::convertible_to<Interpretation>;
    };

}  // namespace sgdbias
