#pragma once
// Experiment `sde-variants` (notebooks/sde_variants/sde_variants.ipynb).
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {
Experiment make_sde_variants_experiment();
}
