#pragma once
// What one step of an integrator receives from a Brownian source: ΔW over [t, t+h] and, for
// the order-1.5 Runge–Kutta methods (SRIW1, SRA1), the time integral
// I_(1,0) = ∫_t^{t+h} (W_s − W_t) ds, per noise component (sde.md §2.0).
// Views into the source's storage: valid until the source's next increment() call.
#include <concepts>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias::sde {

struct BrownianIncrement {
  ConstVectorRef dw;             // ΔW, size m
  ConstVectorRef time_integral;  // I_(1,0), size m; size 0 when the source does not provide it
};

// Anything the integration loop can draw increments from (streaming increments, a level of a
// dyadic path, …). increment(k, h) is called with k = 0, 1, … in order.
template <class B>
concept BrownianSource = requires(B& source, const B& const_source, Index k, double h) {
  { const_source.noise_dimension() } -> std::convertible_to<Index>;
  { const_source.provides_time_integral() } -> std::convertible_to<bool>;
  { source.increment(k, h) } -> std::convertible_to<BrownianIncrement>;
};

}  // namespace sgdbias::sde
