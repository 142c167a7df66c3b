// The experiments of the `sgdbias` program, one line each, written by hand on purpose
// (style.md §3.6): static self-registration needs global mutable state, and linkers silently
// drop unused registrars from static libraries.
#include "notebooks/experiment_index.hpp"

#include "notebooks/alpha_sweep/experiment.hpp"
#include "notebooks/bilinear_games/experiment.hpp"
#include "notebooks/effective_initialization/experiment.hpp"
#include "notebooks/label_noise/experiment.hpp"
#include "notebooks/modified_flows/experiment.hpp"
#include "notebooks/sde_integrators/experiment.hpp"
#include "notebooks/sde_variants/experiment.hpp"
#include "notebooks/sparsity_bias/experiment.hpp"
#include "notebooks/step_size_sweep/experiment.hpp"

namespace sgdbias {

Registry experiment_index() {
  return Registry{{
                      make_sparsity_bias_experiment(),
                      make_alpha_sweep_experiment(),
                      make_effective_initialization_experiment(),
                      make_label_noise_experiment(),
                      make_modified_flows_experiment(),
                      make_sde_integrators_experiment(),
                      make_sde_variants_experiment(),
                      make_step_size_sweep_experiment(),
                      make_bilinear_games_experiment(),
                  },
                  "sparsity-bias"};
}

}  // namespace sgdbias
