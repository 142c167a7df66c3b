#pragma once
// Experiment `sparsity-bias`, the default of the `sgdbias` program.
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {
Experiment make_sparsity_bias_experiment();
}
