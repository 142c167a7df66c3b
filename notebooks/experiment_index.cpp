// The experiments of the `sgdbias` program, one line each, written by hand on purpose
// (style.md §3.6): static self-registration needs global mutable state, and linkers silently
// drop unused registrars from static libraries.
#include "notebooks/experiment_index.hpp"

namespace sgdbias {

Registry experiment_index() {
  return Registry{{}, "sparsity-bias"};
}

}  // namespace sgdbias
