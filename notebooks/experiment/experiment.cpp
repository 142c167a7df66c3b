#include "notebooks/experiment/experiment.hpp"

#include "lib/monte_carlo/ensemble.hpp"

namespace sgdbias {

EnsembleHooks RunContext::ensemble_hooks(std::string label, std::string tag) const {
  return EnsembleHooks{&progress, std::move(label), store, std::move(tag), interrupt, dealer};
}

const Experiment* Registry::find(std::string_view name) const {
  for (const Experiment& experiment : experiments) {
    if (experiment.name == name) return &experiment;
  }
  return nullptr;
}

}  // namespace sgdbias
