#include "notebooks/experiment/experiment.hpp"

namespace sgdbias {

const Experiment* Registry::find(std::string_view name) const {
  for (const Experiment& experiment : experiments) {
    if (experiment.name == name) return &experiment;
  }
  return nullptr;
}

}  // namespace sgdbias
