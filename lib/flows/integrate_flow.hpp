#pragma once
// The Boost.Odeint glue for modified flows: the ONLY file of sgdbias that includes odeint.
//
// A flow is any odeint System `system(const State& x, State& dxdt, double t)`; every flow of
// lib/flows/ (and any game flow) is such a functor with mutable workspace, so it is passed to
// odeint through std::ref and never copied. State is sgdbias::Vector, or ComplexVector for the
// principal flow whose coefficients are complex when hλ > 1 (bea.md §4.5).
//
// Integrator choice (bea.md §2.3 item 5): for order checks a fixed-step RK4 with N ≥ 4 substeps per
// window has error (n h)⁵/N⁴ = O(h⁵), which can never mask an O(h³) local effect, and it is
// deterministic; the controlled Fehlberg 7(8) at rtol 1e-13 is the alternative. A linear flow
// that declares its rates (LinearFlow: the complex principal flow, whose rates |Log(1 − hλ)|/h
// reach π/h) gets the RK4 substeps its error bound needs, not a fixed 8 (which missed GD's integer
// steps by 5e-3 there).
#include <algorithm>
#include <cmath>
#include <complex>
#include <functional>
#include <limits>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>

#include "lib/core/drive_on_grid.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/record_grid.hpp"
#include "lib/core/time_grid.hpp"
#include "lib/core/validation.hpp"
#include "lib/flows/complex_state.hpp"
#include "lib/flows/rk4_linear_error.hpp"

namespace sgdbias {

enum class FlowStepper {
  kRungeKutta4,          // fixed step, `substeps` equal steps per integrate_flow call
  kRungeKuttaFehlberg78  // error-controlled, absolute/relative tolerances below
};

struct FlowIntegrationOptions {
  FlowStepper stepper = FlowStepper::kRungeKutta4;
  Index substeps = 8;                  // kRungeKutta4: equal substeps per call (≥ 1)
  double absolute_tolerance = 1e-15;   // kRungeKuttaFehlberg78
  double relative_tolerance = 1e-13;   // kRungeKuttaFehlberg78
  // kRungeKutta4 on a LINEAR flow that declares its rates (LinearFlow below, e.g.
  // QuadraticPrincipalFlow): at least as many substeps as bound RK4's relative error per call by
  // this (rk4_linear_error.hpp), whatever `substeps` says.
  double linear_rk4_tolerance = 1e-10;

  void validate(std::string_view where) const {
    require(substeps >= 1, where, "substeps must be >= 1, got ", substeps);
    require_positive_finite(absolute_tolerance, where, "absolute_tolerance");
    require_positive_finite(relative_tolerance, where, "relative_tolerance");
    require_positive_finite(linear_rk4_tolerance, where, "linear_rk4_tolerance");
  }
};

// A linear flow ẏ = A y + b with A diagonalisable by an orthogonal matrix may declare the
// eigenvalues μ_i of A (complex); integrate_flow then chooses RK4's substeps from them.
template <class System>
concept LinearFlow = requires(const System& system) {
  { system.linear_rates() } -> std::convertible_to<ComplexVector>;
};

namespace detail {

template <class State>
void require_finite_state(const State& x, std::string_view where, double time, std::string_view advice) {
  if (!x.allFinite()) {
    throw NumericalFailure(where, describe("the flow reached a non-finite state at t = ", time, " (", advice, ")"));
  }
}

// odeint's error checker, except that a non-finite error estimate counts as +∞. odeint rejects a
// trial step when `error > 1`, which is false for NaN, and Eigen's max-norm may skip NaN entries:
// a trial step that overflowed (e.g. the first, duration/16 long, on a stiff DLN gradient flow)
// was ACCEPTED and the state became NaN. With +∞ odeint shrinks the step by its largest factor (5).
template <class Value, class Algebra, class Operations>
class FiniteErrorChecker : public boost::numeric::odeint::default_error_checker<Value, Algebra, Operations> {
  using Base = boost::numeric::odeint::default_error_checker<Value, Algebra, Operations>;

 public:
  using Base::Base;

  template <class State, class Deriv, class Err, class Time>
  Value error(Algebra& algebra, const State& x_old, const Deriv& dxdt_old, Err& x_err, Time dt) const {
    if (!x_err.allFinite()) return std::numeric_limits<Value>::infinity();
    const Value error = Base::error(algebra, x_old, dxdt_old, x_err, dt);
    return std::isfinite(error) ? error : std::numeric_limits<Value>::infinity();
  }
  template <class State, class Deriv, class Err, class Time>
  Value error(const State& x_old, const Deriv& dxdt_old, Err& x_err, Time dt) const {
    Algebra algebra;
    return error(algebra, x_old, dxdt_old, x_err, dt);
  }
};

// Error-controlled Fehlberg 7(8) from `start` to `end` (odeint's integrate_adaptive loop, written
// out so that a step size that collapses ends the run with a message instead of looping: it
// collapses when the flow blows up in finite time or is too stiff for an explicit method).
template <class System, class State>
void integrate_fehlberg78(System& system, State& state, double start, double end, const FlowIntegrationOptions& options,
                          std::string_view where) {
  namespace odeint = boost::numeric::odeint;
  using Stepper = odeint::runge_kutta_fehlberg78<State>;
  using Checker = FiniteErrorChecker<double, typename Stepper::algebra_type, typename Stepper::operations_type>;
  odeint::controlled_runge_kutta<Stepper, Checker> stepper(
      Checker(options.absolute_tolerance, options.relative_tolerance));
  constexpr int kMaxRejectionsInARow = 100;  // 5^-100: far below any representable step
  double t = start, dt = (end - start) / 16.0;
  int rejections = 0;
  // odeint's own end test: stop when less than ε (absolute) remains.
  while (end - t > std::numeric_limits<double>::epsilon()) {
    dt = std::min(dt, end - t);
    if (stepper.try_step(std::ref(system), state, t, dt) == odeint::success) {
      rejections = 0;
      continue;
    }
    if (++rejections > kMaxRejectionsInARow || !(t + dt > t)) {
      throw NumericalFailure(where, describe("the error-controlled step size collapsed to ", dt, " at t = ", t,
                                             " (integrating from ", start, " to ", end,
                                             "): the flow blows up in finite time near there or is too stiff for an "
                                             "explicit Runge-Kutta method. Check the flow's parameters (e.g. a smaller "
                                             "step size h), or integrate to an earlier time"));
    }
  }
}

}  // namespace detail

// Advances `state` along the flow `system` from t = start_time for `duration` ≥ 0.
template <class System, class State>
void integrate_flow(System& system, State& state, double duration, const FlowIntegrationOptions& options = {},
                    double start_time = 0.0) {
  namespace odeint = boost::numeric::odeint;
  constexpr std::string_view kWhere = "integrate_flow";
  options.validate(kWhere);
  require(std::isfinite(duration) && duration >= 0.0, kWhere, "duration must be finite and >= 0, got ",
          duration);
  if (duration == 0.0) return;
  if (options.stepper == FlowStepper::kRungeKutta4) {
    odeint::runge_kutta4<State, double, State, double> stepper;
    Index substeps = options.substeps;
    if constexpr (LinearFlow<System>) {
      substeps = rk4_substeps_for_linear_flow(system.linear_rates(), duration, options.linear_rk4_tolerance, substeps);
    }
    const double dt = duration / static_cast<double>(substeps);
    for (Index k = 0; k < substeps; ++k) {
      // Time as start + k·dt (no accumulated t += dt drift), odeint's own convention.
      stepper.do_step(std::ref(system), state, start_time + static_cast<double>(k) * dt, dt);
    }
    detail::require_finite_state(state, kWhere, start_time + duration,
                                 "stiff or diverging flow: use more substeps, the error-controlled "
                                 "FlowStepper::kRungeKuttaFehlberg78, or a smaller step size h");
  } else {
    if constexpr (std::is_same_v<typename State::Scalar, double>) {
      detail::integrate_fehlberg78(system, state, start_time, start_time + duration, options, kWhere);
      detail::require_finite_state(state, kWhere, start_time + duration,
                                   "diverging flow: check its parameters (e.g. a smaller step size h) or "
                                   "tighten absolute_tolerance and relative_tolerance");
    } else {
      throw InvalidArgument(kWhere, "complex states are integrated with FlowStepper::kRungeKutta4 only");
    }
  }
}

// The grid drivers: integrate_flow over each interval of a time grid, with observers of THE
// protocol (lib/core/observer.hpp), so that a trace or a loss integral written for iterate() or
// an SDE path runs on a flow too: records at the grid's record steps, on_step(k, x_k,
// FixedStep{t_{k+1} − t_k, t_k}) before each interval (a left Riemann sum over the grid).

// Integrates from times.front() through the non-decreasing `times` (one step per interval,
// every point a record: stride 1).
template <class System, class State, class... Observers>
void integrate_flow_at_times(System& system, State& state, std::span<const double> times,
                             const FlowIntegrationOptions& options, Observers&&... observers) {
  constexpr std::string_view kWhere = "integrate_flow_at_times";
  require(!times.empty(), kWhere, "times must not be empty");
  for (std::size_t k = 1; k < times.size(); ++k) {
    require(times[k] >= times[k - 1], kWhere, "times must be non-decreasing, got ", times[k - 1], " then ", times[k]);
  }
  const auto steps = static_cast<Index>(times.size()) - 1;
  const State& view = state;
  (observer::notify_start(observers, RecordGrid{steps, 1}, view), ...);
  for (Index k = 0; k < steps; ++k) {
    const double t = times[static_cast<std::size_t>(k)], next = times[static_cast<std::size_t>(k + 1)];
    (observer::notify_record(observers, RecordPoint{k, t}, view), ...);
    (observer::notify_step(observers, k, view, FixedStep{next - t, t}), ...);
    integrate_flow(system, state, next - t, options, t);
  }
  [[maybe_unused]] const RecordPoint last{steps, times.back()};
  (observer::notify_record(observers, last, view), ...);
  (observer::notify_finish(observers, last, view), ...);
}

// Integrates over the TimeGrid (lib/core/time_grid.hpp): `grid.steps` intervals of h from
// grid.start (t_k = start + k·h, the last point exactly grid.end), each one integrate_flow call
// with `options`, records every grid.record_stride intervals and at the end.
template <class System, class State, class... Observers>
void integrate_flow_on_grid(System& system, State& state, const TimeGrid& grid, const FlowIntegrationOptions& options,
                            Observers&&... observers) {
  grid.validate("integrate_flow_on_grid");
  drive_on_grid(grid, std::as_const(state), [&](Index /*k*/, double t, double h) {
    integrate_flow(system, state, h, options, t);
  }, observers...);
}

}  // namespace sgdbias
