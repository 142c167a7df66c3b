#pragma once
// An iterate() observer that stops a long trajectory when Ctrl-C / SIGTERM raised `flag`
// (lib/core/stop_request.hpp): it polls every kStopPollSteps steps and throws StopRequested,
// which run_ensemble counts as an interruption, not a failure. Without it a trajectory of
// millions of steps ran to its end before the interrupt was seen (245 s for sparsity-bias
// --dimension 20000).
#include <atomic>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/stop_request.hpp"

namespace sgdbias {

class StopCheck {
 public:
  explicit StopCheck(const std::atomic<bool>* flag) : flag_(flag) {}

  template <class Algorithm>
  void on_step(Index step, const ConstVectorRef& /*x*/, const Algorithm& /*algorithm*/) const {
    if (step % kStopPollSteps == 0) throw_if_stop_requested(flag_);
  }

 private:
  const std::atomic<bool>* flag_;
};

}  // namespace sgdbias
