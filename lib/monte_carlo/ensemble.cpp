#include "lib/monte_carlo/ensemble.hpp"

namespace sgdbias {

int resolve_thread_count(int requested) {
  require(requested >= 0, "threads", "thread count ", requested, " must be ≥ 0 (0: all cores)");
  if (requested > 0) return requested;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

namespace detail {

void validate(const EnsembleOptions& options) {
  require(options.configurations >= 1, "run_ensemble", "configurations = ", options.configurations,
          " must be ≥ 1");
  require(options.trajectories >= 1, "run_ensemble", "trajectories = ", options.trajectories,
          " must be ≥ 1");
  require(options.chunk_size >= 1, "run_ensemble", "chunk_size = ", options.chunk_size,
          " must be ≥ 1");
}

}  // namespace detail
}  // namespace sgdbias
