#pragma once
// THE integration loop for every integrator (style.md D5; odeint integrate_const): fixed step
// h = (end − start)/steps, time computed as start + k·h (no accumulated t += h), observers,
// argument checks and a non-finite guard that names the integrator, the step and the time.
// The declared noise structure is checked too: its shape always, its claims (commutative,
// diagonal, additive) by check_noise_structure at the initial state in builds without NDEBUG.
#include <cmath>
#include <utility>

#include "lib/core/bound_check.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/check_noise_structure.hpp"
#include "sde/integrator.hpp"

namespace sgdbias::sde {

struct TimeGrid {
  double start = 0.0;
  double end = 1.0;
  Index steps = 1;
  double time_step() const { return (end - start) / static_cast<double>(steps); }
  double time(Index k) const { return start + static_cast<double>(k) * time_step(); }
};

// Observers are callables observer(t, x), called at t0 before the first step and after every
// step (so with the final state at grid.end).
struct NullObserver {
  void operator()(double /*t*/, const ConstVectorRef& /*x*/) const {}
};

// Integrators may declare kUsesLevyArea (LevyAreaMilstein); absent means false.
template <class Integrator>
constexpr bool uses_levy_area() {
  if constexpr (requires { Integrator::kUsesLevyArea; }) return Integrator::kUsesLevyArea;
  else return false;
}

namespace detail {
template <class Integrator, class Sde, class Brownian>
void validate_integration(const Sde& sde, const ConstVectorRef& x, const TimeGrid& grid,
                          const Brownian& brownian) {
  const std::string_view where = Integrator::kName;
  require(grid.steps >= 1, where, "number of steps must be >= 1, got ", grid.steps);
  require(std::isfinite(grid.start) && std::isfinite(grid.end) && grid.end > grid.start, where,
          "time grid must satisfy start < end (both finite), got [", grid.start, ", ", grid.end, "]");
  require(grid.time_step() > 0.0, where, "time step must be > 0, got ", grid.time_step());
  require(x.size() == sde.state_dimension(), where, "state has size ", x.size(),
          ", the SDE's state dimension is ", sde.state_dimension());
  require(all_finite(x), where, "initial state contains NaN or infinite entries");
  check_noise_shape(sde);
#ifndef NDEBUG
  check_noise_structure(sde, grid.start, x);  // randomized; allocates (Debug builds only)
#endif
  require(brownian.noise_dimension() == sde.noise_dimension(), where, "Brownian source has ",
          brownian.noise_dimension(), " components, the SDE's noise dimension is ",
          sde.noise_dimension());
  require(!Integrator::kUsesTimeIntegral || brownian.provides_time_integral(), where,
          "needs the time integrals I_(1,0): build the Brownian source with TimeIntegrals::kOn");
  if constexpr (uses_levy_area<Integrator>()) {
    bool provided = false;
    if constexpr (SourceOfLevyAreas<Brownian>) provided = brownian.provides_levy_area();
    require(provided, where, "needs the Levy areas of the path: build the Brownian source with LevyAreas::kOn");
  }
}
}  // namespace detail

template <class Integrator, StochasticDifferentialEquation Sde, BrownianSource Brownian,
          class Observer = NullObserver>
  requires IntegratorFor<Integrator, Sde>
void integrate(Integrator& integrator, const Sde& sde, VectorRef x, const TimeGrid& grid,
               Brownian& brownian, Observer&& observe = {}) {
  detail::validate_integration<Integrator>(sde, x, grid, brownian);
  const double h = grid.time_step();
  observe(grid.start, x);
  for (Index k = 0; k < grid.steps; ++k) {
    const double t = grid.time(k);
    integrator.step(sde, t, h, brownian.increment(k, h), x);
    if (!all_finite(x)) {  // one branch-free pass (bound_check.hpp), not Eigen's per-entry branch
      throw NumericalFailure(Integrator::kName,
                             describe("state became non-finite in step ", k, " at t = ", t,
                                      " (time step ", h, "); reduce the time step or check the SDE"));
    }
    observe(k + 1 == grid.steps ? grid.end : grid.time(k + 1), x);
  }
}

}  // namespace sgdbias::sde
