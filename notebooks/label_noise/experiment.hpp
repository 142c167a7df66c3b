#pragma once
// Experiment `label-noise` (notebooks/label_noise/label_noise.ipynb).
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {
Experiment make_label_noise_experiment();
}
