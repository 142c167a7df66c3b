// The experiments of the `sgdbias` program, one line each, written by hand on purpose
// (style.md §3.6): static self-registration needs global mutable state, and linkers silently
// drop unused registrars from static libraries.
#include "notebooks/experiment_index.hpp"

#include "notebooks/alpha_sweep/experiment.hpp"
#include "notebooks/modified_flows/experiment.hpp"
#include "notebooks/sde_integrators/experiment.hpp"

namespace sgdbias {

Registry experiment_index() {
  return Registry{{
                      make_alpha_sweep_experiment(),
                      make_modified_flows_experiment(),
                      make_sde_integrators_experiment(),
                  },
                  "sparsity-bias"};
}

}  // namespace sgdbias
