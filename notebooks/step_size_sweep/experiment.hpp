#pragma once
// Experiment `step-size-sweep` (notebooks/step_size_sweep/step_size_sweep.ipynb).
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {
Experiment make_step_size_sweep_experiment();
}
