#pragma once
// Experiment `effective-initialization` (notebooks/effective_initialization/effective_initialization.ipynb).
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {
Experiment make_effective_initialization_experiment();
}
