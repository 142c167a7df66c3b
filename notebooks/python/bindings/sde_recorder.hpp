#pragma once
// SdeRecorder: the observer of sde::integrate (sde/integrate.hpp, called at t₀ and after every
// step) that fills a Trace at every `record_every`-th integrator step and at the end: the time,
// and, given a problem, L(x), and for a diagonal network β and κ (dln.md §3). `to_state` maps the
// integrator's state to x (the log light-cone form integrates y = [ln w+; ln w−]).
#include <optional>
#include <type_traits>
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "notebooks/python/bindings/python_interrupt.hpp"
#include "notebooks/python/bindings/trace.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::python {

// No problem: only times and states are recorded (user-defined SDEs).
struct NoProblem {};

template <class Problem, class ToState>
class SdeRecorder {
 public:
  static constexpr bool kHasProblem = !std::is_same_v<Problem, NoProblem>;
  static constexpr bool kDiagonalNetwork = std::is_same_v<Problem, problems::DiagonalLinearNetwork>;

  // `steps` integrator steps, a record every `record_every` (0: first and last only).
  SdeRecorder(const Problem& problem, Trace& trace, Index dimension, Index steps, Index record_every,
              bool record_state, ToState to_state, bool poll_interrupts = true)
      : problem_(problem), trace_(trace), steps_(steps), record_every_(record_every > 0 ? record_every : steps),
        record_state_(record_state), to_state_(std::move(to_state)), x_(dimension), poll_interrupts_(poll_interrupts) {
    const Index records = steps_ / record_every_ + 2;
    if constexpr (kDiagonalNetwork) {
      trace_.betas.resize(problem.num_features(), records);
      trace_.scales.resize(problem.num_features(), records);
    }
    if (record_state_) trace_.states.resize(dimension, records);
  }

  void operator()(double t, const ConstVectorRef& state) {
    const Index step = calls_++;
    if (step % record_every_ != 0 && step != steps_) return;
    to_state_(state, x_);
    const auto column = static_cast<Index>(trace_.steps.size());
    trace_.steps.push_back(step);
    trace_.times.push_back(t);
    if constexpr (kHasProblem) trace_.losses.push_back(problem_.loss(x_));
    if constexpr (kDiagonalNetwork) {
      problem_.beta(x_, trace_.betas.col(column));
      problem_.scale(x_, trace_.scales.col(column));
    }
    if (record_state_) trace_.states.col(column) = x_;
    if (poll_interrupts_) interrupt_.throw_if_interrupted();
  }

  // The final x, and the record matrices cut to the records made.
  void finish() {
    trace_.final_state = x_;
    const auto records = static_cast<Index>(trace_.steps.size());
    for (Matrix* matrix : {&trace_.betas, &trace_.scales, &trace_.states}) {
      if (matrix->cols() > records) *matrix = matrix->leftCols(records).eval();
    }
  }

 private:
  const Problem& problem_;
  Trace& trace_;
  Index steps_, record_every_;
  bool record_state_;
  ToState to_state_;
  Vector x_;
  Index calls_ = 0;
  bool poll_interrupts_;
  InterruptPoll interrupt_;
};

// The identity map of states.
struct SameState {
  void operator()(const ConstVectorRef& state, VectorRef x) const { x = state; }
};

}  // namespace sgdbias::python
