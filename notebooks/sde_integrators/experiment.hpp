#pragma once
// Experiment `sde-integrators` (notebooks/sde_integrators/sde_integrators.ipynb).
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {
Experiment make_sde_integrators_experiment();
}
