#pragma once
// Experiment `alpha-sweep` (notebooks/alpha_sweep/alpha_sweep.ipynb).
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {
Experiment make_alpha_sweep_experiment();
}
