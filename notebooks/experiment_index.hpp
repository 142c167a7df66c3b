#pragma once
// The experiments of the `sgdbias` program: every study folder notebooks/<study>/, the default
// (sparsity-bias) first. Defined by a source CMake generates at configure time from
// notebooks/experiment_index.cpp.in (cmake/sgdbiasStudies.cmake): build-time registration, no list
// kept by hand and no static registrars.
#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {

Registry experiment_index();

}  // namespace sgdbias
