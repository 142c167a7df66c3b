#pragma once
// What one step of an integrator receives from a Brownian source: ΔW over [t, t+h] and, for
// the order-1.5 Runge–Kutta methods (SRIW1, SRA1), the time integral
// I_(1,0) = ∫_t^{t+h} (W_s − W_t) ds, per noise component (sde.md §2.0), and for Milstein on
// non-commutative noise (LevyAreaMilstein) the Lévy areas A_ij (levy_area.hpp).
// Views into the source's storage: valid until the source's next increment() call.
#include <concepts>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias::sde {

namespace detail {
inline const Vector& empty_vector() {
  static const Vector empty;
  return empty;
}
}  // namespace detail

struct BrownianIncrement {
  ConstVectorRef dw;             // ΔW, size m
  ConstVectorRef time_integral;  // I_(1,0), size m; size 0 when the source does not provide it
  ConstVectorRef levy_area = detail::empty_vector();  // A (m × m antisymmetric, column-major),
                                                      // size m·m; size 0 when not provided
};

// Anything the integration loop can draw increments from (streaming increments, a level of a
// dyadic path, …). increment(k, h) is called with k = 0, 1, … in order. Sources that can carry
// Lévy areas also say whether they do (provides_levy_area(), see SourceOfLevyAreas).
template <class B>
concept BrownianSource = requires(B& source, const B& const_source, Index k, double h) {
  { const_source.noise_dimension() } -> std::convertible_to<Index>;
  { const_source.provides_time_integral() } -> std::convertible_to<bool>;
  { source.increment(k, h) } -> std::convertible_to<BrownianIncrement>;
};

template <class B>
concept SourceOfLevyAreas = BrownianSource<B> && requires(const B& source) {
  { source.provides_levy_area() } -> std::convertible_to<bool>;
};

}  // namespace sgdbias::sde
