#pragma once
// THE observer protocol of every driver: iterate() (GD, SGD, label-noise SGD, heavy ball),
// sde::integrate, the flows' grid drivers (integrate_flow_on_grid, integrate_flow_at_times,
// integrate_piecewise_alignment_flow) and the K-path SGF panel. An observer written once (a trace,
// a loss integral, a stop check: lib/observers/) works on all of them.
//
// An observer is any object with SOME of these members (detected at compile time; a driver calls
// the ones it has, in this order):
//   on_start(const RecordGrid& grid, x0)             before step 0 (reserve grid.num_records())
//   on_record(const RecordPoint& point, x)           at the record steps of the grid (record_grid.hpp):
//                                                    0, s, 2s, …, and the last step
//   on_step(Index k, x_k, const Stepper& stepper)    every step k, before the update k → k+1;
//                                                    stepper.step_size() is its step (γ, or h)
//   on_finish(const RecordPoint& point, x)           after the last step (the stop rule's step if
//                                                    iterate's loss_tolerance ended the run)
// x is a const ConstVectorRef& (the panel: the 2d × K matrix of its paths; per-path observers go
// through EachPath, lib/observers/each_path.hpp). The Stepper is the algorithm for iterate (with
// batch(), label_shifts(): dln.md §7's bookkeeping) and a FixedStep {h, t} for SDEs and flows.
// A driver whose observers have no on_step may take the steps between records in one call
// (iterate's apply_run), so declare on_step only when every step matters.
//
// A plain callable f(point, x) becomes an observer of the records through on_each_record(f).
#include <type_traits>
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/record_grid.hpp"

namespace sgdbias {

// Where a record is: the driver's step k and its time (iterate: t = γk, the clock of dln.md §6.2;
// SDEs and flows: the grid's t_k, exactly its end at the last step).
struct RecordPoint {
  Index step = 0;
  double time = 0.0;
};

// The step of a fixed-step driver (SDEs, flows): size h, from time t.
struct FixedStep {
  double h = 0.0;
  double t = 0.0;
  double step_size() const { return h; }
  double time() const { return t; }
};

namespace observer {

// An observer that declares on_start, on_record or on_finish with another signature would be
// skipped silently (it happened when this protocol replaced iterate's on_record(Index, x)): a
// non-template member of that name that the driver cannot call is a compile error instead.
template <class Observer, class State>
void notify_start(Observer& observer, const RecordGrid& grid, const State& x) {
  using Type = std::remove_cvref_t<Observer>;
  if constexpr (requires { observer.on_start(grid, x); }) {
    observer.on_start(grid, x);
  } else {
    static_assert(!requires { &Type::on_start; }, "observer's on_start must take (const RecordGrid&, x0)");
  }
}
template <class Observer, class State>
void notify_record(Observer& observer, const RecordPoint& point, const State& x) {
  using Type = std::remove_cvref_t<Observer>;
  if constexpr (requires { observer.on_record(point, x); }) {
    observer.on_record(point, x);
  } else {
    static_assert(!requires { &Type::on_record; }, "observer's on_record must take (const RecordPoint&, x)");
  }
}
template <class Observer, class State, class Stepper>
void notify_step(Observer& observer, Index step, const State& x, const Stepper& stepper) {
  if constexpr (requires { observer.on_step(step, x, stepper); }) observer.on_step(step, x, stepper);
}
template <class Observer, class State>
void notify_finish(Observer& observer, const RecordPoint& point, const State& x) {
  using Type = std::remove_cvref_t<Observer>;
  if constexpr (requires { observer.on_finish(point, x); }) {
    observer.on_finish(point, x);
  } else {
    static_assert(!requires { &Type::on_finish; }, "observer's on_finish must take (const RecordPoint&, x)");
  }
}

// Whether some observer looks at single steps with this state and stepper.
template <class Observer, class State, class Stepper>
concept ObservesSteps = requires(std::remove_cvref_t<Observer>& observer, Index step, const State& x,
                                 const Stepper& stepper) { observer.on_step(step, x, stepper); };

}  // namespace observer

// on_each_record(f): the observer that calls f(point, x) at every record.
template <class Function>
class EachRecord {
 public:
  explicit EachRecord(Function function) : function_(std::move(function)) {}
  template <class State>
  void on_record(const RecordPoint& point, const State& x) {
    function_(point, x);
  }

 private:
  Function function_;
};

template <class Function>
EachRecord<std::decay_t<Function>> on_each_record(Function&& function) {
  return EachRecord<std::decay_t<Function>>(std::forward<Function>(function));
}

}  // namespace sgdbias
