#pragma once
// The experiments of the `sgdbias` program (notebooks/experiment_index.cpp).
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {

Registry experiment_index();

}  // namespace sgdbias
