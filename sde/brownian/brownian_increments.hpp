#pragma once
// Streaming Brownian increments for production runs: each call draws the next step from a
// RandomStream (Purpose::kBrownian, style.md D6), O(m) memory, nothing stored.
//
// Draw order per step and component: ξ1 (and ξ2 when time integrals are on), with
//   ΔW = √h ξ1,   I_(1,0) = ½h (ΔW + √h ξ2/√3)   (Var I10 = h³/3, Cov(I10, ΔW) = h²/2; sde.md §2.0).
// This is exactly the finest level of DyadicBrownianPath for the same stream, so a production run
// and a convergence study at the same h see the same path. With LevyAreas::kOn each step also
// carries its Lévy areas (levy_area.hpp, ⌈1/√h⌉ Fourier terms), drawn from the same stream right
// after the step's ΔW (and I_(1,0)); a path with areas is therefore a different draw than the
// path without them (for m ≥ 2), but again the finest level of DyadicBrownianPath bit for bit.
#include <cmath>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/random/random_stream.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/brownian/levy_area.hpp"

namespace sgdbias::sde {

enum class TimeIntegrals { kOff, kOn };
enum class LevyAreas { kOff, kOn };

namespace detail {
// One step of the §2.0 recipe into caller-owned storage (shared with DyadicBrownianPath).
template <class Dw, class TimeIntegral>
void draw_brownian_step(RandomStream& stream, double h, bool with_time_integral, Dw&& dw,
                        TimeIntegral&& time_integral) {
  const double root_h = std::sqrt(h);
  if (!with_time_integral) {  // the same draws, several at a time (RandomStream::fill_standard_normal)
    stream.fill_standard_normal(dw);
    for (Index j = 0; j < dw.size(); ++j) dw[j] = root_h * dw[j];
    return;
  }
  for (Index j = 0; j < dw.size(); ++j) {
    dw[j] = root_h * stream.standard_normal();
    time_integral[j] = 0.5 * h * (dw[j] + root_h * stream.standard_normal() / std::sqrt(3.0));
  }
}
}  // namespace detail

class BrownianIncrements {
 public:
  BrownianIncrements(Index noise_dimension, RandomStream stream,
                     TimeIntegrals time_integrals = TimeIntegrals::kOff, LevyAreas levy_areas = LevyAreas::kOff)
      : stream_(std::move(stream)), with_time_integral_(time_integrals == TimeIntegrals::kOn), dw_(noise_dimension),
        time_integral_(with_time_integral_ ? noise_dimension : 0),
        levy_area_(levy_areas == LevyAreas::kOn ? noise_dimension * noise_dimension : 0),
        area_sampler_(levy_areas == LevyAreas::kOn ? noise_dimension : 0) {
    require(noise_dimension >= 1, "BrownianIncrements", "noise dimension must be >= 1, got ",
            noise_dimension);
  }

  Index noise_dimension() const { return dw_.size(); }
  bool provides_time_integral() const { return with_time_integral_; }
  bool provides_levy_area() const { return levy_area_.size() > 0; }

  BrownianIncrement increment(Index /*step*/, double h) {
    detail::draw_brownian_step(stream_, h, with_time_integral_, dw_, time_integral_);
    if (provides_levy_area()) area_sampler_.sample(stream_, h, levy_area_terms(h), dw_, levy_area_);
    return {dw_, time_integral_, levy_area_};
  }

 private:
  RandomStream stream_;
  bool with_time_integral_;
  Vector dw_;
  Vector time_integral_;
  Vector levy_area_;  // m·m, or empty
  LevyAreaSampler area_sampler_;
};

}  // namespace sgdbias::sde
