#pragma once
// StopCheck: an observer (lib/core/observer.hpp) that stops a long run of any driver when Ctrl-C /
// SIGTERM raised `flag` (lib/core/stop_request.hpp): it polls every kStopPollSteps steps and
// throws StopRequested, which run_ensemble counts as an interruption, not a failure. Without it a
// trajectory of millions of steps ran to its end before the interrupt was seen.
#include <atomic>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/stop_request.hpp"

namespace sgdbias {

class StopCheck {
 public:
  explicit StopCheck(const std::atomic<bool>* flag) : flag_(flag) {}

  template <class State, class Stepper>
  void on_step(Index step, const State& /*x*/, const Stepper& /*stepper*/) const {
    if (step % kStopPollSteps == 0) throw_if_stop_requested(flag_);
  }

 private:
  const std::atomic<bool>* flag_;
};

}  // namespace sgdbias
