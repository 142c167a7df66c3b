#pragma once
// RecordGrid: THE record steps of every driver (iterate, sde::integrate, the flows' grid drivers,
// the K-path SGF panel). A run of K steps with stride s records at steps 0, s, 2s, … and at K
// (K once, also when s divides it), so a trace always holds the start and the end whatever s is.
// RecordCountdown walks those steps in order with a countdown instead of k % s (no integer
// division per step), and tells a driver how many steps it may take in one run before the next
// record (iterate's apply_run fast path).
#include <string_view>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

struct RecordGrid {
  Index steps = 0;   // K: steps of the run
  Index stride = 1;  // s: a record every s steps (and at step K)

  void validate(std::string_view where) const {
    require(steps >= 0, where, "steps must be >= 0, got ", steps);
    require(stride >= 1, where, "record_stride must be >= 1, got ", stride);
  }
  // Records of a run that is not stopped early: 0, s, 2s, …, plus K if s does not divide it.
  Index num_records() const { return steps / stride + 1 + (steps % stride != 0 ? 1 : 0); }
  bool is_record(Index step) const { return step % stride == 0 || step == steps; }
};

// The countdown of a driver that visits steps 0, 1, …, K−1 in order (header comment). At the top
// of step k: if due(), record x_k and restart(); after taking n steps, advance(n). The final record
// (step K) is the driver's, after its loop.
class RecordCountdown {
 public:
  explicit RecordCountdown(const RecordGrid& grid) : stride_(grid.stride) {}

  bool due() const { return steps_to_record_ == 0; }
  void restart() { steps_to_record_ = stride_; }
  Index steps_to_record() const { return steps_to_record_; }  // steps before the next record
  void advance(Index steps) { steps_to_record_ -= steps; }

 private:
  Index stride_;
  Index steps_to_record_ = 0;  // step 0 is a record
};

}  // namespace sgdbias
