#pragma once
// Trace: what a Python run of a discrete algorithm returns (arrays at the recorded steps), and
// TraceRecorder, the iterate() observer that fills it (lib/algorithms/iterate.hpp). For a
// diagonal network it also records β and κ (dln.md §3.1–§3.2) at every record.
//
// Loss tolerance: when a record's loss is ≤ the tolerance the run stops there (the recorder
// throws ToleranceReached out of iterate(), whose state x is then exactly x_k of that record: a
// record happens before step k is taken). The steps that follow are not taken.
#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>
#include <vector>

#include "lib/algorithms/iterate.hpp"
#include "lib/core/linear_algebra.hpp"
#include "notebooks/python/bindings/python_interrupt.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::python {

// (SDE paths use the same record: steps are integrator steps and `times` their times t.)
struct Trace {
  std::vector<Index> steps;    // the recorded steps k (0, s, 2s, ..., and the last)
  std::vector<double> times;   // SDE paths: t of each record (empty for discrete algorithms)
  std::vector<double> losses;  // L(x_k)
  Matrix betas;                // d × records (diagonal networks; else empty)
  Matrix scales;               // κ, d × records (diagonal networks; else empty)
  Matrix states;               // dimension × records when asked for (else empty)
  Vector final_state;          // x at the end (at the tolerance stop: x_k of that record)
  bool reached_tolerance = false;
  // The exact κ bookkeeping of dln.md §7 (bookkeeping=True; empty otherwise): ln κ_K predicted
  // from the multipliers, and Σ_k q±(γ m_k), the inputs of the discrete-time limit.
  Vector bookkeeping_log_scale, bookkeeping_q_plus, bookkeeping_q_minus;
};

struct ToleranceReached {};

template <class Problem>
class TraceRecorder {
 public:
  static constexpr bool kDiagonalNetwork = std::is_same_v<Problem, problems::DiagonalLinearNetwork>;

  TraceRecorder(const Problem& problem, Trace& trace, std::optional<double> loss_tolerance, bool record_state)
      : problem_(problem), trace_(trace), loss_tolerance_(loss_tolerance), record_state_(record_state) {}

  void on_start(const IterationOptions& options, const ConstVectorRef& x) {
    const Index records = options.num_records();
    trace_.steps.reserve(static_cast<std::size_t>(records));
    trace_.losses.reserve(static_cast<std::size_t>(records));
    if constexpr (kDiagonalNetwork) {
      trace_.betas.resize(problem_.num_features(), records);
      trace_.scales.resize(problem_.num_features(), records);
    }
    if (record_state_) trace_.states.resize(x.size(), records);
  }

  void on_record(Index step, const ConstVectorRef& x) {
    const auto column = static_cast<Index>(trace_.steps.size());
    trace_.steps.push_back(step);
    const double loss = problem_.loss(x);
    trace_.losses.push_back(loss);
    if constexpr (kDiagonalNetwork) {
      problem_.beta(x, trace_.betas.col(column));
      problem_.scale(x, trace_.scales.col(column));
    }
    if (record_state_) trace_.states.col(column) = x;
    if (loss_tolerance_ && loss <= *loss_tolerance_) throw ToleranceReached{};
    interrupt_.throw_if_interrupted();
  }

  // Drops the columns of records never made (a stop before the last planned record).
  void trim() {
    const auto records = static_cast<Index>(trace_.steps.size());
    for (Matrix* matrix : {&trace_.betas, &trace_.scales, &trace_.states}) {
      if (matrix->cols() > records) *matrix = matrix->leftCols(records).eval();
    }
  }

 private:
  const Problem& problem_;
  Trace& trace_;
  std::optional<double> loss_tolerance_;
  bool record_state_;
  InterruptPoll interrupt_;
};

struct TraceOptions {
  Index steps = 1000;
  Index record_every = 0;  // 0: record only the first and the last step
  std::optional<double> loss_tolerance;
  double divergence_threshold = 1e10;
  bool record_state = false;
};

// Runs `algorithm` from x0 with the recorder (and any `extra` observers), without the GIL (the
// caller has released it).
template <class Problem, class Algorithm, class... Extra>
Trace run_trace(const Problem& problem, Algorithm& algorithm, Vector x, const TraceOptions& options, Extra&... extra) {
  Trace trace;
  TraceRecorder<Problem> recorder(problem, trace, options.loss_tolerance, options.record_state);
  IterationOptions iteration;
  iteration.steps = options.steps;
  iteration.record_stride = options.record_every > 0 ? options.record_every : std::max<Index>(options.steps, 1);
  iteration.divergence_threshold = options.divergence_threshold;
  try {
    iterate(algorithm, x, iteration, recorder, extra...);
  } catch (const ToleranceReached&) {
    trace.reached_tolerance = true;
  }
  recorder.trim();
  trace.final_state = std::move(x);
  return trace;
}

}  // namespace sgdbias::python
