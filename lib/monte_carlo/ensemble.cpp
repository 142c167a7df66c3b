#include "lib/monte_carlo/ensemble.hpp"

#include <sched.h>

namespace sgdbias {

int usable_cpu_count() {
  // hardware_concurrency() counts the machine's cores, not the ones this process may run on:
  // under `taskset -c 0`, a cgroup cpuset or a batch scheduler's pinning, 0 = "all cores" would
  // start more workers than cores, and they would only take turns.
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (::sched_getaffinity(0, sizeof(mask), &mask) == 0) return std::max(1, CPU_COUNT(&mask));
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

int resolve_thread_count(int requested) {
  require(requested >= 0, "threads", "thread count ", requested, " must be ≥ 0 (0: all cores)");
  if (requested > 0) return requested;
  return usable_cpu_count();
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
