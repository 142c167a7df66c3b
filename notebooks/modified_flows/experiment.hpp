#pragma once
// Experiment `modified-flows` (notebooks/modified_flows/modified_flows.ipynb).
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {
Experiment make_modified_flows_experiment();
}
