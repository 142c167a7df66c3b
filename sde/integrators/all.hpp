#pragma once
// Every integrator of the ladder, as one type list: typed test suites and benchmark sweeps
// iterate over it (style.md §3.4), so a new integrator is one header plus one entry here.
#include "sde/integrators/euler_maruyama.hpp"
#include "sde/integrators/levy_area_milstein.hpp"
#include "sde/integrators/milstein.hpp"
#include "sde/integrators/sra1.hpp"
#include "sde/integrators/sri_w1.hpp"
#include "sde/integrators/stochastic_heun.hpp"

namespace sgdbias::sde {

template <class... Types>
struct TypeList {};

using AllIntegrators = TypeList<EulerMaruyama, Milstein, RungeKuttaMilstein, LevyAreaMilstein, StochasticHeun, Sriw1,
                                 Sra1>;

}  // namespace sgdbias::sde
