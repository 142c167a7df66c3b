#pragma once
// Cooperative interruption (Ctrl-C, SIGTERM): the program's signal handler raises one atomic
// flag, and that flag's address is passed down (RunContext::interrupt, EnsembleHooks, the
// options of a long loop) as a cancellation token; there is no global to poll. Long loops call
// throw_if_stop_requested every so often — between trajectories, and every kStopPollSteps steps
// inside one — so a run stops within about a second; the caller (run_ensemble, the CLI) turns
// StopRequested into "interrupted": finished work saved, exit 130.
#include <atomic>
#include <stdexcept>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

class StopRequested : public std::runtime_error {
 public:
  StopRequested() : std::runtime_error("interrupted (Ctrl-C or SIGTERM)") {}
  using std::runtime_error::runtime_error;
};

// Steps between two polls inside a trajectory. A step costs at least O(dimension) while a poll is
// one relaxed load of a cached line, so polling often is free; what matters is the costliest step:
// a DLN step whose observers evaluate the full loss is O(samples · dimension): the largest studies
// need a poll every few dozen steps to stop soon after Ctrl-C (bench/README.md, measurement history).
inline constexpr Index kStopPollSteps = 64;

inline bool stop_requested(const std::atomic<bool>* flag) {
  return flag != nullptr && flag->load(std::memory_order_relaxed);
}

inline void throw_if_stop_requested(const std::atomic<bool>* flag) {
  if (stop_requested(flag)) throw StopRequested();
}

}  // namespace sgdbias
