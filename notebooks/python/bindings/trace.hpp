#pragma once
// Trace: what a Python run returns (arrays at the recorded steps), and TraceRecorder, the ONE
// observer (lib/core/observer.hpp) that fills it for every driver: iterate() (GD, SGD, label-noise
// SGD, heavy ball), sde::integrate paths and the flows' grid drivers. It records the step, its time
// t, and, given a problem, L(x); for a diagonal network β and κ too (dln.md §3.1–§3.2). `to_state`
// maps the driver's state to x (the log light-cone SDE integrates y = [ln w+; ln w−]).
//
// Loss tolerance: run_trace passes it to iterate() (IterationOptions::loss_tolerance), which ends
// the run at the first record with L(x) ≤ tolerance; that record is the trace's last.
#include <algorithm>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "lib/algorithms/iterate.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/record_grid.hpp"
#include "notebooks/python/bindings/python_interrupt.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::python {

struct Trace {
  std::vector<Index> steps;    // the recorded steps k (0, s, 2s, ..., and the last)
  std::vector<double> times;   // t of each record (discrete algorithms: γk)
  std::vector<double> losses;  // L(x_k) (empty for user-defined SDEs without a problem)
  Matrix betas;                // d × records (diagonal networks; else empty)
  Matrix scales;               // κ, d × records (diagonal networks; else empty)
  Matrix states;               // dimension × records when asked for (else empty)
  Vector final_state;          // x at the end (at the tolerance stop: x_k of that record)
  bool reached_tolerance = false;
  // The exact κ bookkeeping of dln.md §7 (bookkeeping=True; empty otherwise): ln κ_K predicted
  // from the multipliers, and Σ_k q±(γ m_k), the inputs of the discrete-time limit.
  Vector bookkeeping_log_scale, bookkeeping_q_plus, bookkeeping_q_minus;
};

// No problem: only times and states are recorded (user-defined SDEs).
struct NoProblem {};

// The identity map of states.
struct SameState {
  void operator()(const ConstVectorRef& state, VectorRef x) const { x = state; }
};

template <class Problem, class ToState = SameState>
class TraceRecorder {
 public:
  static constexpr bool kHasProblem = !std::is_same_v<Problem, NoProblem>;
  static constexpr bool kDiagonalNetwork = std::is_same_v<Problem, problems::DiagonalLinearNetwork>;

  // `dimension`: the size of x = to_state(state); `poll_interrupts`: look for Ctrl-C at records
  // (not from a thread that must not take the GIL).
  TraceRecorder(const Problem& problem, Trace& trace, Index dimension, bool record_state, ToState to_state = {},
                bool poll_interrupts = true)
      : problem_(problem), trace_(trace), record_state_(record_state), to_state_(std::move(to_state)), x_(dimension),
        poll_interrupts_(poll_interrupts) {}

  void on_start(const RecordGrid& grid, const ConstVectorRef& /*x0*/) {
    const Index records = grid.num_records();
    for (auto* column : {&trace_.times, &trace_.losses}) column->reserve(static_cast<std::size_t>(records));
    trace_.steps.reserve(static_cast<std::size_t>(records));
    if constexpr (kDiagonalNetwork) {
      trace_.betas.resize(problem_.num_features(), records);
      trace_.scales.resize(problem_.num_features(), records);
    }
    if (record_state_) trace_.states.resize(x_.size(), records);
  }

  void on_record(const RecordPoint& point, const ConstVectorRef& state) {
    to_state_(state, x_);
    const auto column = static_cast<Index>(trace_.steps.size());
    trace_.steps.push_back(point.step);
    trace_.times.push_back(point.time);
    if constexpr (kHasProblem) trace_.losses.push_back(problem_.loss(x_));
    if constexpr (kDiagonalNetwork) {
      problem_.beta(x_, trace_.betas.col(column));
      problem_.scale(x_, trace_.scales.col(column));
    }
    if (record_state_) trace_.states.col(column) = x_;
    if (poll_interrupts_) interrupt_.throw_if_interrupted();
  }

  // The final x, and the record matrices cut to the records made (a stop before the last planned one).
  void on_finish(const RecordPoint& /*point*/, const ConstVectorRef& state) {
    to_state_(state, x_);
    trace_.final_state = x_;
    const auto records = static_cast<Index>(trace_.steps.size());
    for (Matrix* matrix : {&trace_.betas, &trace_.scales, &trace_.states}) {
      if (matrix->cols() > records) *matrix = matrix->leftCols(records).eval();
    }
  }

 private:
  const Problem& problem_;
  Trace& trace_;
  bool record_state_;
  ToState to_state_;
  Vector x_;
  bool poll_interrupts_;
  InterruptPoll interrupt_;
};

struct TraceOptions {
  Index steps = 1000;
  Index record_every = 0;  // 0: record only the first and the last step
  std::optional<double> loss_tolerance;
  double divergence_threshold = 1e10;
  bool record_state = false;
};

// The record stride of `record_every` (0: the first and the last step only).
inline Index record_stride(Index record_every, Index steps) {
  return record_every > 0 ? record_every : std::max<Index>(steps, 1);
}

// Runs `algorithm` from x0 with the recorder (and any `extra` observers), without the GIL (the
// caller has released it).
template <class Problem, class Algorithm, class... Extra>
Trace run_trace(const Problem& problem, Algorithm& algorithm, Vector x, const TraceOptions& options, Extra&... extra) {
  Trace trace;
  TraceRecorder<Problem> recorder(problem, trace, x.size(), options.record_state);
  IterationOptions iteration;
  iteration.steps = options.steps;
  iteration.record_stride = record_stride(options.record_every, options.steps);
  iteration.divergence_threshold = options.divergence_threshold;
  iteration.loss_tolerance = options.loss_tolerance;
  trace.reached_tolerance = iterate(algorithm, x, iteration, recorder, extra...).reached_loss_tolerance;
  return trace;
}

}  // namespace sgdbias::python
