#pragma once
// THE integration loop for every integrator (style.md D5; odeint integrate_const): fixed step
// h = (end − start)/steps on a TimeGrid (lib/core/time_grid.hpp), time computed as start + k·h (no
// accumulated t += h), observers of THE protocol (lib/core/observer.hpp: records on the grid's
// record_stride, on_step with a FixedStep {h, t_k}), argument checks and a non-finite guard that names the integrator, the step and the time.
// The declared noise structure is checked too: its shape always, its claims (commutative,
// diagonal, additive) by check_noise_structure at the initial state in builds without NDEBUG.
#include <cmath>
#include <utility>

#include "lib/core/bound_check.hpp"
#include "lib/core/drive_on_grid.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "lib/core/time_grid.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/check_noise_structure.hpp"
#include "sde/integrator.hpp"

namespace sgdbias::sde {

using ::sgdbias::TimeGrid;  // lib/core/time_grid.hpp (also the flows' clock)

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
  grid.validate(where);
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

template <class Integrator, StochasticDifferentialEquation Sde, BrownianSource Brownian, class... Observers>
  requires IntegratorFor<Integrator, Sde>
void integrate(Integrator& integrator, const Sde& sde, VectorRef x, const TimeGrid& grid, Brownian& brownian,
               Observers&&... observers) {
  detail::validate_integration<Integrator>(sde, x, grid, brownian);
  const ConstVectorRef state = x;  // the observers' view of x (no copy)
  drive_on_grid(grid, state, [&](Index k, double t, double h) {
    integrator.step(sde, t, h, brownian.increment(k, h), x);
    if (!all_finite(x)) {  // one branch-free pass (bound_check.hpp), not Eigen's per-entry branch
      throw NumericalFailure(Integrator::kName,
                             describe("state became non-finite in step ", k, " at t = ", t,
                                      " (time step ", h, "); reduce the time step or check the SDE"));
    }
  }, observers...);
}

}  // namespace sgdbias::sde
