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
// deterministic; the controlled Fehlberg 7(8) at rtol 1e-13 is the alternative.
#include <cmath>
#include <complex>
#include <functional>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/validation.hpp"
#include "lib/flows/complex_state.hpp"

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

  void validate(std::string_view where) const {
    require(substeps >= 1, where, "substeps must be >= 1, got ", substeps);
    require_positive_finite(absolute_tolerance, where, "absolute_tolerance");
    require_positive_finite(relative_tolerance, where, "relative_tolerance");
  }
};

namespace detail {

template <class State>
void require_finite_state(const State& x, std::string_view where, double time) {
  if (!x.allFinite()) {
    throw NumericalFailure(where, describe("the flow reached a non-finite state at t = ", time,
                                           " (stiff or diverging flow: use more substeps or a"
                                           " smaller step size)"));
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
    const double dt = duration / static_cast<double>(options.substeps);
    for (Index k = 0; k < options.substeps; ++k) {
      // Time as start + k·dt (no accumulated t += dt drift), odeint's own convention.
      stepper.do_step(std::ref(system), state, start_time + static_cast<double>(k) * dt, dt);
    }
  } else {
    if constexpr (std::is_same_v<typename State::Scalar, double>) {
      auto stepper = odeint::make_controlled(options.absolute_tolerance, options.relative_tolerance,
                                             odeint::runge_kutta_fehlberg78<State>());
      odeint::integrate_adaptive(stepper, std::ref(system), state, start_time, start_time + duration,
                                 duration / 16.0);
    } else {
      throw InvalidArgument(kWhere, "complex states are integrated with FlowStepper::kRungeKutta4 only");
    }
  }
  detail::require_finite_state(state, kWhere, start_time + duration);
}

// Integrates from times.front() through the increasing `times`, calling observe(state, t) at each
// (including the first). Used to evaluate modified losses along a flow trajectory.
template <class System, class State, class Observer>
void integrate_flow_at_times(System& system, State& state, std::span<const double> times, Observer&& observe,
                             const FlowIntegrationOptions& options = {}) {
  constexpr std::string_view kWhere = "integrate_flow_at_times";
  require(!times.empty(), kWhere, "times must not be empty");
  observe(std::as_const(state), times.front());
  for (std::size_t k = 1; k < times.size(); ++k) {
    require(times[k] >= times[k - 1], kWhere, "times must be non-decreasing, got ", times[k - 1],
            " then ", times[k]);
    integrate_flow(system, state, times[k] - times[k - 1], options, times[k - 1]);
    observe(std::as_const(state), times[k]);
  }
}

}  // namespace sgdbias
